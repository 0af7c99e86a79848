import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainSummary } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { useUndo, runUndo } = await import('../src/state/undo');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { useModelSetAside } = await import('../src/state/model-set-aside');
const { useOtherModel } = await import('../src/state/other-model');
const { clearTrained } = await import('../src/state/coordinator');
const { keepModelRecord, LAST_MODEL_KEY } = await import('../src/core/storage/model-writer');
const { forgetImportedModel, forgetSavedModel } = await import('../src/state/model-store');
const { backboneInfo, connectedStoresEachTest } = await import('./store-harness');

connectedStoresEachTest([
  useTraining,
  useBackbone,
  useModelInUse,
  useUndo,
  useModelSetAside,
  useLrSuggestion,
  useOtherModel,
]);

const V1 = 'mobilenet-v1-0.25';
const V2 = 'mobilenet-v2-0.35';
const GRAPH = 'mobilenet-v1-0.25-graph';
const LABEL = 'The model trained on MobileNet v1 α0.25 is set aside while MobileNetV2 α0.35 is loaded';

beforeEach(async () => {
  await forgetSavedModel();
  await forgetImportedModel();
  worker.loadBackbone = async (id: string) => backboneInfo(id);
  worker.importModel = async () => ({ labels: ['a', 'b'], inputSize: 224, cropMode: 'center' });
});

const labels = () => useUndo.getState().entries.map((e) => e.label);
const settle = () => new Promise((r) => setTimeout(r, 30));

/** a run on `backboneId` finished: its model answers, its results are shown, storage holds it (unless `kept` is false) */
async function trainedOn(backboneId: string, kept = true) {
  const result = { valAccuracy: 0.833, history: [] } as unknown as TrainSummary;
  if (kept)
    await keepModelRecord(LAST_MODEL_KEY, { zip: new Uint8Array(4), result, savedAt: 'now', backboneId }, 'the model');
  useTraining.getState().showKept(result, kept);
  useModelInUse
    .getState()
    .show({ kind: 'trained', labels: ['a', 'b'], inputSize: 224, cropMode: 'center', name: 'trained here' });
}

/** a head-only model made for `backboneId` imported (its head answers on that backbone's features only) */
async function importedHeadFor(backboneId: string) {
  worker.importModel = async () => ({
    labels: ['h', 'k'],
    inputSize: 224,
    cropMode: 'center',
    headOnlyFor: backboneId,
  });
  await useModelInUse.getState().importModel(new File([new Uint8Array(4)], 'head.zip'));
  expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', headOnlyFor: backboneId });
}

