import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** the project database's open, held silent until `answer` (a tab of an older version blocking it) */
const gate = vi.hoisted(() => ({ silent: false, answer: () => {} }));
vi.mock('../src/core/storage/databases', async (original) => {
  const real = await original<typeof import('../src/core/storage/databases')>();
  return {
    ...real,
    openDatabase: (id: Parameters<typeof real.openDatabase>[0]) =>
      id === 'project' && gate.silent
        ? new Promise((resolve) => (gate.answer = () => resolve(real.openDatabase(id))))
        : real.openDatabase(id),
  };
});

const { installLocalStorage } = await import('./fake-worker');
const { OPEN_WAIT_MS, restoreProject, startAutosave, usePersistence } = await import('../src/state/persist');
const { useProject } = await import('../src/state/project');
const { connectStores } = await import('../src/state/coordinator');
const { closeDatabases } = await import('../src/core/storage/databases');
const { writeLegacyStorage } = await import('./fixtures/legacy-storage');

const page = new EventTarget();
Object.assign(globalThis, {
  addEventListener: page.addEventListener.bind(page),
  removeEventListener: page.removeEventListener.bind(page),
});
if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: {} });

afterEach(async () => {
  vi.useRealTimers();
  await closeDatabases();
});

const names = () => useProject.getState().classes.map((c) => c.name);

describe('storage that never answers at start', () => {
  it('the page starts, says so, and writes nothing over the project it could not read', async () => {
    const local = installLocalStorage();
    // (left connected: the restore's model reading goes on after the test)
    connectStores();
    await writeLegacyStorage();
    gate.silent = true;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const restoring = restoreProject();
    await vi.advanceTimersByTimeAsync(OPEN_WAIT_MS);
    // before, the page stayed blank: the first render waits for this
    expect(await restoring).toBe(false);
    vi.useRealTimers();
    expect(usePersistence.getState().error).toMatch(/^Browser storage did not answer/);
    const stop = startAutosave(0);
    useProject.getState().addClass('new here');
    // neither the page leaving nor the autosave writes this page's project over the stored one
    page.dispatchEvent(new Event('pagehide'));
    expect(local.store.get('transfer-studio-pending-record')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 50));
    expect(usePersistence.getState().error).toMatch(/^Browser storage did not answer/);
    stop();
    gate.silent = false;
    gate.answer();
    await vi.waitFor(() => expect(usePersistence.getState().error).toMatch(/^Browser storage answers now: reload/));
    // the reload finds the project as it was
    useProject.setState({ classes: [] });
    expect(await restoreProject()).toBe(true);
    expect(names()).toEqual(['cats', 'dogs']);
  });
});
