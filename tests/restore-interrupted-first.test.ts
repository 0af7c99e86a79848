import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { InterruptedRun } from '../src/core/train/interrupted';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { restoreTrained } = await import('../src/state/restore-trained');
const { keepModelRecord, LAST_MODEL_KEY } = await import('../src/core/storage/model-writer');
const { backboneInfo, connectedStoresEachTest } = await import('./store-harness');
const { checkpointWriter } = await import('../src/core/storage/checkpoint-writer');

connectedStoresEachTest([useTraining, useBackbone]);
const info = (id: string) => backboneInfo(id);

const history = [1, 2, 3].map((epoch) => ({ epoch, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5, seconds: 1 }));
const interrupted = {
  checkpoint: { epoch: 3, history, values: [], early: null },
  settings: { ...useTraining.getState().settings, epochs: 30 },
  classes: ['a'],
  images: [{ id: 'i1', label: 0 }],
  backboneId: 'big',
  savedAt: 'then',
  split: 2,
} as unknown as InterruptedRun;

/** the model of a run before, trained on "big", kept in storage; the worker imports it as it is */
async function modelInStorage(valAccuracy: number): Promise<void> {
  worker.importModel = async () => ({ labels: ['a'], inputSize: 224, cropMode: 'center' });
  const result = { valAccuracy, history: [history[0]] };
  await keepModelRecord(LAST_MODEL_KEY, { zip: new Uint8Array(4), result, savedAt: 'before', backboneId: 'big' }, 'x');
}

describe('a reload mid-run, with the model of the run before in storage', () => {
  it('offers the interrupted run back at once, not after the model is read back (Train then sets it aside with an undo)', async () => {
    await modelInStorage(0.9);
    const writer = checkpointWriter();
    writer.keep(interrupted);
    await writer.settled();
    // the backbone takes its time: the model trained on it waits for it
    let finishLoad = () => {};
    worker.loadBackbone = (id: string) => new Promise((resolve) => (finishLoad = () => resolve(info(id))));
    const loading = useBackbone.getState().select('big');
    restoreTrained();
    // before, the interrupted run came only after the model: Train pressed meanwhile deleted it unoffered
    await vi.waitFor(() => expect(useTraining.getState().interrupted?.savedAt).toBe('then'));
    expect(useTraining.getState().result).toBeNull();
    finishLoad();
    await loading;
    await vi.waitFor(() => expect(useTraining.getState().result).toMatchObject({ valAccuracy: 0.9 }));
    // the charts stay the interrupted run's, as before
    expect(useTraining.getState().epochs).toEqual(history);
    expect(useTraining.getState().interrupted?.savedAt).toBe('then');
  });
});

describe('a reload whose backbone does not load at first', () => {
  it('brings the stored model back once the backbone loads after all (Try again)', async () => {
    await modelInStorage(0.8);
    worker.loadBackbone = async () => {
      throw new Error('offline');
    };
    const failing = useBackbone.getState().select('big');
    restoreTrained();
    await failing;
    await new Promise((r) => setTimeout(r, 50));
    expect(useBackbone.getState().status).toBe('error');
    expect(useTraining.getState().result).toBeNull();
    // back online: the same backbone again
    worker.loadBackbone = async (id: string) => info(id);
    await useBackbone.getState().select('big');
    await vi.waitFor(() => expect(useTraining.getState().result).toMatchObject({ valAccuracy: 0.8 }));
  });
});
