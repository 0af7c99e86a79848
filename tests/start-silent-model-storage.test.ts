import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** the model database's open never answers (a tab of an older version holding it) */
vi.mock('../src/core/storage/databases', async (original) => {
  const real = await original<typeof import('../src/core/storage/databases')>();
  return {
    ...real,
    openDatabase: (id: Parameters<typeof real.openDatabase>[0]) =>
      id === 'model' ? new Promise(() => undefined) : real.openDatabase(id),
  };
});

const { installLocalStorage } = await import('./fake-worker');
const { useTraining } = await import('../src/state/training');
const { STORAGE_PATIENCE_MS } = await import('../src/core/within');

afterEach(() => vi.useRealTimers());

describe('the start with a model storage that never answers', () => {
  it("the put-aside edits' revival (which the first render waits for) gives up after the storage patience", async () => {
    installLocalStorage();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let done = false;
    const reviving = useTraining
      .getState()
      .revivePutAside()
      .then(() => (done = true));
    await vi.advanceTimersByTimeAsync(STORAGE_PATIENCE_MS + 1);
    expect(done).toBe(true);
    await reviving;
  });

  it('says once that a kept model could not be read back, not that one was lost (nothing may be stored)', async () => {
    installLocalStorage();
    const { connectStores } = await import('../src/state/coordinator');
    const { restoreSavedModel } = await import('../src/state/restore-trained');
    const { usePersistence } = await import('../src/state/persist');
    const disconnect = connectStores();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const restoring = restoreSavedModel();
    await vi.advanceTimersByTimeAsync(STORAGE_PATIENCE_MS + 1);
    expect(await restoring).toBeNull();
    expect(usePersistence.getState().restoreNote).toBe(
      'Any model kept from last time could not be read back: browser storage did not answer. Reload the page to try again (close other tabs of the studio first), or train again.',
    );
    disconnect();
  });
});