describe('a backbone switch that leaves the trained model behind', () => {
  it('is said once, with an undo that switches back and brings the model back', async () => {
    await useBackbone.getState().select(V1);
    await trainedOn(V1);
    await useBackbone.getState().select(V2);
    await vi.waitFor(() => expect(labels()).toEqual([LABEL]));
    expect(useModelInUse.getState().model).toBeNull();
    expect(useModelSetAside.getState().setAside).toMatchObject({ backboneId: V1 });
    await settle();
    expect(labels()).toEqual([LABEL]);

    expect(await runUndo(useUndo.getState().entries[0].id)).toBe(true);
    expect(useBackbone.getState()).toMatchObject({ selected: V1, loaded: { id: V1 } });
    await vi.waitFor(() => expect(useModelInUse.getState().model?.kind).toBe('restored'));
    expect(useTraining.getState().result).toMatchObject({ valAccuracy: 0.833 });
    expect(useModelSetAside.getState().setAside).toBeNull();
    await settle();
    // going back offers nothing: the model is back
    expect(labels()).toEqual([]);
  });

  it('picked back by hand, the model comes back and its toast goes (nothing left to undo)', async () => {
    await useBackbone.getState().select(V1);
    await trainedOn(V1);
    await useBackbone.getState().select(V2);
    await vi.waitFor(() => expect(labels()).toEqual([LABEL]));
    await useBackbone.getState().select(V1);
    await vi.waitFor(() => expect(useModelInUse.getState().model?.kind).toBe('restored'));
    expect(labels()).toEqual([]);
    expect(useModelSetAside.getState().setAside).toBeNull();
  });

  it('a further switch with no model shown offers nothing more, and Try it still names the backbone it waits for', async () => {
    await useBackbone.getState().select(V1);
    await trainedOn(V1);
    await useBackbone.getState().select(V2);
    await vi.waitFor(() => expect(labels()).toEqual([LABEL]));
    await useBackbone.getState().select(GRAPH);
    await settle();
    expect(labels()).toEqual([LABEL]);
    expect(useModelSetAside.getState().setAside).toMatchObject({ backboneId: V1 });
    // its undo still switches back to the model's own backbone
    await runUndo(useUndo.getState().entries[0].id);
    expect(useBackbone.getState().loaded?.id).toBe(V1);
    await vi.waitFor(() => expect(useModelInUse.getState().model?.kind).toBe('restored'));
  });

  it('none when there was no model, nor when the model trained was not kept (nothing would come back)', async () => {
    await useBackbone.getState().select(V1);
    await useBackbone.getState().select(V2);
    await settle();
    expect(labels()).toEqual([]);
    expect(useModelSetAside.getState().setAside).toBeNull();

    await trainedOn(V2, false);
    await useBackbone.getState().select(V1);
    await settle();
    expect(labels()).toEqual([]);
    expect(useModelSetAside.getState().setAside).toBeNull();
  });

  it('none when the same backbone is loaded again (on another backend): its model comes back by itself', async () => {
    await useBackbone.getState().select(V1);
    await trainedOn(V1);
    const held = useBackbone.getState().loaded!;
    useBackbone.setState({ loaded: { ...held }, lastLoad: { before: held, loaded: { ...held } } });
    await vi.waitFor(() => expect(useModelInUse.getState().model?.kind).toBe('restored'));
    await settle();
    expect(labels()).toEqual([]);
  });

  it('none for the backbone "Use that model instead" loads for the model before (offered back there)', async () => {
    await useBackbone.getState().select(V2);
    await trainedOn(V2);
    useOtherModel.setState({ swapping: true });
    await useBackbone.getState().select(V1);
    await settle();
    expect(labels()).toEqual([]);
  });

  it('its undo is refused while training runs; the toast goes once the run’s model answers', async () => {
    await useBackbone.getState().select(V1);
    await trainedOn(V1);
    await useBackbone.getState().select(V2);
    await vi.waitFor(() => expect(labels()).toEqual([LABEL]));
    const id = useUndo.getState().entries[0].id;
    useTraining.setState({ status: 'training' });
    expect(await runUndo(id)).toBe(false);
    expect(useUndo.getState().entries[0].error).toBe('Training is running: undo once it has stopped.');
    expect(useBackbone.getState().loaded?.id).toBe(V2);

    // the run ends with its own model: it answers, and it is the one storage keeps now
    useTraining.setState({ status: 'done' });
    await trainedOn(V2);
    expect(useModelSetAside.getState().setAside).toBeNull();
    await vi.waitFor(() => expect(labels()).toEqual([]));
    expect(useBackbone.getState().loaded?.id).toBe(V2);
  });

  it('its undo is refused once storage no longer keeps that model (switching back would bring nothing)', async () => {
    await useBackbone.getState().select(V1);
    await trainedOn(V1);
    await useBackbone.getState().select(V2);
    await vi.waitFor(() => expect(labels()).toEqual([LABEL]));
    await forgetSavedModel();
    expect(await runUndo(useUndo.getState().entries[0].id)).toBe(false);
    expect(useUndo.getState().entries[0].error).toBe(
      'Another model has taken its place since: switching back to MobileNet v1 α0.25 would not bring it back.',
    );
    expect(useBackbone.getState().loaded?.id).toBe(V2);
  });

  it('its undo waits for the learning-rate finder (switched under it, the sweep failed)', async () => {
    await useBackbone.getState().select(V1);
    await trainedOn(V1);
    await useBackbone.getState().select(V2);
    await vi.waitFor(() => expect(labels()).toEqual([LABEL]));
    useLrSuggestion.setState({ status: 'sweeping' });
    expect(await runUndo(useUndo.getState().entries[0].id)).toBe(false);
    expect(useUndo.getState().entries[0].error).toMatch(/while the learning-rate finder runs/);
    expect(useBackbone.getState().loaded?.id).toBe(V2);
  });

  it('Try it forgets it once the page is cleared (a project replaced)', async () => {
    await useBackbone.getState().select(V1);
    await trainedOn(V1);
    await useBackbone.getState().select(V2);
    await vi.waitFor(() => expect(useModelSetAside.getState().setAside).not.toBeNull());
    clearTrained();
    expect(useModelSetAside.getState().setAside).toBeNull();
  });

  it('after a reload on another backbone, Try it names the one the kept model waits for', async () => {
    await keepModelRecord(
      LAST_MODEL_KEY,
      { zip: new Uint8Array(4), result: { valAccuracy: 0.8, history: [] }, savedAt: 'then', backboneId: V1 },
      'the model',
    );
    await useBackbone.getState().select(V2);
    await vi.waitFor(() => expect(useModelSetAside.getState().setAside).toMatchObject({ backboneId: V1 }));
    expect(labels()).toEqual([]);
  });

  it('a head-only imported model left behind is said and offered back the same way', async () => {
    await useBackbone.getState().select(V1);
    await importedHeadFor(V1);
    await useBackbone.getState().select(V2);
    await vi.waitFor(() => expect(labels()).toEqual([LABEL]));
    expect(useModelInUse.getState().model).toBeNull();
    expect(useModelSetAside.getState().setAside).toMatchObject({ backboneId: V1 });

    expect(await runUndo(useUndo.getState().entries[0].id)).toBe(true);
    expect(useBackbone.getState()).toMatchObject({ selected: V1, loaded: { id: V1 } });
    await vi.waitFor(() => expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', headOnlyFor: V1 }));
    expect(useModelSetAside.getState().setAside).toBeNull();
  });

  it('a whole imported model answers on the next backbone: nothing is set aside', async () => {
    await useBackbone.getState().select(V1);
    await trainedOn(V1);
    await useModelInUse.getState().importModel(new File([new Uint8Array(4)], 'whole.zip'));
    await useBackbone.getState().select(V2);
    await settle();
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported' });
    expect(useModelSetAside.getState().setAside).toBeNull();
    expect(labels()).toEqual([]);
  });
});
