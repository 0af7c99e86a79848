import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker } = await import('./fake-worker');
const { useModelInUse } = await import('../src/state/model-in-use');
const { closeDatabases } = await import('../src/core/storage/databases');

const point = {
  modelName: 'm.zip',
  labels: ['cats', 'dogs'],
  backboneId: 'mobilenet-v1-0.25',
  hiddenUnits: 0,
  start: { modelName: 'm.zip', labels: ['cats', 'dogs'], hiddenUnits: 0 },
} as never;

afterEach(async () => {
  vi.restoreAllMocks();
  resetWorker();
  useModelInUse.getState().startFromScratch();
  await closeDatabases();
});

describe('the starting point kept for the next visit', () => {
  it('storage that refuses it is said while it is in use (a reload trained from scratch without a word)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'model') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await useModelInUse.getState().putStartingPoint(point);
    expect(useModelInUse.getState().startFrom?.modelName).toBe('m.zip');
    expect(useModelInUse.getState().startNotKept).toMatch(
      /^The starting point is not kept for your next visit \(.*\): a reload starts from scratch/,
    );
    // left: the note goes with it
    useModelInUse.getState().startFromScratch();
    expect(useModelInUse.getState().startNotKept).toBeNull();
  });

  it('kept: nothing is said', async () => {
    await useModelInUse.getState().putStartingPoint(point);
    expect(useModelInUse.getState().startNotKept).toBeNull();
  });
});
