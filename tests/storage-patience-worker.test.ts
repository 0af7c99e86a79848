import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StudioWorkerApi } from '../src/worker/protocol';

/** studio.worker.ts as wired, its model and training replaced by recorders, its model storage never answering */
const h = vi.hoisted(() => ({ exposed: null as unknown, log: [] as string[] }));

vi.mock('../src/core/storage/databases', async (original) => {
  const real = await original<typeof import('../src/core/storage/databases')>();
  return {
    ...real,
    openDatabase: (id: Parameters<typeof real.openDatabase>[0]) =>
      id === 'model' ? new Promise(() => undefined) : real.openDatabase(id),
  };
});
vi.mock('comlink', () => ({
  expose: (api: unknown) => (h.exposed = api),
  transfer: <T>(value: T) => value,
}));
vi.mock('../src/worker/bundle-transfer', () => ({ bundleForPage: () => ({ bundle: {}, transfer: [] }) }));
vi.mock('../src/worker/studio-model', () => ({
  studioModel: () => ({
    imported: () => null,
    dropTrained: () => undefined,
    summary: () => ({ acc: 1 }),
    exportBundle: async () => ({ zip: Uint8Array.of(1), files: { 'model.json': Uint8Array.of(2) } }),
  }),
}));
vi.mock('../src/worker/studio-training', () => ({
  studioTraining: () => ({
    api: {
      train: async () => void h.log.push('train ran'),
      findLearningRate: async () => undefined,
      stop: () => undefined,
      setTestFault: () => undefined,
    },
    running: () => false,
  }),
}));
vi.mock('../src/worker/custom-models-api', () => ({
  customModelsApi: () => ({ headStartFor: () => null, api: {} }),
}));

await import('../src/worker/studio.worker');
const { STORAGE_PATIENCE_MS } = await import('../src/core/within');
const api = () => h.exposed as StudioWorkerApi;

afterEach(() => vi.useRealTimers());

describe('a run’s export kept with model storage that never answers', () => {
  it('comes to the page with why it was not kept, and the next run starts', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let exported: { notKept?: string | null } | undefined;
    void api()
      .exportModel(true)
      .then((b) => (exported = b));
    // the worker serialises a run behind the exports being built
    void api().train([], [], {} as never, () => undefined);
    await vi.advanceTimersByTimeAsync(STORAGE_PATIENCE_MS + 1);
    expect(exported?.notKept).toBe('browser storage did not answer');
    expect(h.log).toEqual(['train ran']);
  });
});
