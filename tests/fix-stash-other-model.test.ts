import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainSummary } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { projectStoresEachTest } = await import('./store-harness');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { useOtherModel } = await import('../src/state/other-model');
const { useUndo, runUndo } = await import('../src/state/undo');
const { loadImportedModel, loadSavedModel } = await import('../src/state/model-store');
const { forgetTrained } = await import('../src/state/trained-stash');
const { keepLastModel, LAST_MODEL_KEY } = await import('../src/core/storage/model-writer');

const initial = { training: useTraining.getState(), model: useModelInUse.getState() };
const result = (valAccuracy: number) =>
  ({ valAccuracy, classes: ['cats', 'dogs'], images: { train: 8, val: 2 }, history: [] }) as unknown as TrainSummary;
/** what the worker answers Try it, the webcam and downloads with: the zip imported last (its first byte) */
let answering: number | null;

projectStoresEachTest({
  beforeConnect: () => {
    useTraining.setState(initial.training, true);
    useModelInUse.setState(initial.model, true);
    useOtherModel.setState({ other: null, swapping: false, error: null });
  },
});
beforeEach(async () => {
  await forgetTrained();
  answering = null;
  worker.importModel = async (zip: Uint8Array) => {
    answering = zip[0];
    return { labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'center', source: 'studio' };
  };
  // the model kept before (zip 1), then the last one, shown on the page (zip 2)
  await keepLastModel({ zip: new Uint8Array([1]), result: result(0.6), savedAt: '2024-01-01T00:00:00Z' });
  await keepLastModel({ zip: new Uint8Array([2]), result: result(0.9), savedAt: '2024-01-02T00:00:00Z' });
  useTraining.setState({ status: 'done', result: (await loadSavedModel())!.result });
  await useOtherModel.getState().refresh();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('"Use that model instead"', () => {
  it('on a full disk, the worker keeps answering with the model the page shows', async () => {
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
      if (key === LAST_MODEL_KEY) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toMatch(/^The other model could not be used: /);
    expect(useTraining.getState().result?.valAccuracy).toBe(0.9);
    expect(answering).not.toBe(1);
    expect([...(await loadSavedModel())!.zip]).toEqual([2]);
  });

  it('a model that cannot be read into the worker leaves storage as it was', async () => {
    worker.importModel = async () => {
      throw new Error('the zip is damaged');
    };
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toMatch(/the zip is damaged/);
    expect([...(await loadSavedModel())!.zip]).toEqual([2]);
    expect(useOtherModel.getState().other?.valAccuracy).toBe(0.6);
  });

  it('offers back the imported model that was answering Try it', async () => {
    await useModelInUse.getState().importModel(new File([new Uint8Array([7])], 'tm.zip'));
    const tm = 'tm.zip (Transfer Studio model)';
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', name: tm });
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toBeNull();
    expect(useModelInUse.getState().model?.kind).toBe('restored');
    expect(answering).toBe(1);
    // a reload brings back the model chosen, not the import
    expect(await loadImportedModel()).toBeUndefined();
    const back = useUndo.getState().entries.at(-1)!;
    expect(back.label).toMatch(new RegExp(`took the place of ${tm.replace(/[()]/g, '\\$&')}$`));
    expect(await runUndo(back.id)).toBe(true);
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', name: tm });
    expect(answering).toBe(7);
    expect((await loadImportedModel())?.name).toBe(tm);
  });
});

describe('the kept model offered back', () => {
  it('knows the validation images its figure was measured on: a first model kept by a Stop, on part of them', async () => {
    expect(useOtherModel.getState().other).toMatchObject({ valAccuracy: 0.6, images: { train: 8, val: 2 } });
    const part = { ...result(1), phase: 'first', images: { train: 5, val: 1 }, partOf: { train: 8, val: 2 } };
    await keepLastModel({ zip: new Uint8Array([3]), result: part as TrainSummary, savedAt: '2024-01-03T00:00:00Z' });
    await keepLastModel({ zip: new Uint8Array([4]), result: result(0.5), savedAt: '2024-01-04T00:00:00Z' });
    await useOtherModel.getState().refresh();
    // its 100% on 1 of the 2 images is no figure to set beside this model's 50% on both
    expect(useOtherModel.getState().other).toMatchObject({ valAccuracy: 1, images: { train: 5, val: 1 } });
  });
});
