import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// With site data blocked every IndexedDB open throws: the import or the trained model still
// answers in the worker, and the page must name that one, not the model before it.

vi.mock('../src/worker/client', () => import('./fake-worker'));
const { worker, resetWorker } = await import('./fake-worker');
const { useModelInUse } = await import('../src/state/model-in-use');
const { closeDatabases } = await import('../src/core/storage/databases');

const initial = useModelInUse.getState();
/** the model the (fake) worker answers with */
let inWorker = '';
const zip = (name: string, bytes: number) => new File([new Uint8Array(bytes)], name);
const trained = (): import('../src/state/model-in-use').ModelInfo => ({
  kind: 'trained',
  labels: ['x', 'y'],
  inputSize: 224,
  cropMode: 'center',
  name: 'trained here',
});

beforeEach(async () => {
  resetWorker();
  useModelInUse.setState(initial, true);
  Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
  await closeDatabases();
  vi.spyOn(indexedDB, 'open').mockImplementation(() => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  worker.importModel = async (bytes: Uint8Array) => {
    inWorker = bytes.length === 3 ? 'a' : 'b';
    const labels = bytes.length === 3 ? ['a1', 'a2'] : ['b1', 'b2', 'b3'];
    return { labels, inputSize: 224, cropMode: 'center', source: 'studio' };
  };
  worker.useTrained = async () => {
    inWorker = 'trained';
    return true;
  };
});
afterEach(async () => {
  vi.restoreAllMocks();
  await closeDatabases();
});

describe('imports with site data blocked', () => {
  it('a second import: the page names the model the worker answers with, and says a reload loses it', async () => {
    await useModelInUse.getState().importModel(zip('a.zip', 3));
    expect(useModelInUse.getState().model?.name).toMatch(/^a\.zip/);
    await useModelInUse.getState().importModel(zip('b.zip', 5));
    expect(inWorker).toBe('b');
    const s = useModelInUse.getState();
    expect(s.model?.name).toMatch(/^b\.zip/);
    expect(s.model?.labels).toEqual(['b1', 'b2', 'b3']);
    expect(s.importError).toBeNull();
    expect(s.importNotKept).toMatch(/^b\.zip.*answers now, but a reload will not bring it back/);
  });

  it('"Use the model trained here" puts back the model the worker still holds', async () => {
    useModelInUse.getState().show(trained());
    await useModelInUse.getState().importModel(zip('a.zip', 3));
    await useModelInUse.getState().backToTrained();
    expect(inWorker).toBe('trained');
    expect(useModelInUse.getState()).toMatchObject({ model: { name: 'trained here' }, importError: null });
  });

  it("a run's model shown: its end offers nothing back, and nothing is left rejected", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      useModelInUse.getState().show(trained());
      await expect(useModelInUse.getState().runEnded()).resolves.toBeUndefined();
      // an unhandled rejection is reported after the microtasks of the turn it happened in
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
