import 'fake-indexeddb/auto';
import type { ModelInfo } from '../src/state/model-in-use';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { keepModelRecord, LAST_MODEL_KEY } = await import('../src/core/storage/model-writer');
const { restoreTrained } = await import('../src/state/restore-trained');
const { useUndo, runUndo } = await import('../src/state/undo');
const { coordinatorStoresEachTest } = await import('./helpers-coordinator');

const initial = { training: useTraining.getState(), model: useModelInUse.getState() };
coordinatorStoresEachTest();

describe('coordinator: reactions between stores', () => {
  it('a model imported for Try it answers again after a reload, over the trained one; a run or the trained one again forgets it', async () => {
    // the fake worker tells the two zips apart by their length
    worker.importModel = async (zip: Uint8Array) => ({
      labels: zip.length === 3 ? ['x', 'y'] : ['a'],
      inputSize: 224,
      cropMode: 'center',
      source: 'teachable-machine',
    });
    await useBackbone.getState().select('big');
    const result = { valAccuracy: 0.9, history: [] };
    await keepModelRecord(LAST_MODEL_KEY, { zip: new Uint8Array(4), result, savedAt: new Date().toISOString() }, 'x');
    const reload = async (kind: string) => {
      useModelInUse.setState(initial.model, true);
      useTraining.setState(initial.training, true);
      restoreTrained();
      await vi.waitFor(() => expect(useModelInUse.getState().model?.kind).toBe(kind));
      // what comes back after it (the imported model follows the trained one) has had its turn
      await new Promise((r) => setTimeout(r, 50));
    };
    const tm = new File([new Uint8Array(3)], 'tm.zip');
    // Try it says what it is putting in place, and waits for it
    const importing = useModelInUse.getState().importModel(tm);
    expect(useModelInUse.getState().switching).toBe('Importing tm.zip…');
    await importing;
    expect(useModelInUse.getState().switching).toBeNull();
    expect(useModelInUse.getState().model).toMatchObject({
      kind: 'imported',
      name: 'tm.zip (Teachable Machine model)',
    });
    const { importId } = useModelInUse.getState().model!;
    expect(importId).toBeTruthy();

    await reload('imported');
    // the same import, told by its id (a starting point kept with that id stays this model's head)
    expect(useModelInUse.getState().model).toMatchObject({
      name: 'tm.zip (Teachable Machine model)',
      labels: ['x', 'y'],
      importId,
    });
    // the results of the model trained here still show, and it can answer again
    expect(useTraining.getState().result).toMatchObject(result);
    await useModelInUse.getState().backToTrained();
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'restored', labels: ['a'] });
    // the imported one left storage: offered back, it answers and is kept again
    const { loadImportedModel } = await import('../src/state/model-store');
    expect(await loadImportedModel()).toBeUndefined();
    const back = useUndo.getState().entries.at(-1)!;
    expect(back.label).toBe('Put the model trained here in place of tm.zip (Teachable Machine model)');
    expect(await runUndo(back.id)).toBe(true);
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', labels: ['x', 'y'] });
    expect((await loadImportedModel())?.name).toBe('tm.zip (Teachable Machine model)');
    await useModelInUse.getState().backToTrained();
    await reload('restored');
    expect(useModelInUse.getState().model?.labels).toEqual(['a']);

    // imported again, then a run's model answers: a reload while the run goes on (its model not
    // saved, the run to be resumed) brings the import back, not the older model trained here
    await useModelInUse.getState().importModel(tm);
    const run: ModelInfo = { kind: 'trained', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'run' };
    useModelInUse.getState().show(run);
    await new Promise((r) => setTimeout(r, 20));
    await reload('imported');
    expect(useModelInUse.getState().model?.labels).toEqual(['x', 'y']);
    // the resumed run hands its model over and ends: the next visit brings back the trained one
    useModelInUse.getState().show(run);
    await useModelInUse.getState().runEnded();
    await reload('restored');
    expect(useModelInUse.getState().model?.labels).toEqual(['a']);
  });

  it("'Use the model trained here' puts back the run's model the worker holds, not the one in storage (its save unfinished or failed)", async () => {
    const { loadImportedModel } = await import('../src/state/model-store');
    // the fake worker tells the zips apart by their length
    const imports: number[] = [];
    worker.importModel = async (zip: Uint8Array) => {
      imports.push(zip.length);
      return {
        labels: zip.length === 3 ? ['x', 'y'] : ['old'],
        inputSize: 224,
        cropMode: 'center',
        source: 'teachable-machine',
      };
    };
    let inMemory = true;
    worker.useTrained = async () => inMemory;
    // an earlier run's model is the one in storage: this run's save has not finished (or storage was full)
    const result = { valAccuracy: 0.5, history: [] };
    await keepModelRecord(LAST_MODEL_KEY, { zip: new Uint8Array(4), result, savedAt: new Date().toISOString() }, 'x');
    useTraining.setState({ status: 'done', result: { valAccuracy: 0.9 } as never });
    const run: ModelInfo = {
      kind: 'trained',
      labels: ['a', 'b'],
      inputSize: 224,
      cropMode: 'center',
      name: 'trained here',
    };
    useModelInUse.getState().show(run);
    await useModelInUse.getState().runEnded();
    const tm = 'tm.zip (Teachable Machine model)';
    await useModelInUse.getState().importModel(new File([new Uint8Array(3)], 'tm.zip'));
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', name: tm });

    await useModelInUse.getState().backToTrained();
    expect(useModelInUse.getState()).toMatchObject({ model: run, importError: null });
    // the stored model was not read into the worker
    expect(imports).toEqual([3]);
    // the imported one left storage (a reload brings back the stored model): offered back, it answers again
    expect(await loadImportedModel()).toBeUndefined();
    const back = useUndo.getState().entries.at(-1)!;
    expect(back.label).toBe(`Put the model trained here in place of ${tm}`);
    expect(await runUndo(back.id)).toBe(true);
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', name: tm });
    await useModelInUse.getState().backToTrained();
    expect(useModelInUse.getState().model).toEqual(run);

    // the worker holds no model trained here (it went with its backbone, or the page was reloaded): the stored one
    await useModelInUse.getState().importModel(new File([new Uint8Array(3)], 'tm.zip'));
    inMemory = false;
    await useModelInUse.getState().backToTrained();
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'restored', labels: ['old'] });
    expect(imports).toEqual([3, 3, 3, 4]);

    // after a GPU fault moved the worker, the head it kept may be gone with the device: the stored one
    useModelInUse.getState().show(run);
    await useModelInUse.getState().runEnded();
    await useModelInUse.getState().importModel(new File([new Uint8Array(3)], 'tm.zip'));
    inMemory = true;
    useModelInUse.getState().fellBack();
    await useModelInUse.getState().backToTrained();
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'restored', labels: ['old'] });
  });

  it('an imported model a run or another import took the place of is offered back, once the run has ended', async () => {
    const { loadImportedModel } = await import('../src/state/model-store');
    // the fake worker tells the zips apart by their length
    worker.importModel = async (zip: Uint8Array) => ({
      labels: zip.length === 3 ? ['x', 'y'] : ['p', 'q', 'r'],
      inputSize: 224,
      cropMode: 'center',
      source: 'teachable-machine',
    });
    const tm = 'tm.zip (Teachable Machine model)';
    await useModelInUse.getState().importModel(new File([new Uint8Array(3)], 'tm.zip'));
    const offered = () => useUndo.getState().entries.map((e) => e.label);
    const before = offered().length;

    // another import: the first is offered back
    await useModelInUse.getState().importModel(new File([new Uint8Array(5)], 'other.zip'));
    const swap = useUndo.getState().entries.at(-1)!;
    expect(swap.label).toBe(`other.zip (Teachable Machine model) took the place of ${tm}`);
    expect(await runUndo(swap.id)).toBe(true);
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', name: tm, labels: ['x', 'y'] });
    expect((await loadImportedModel())?.name).toBe(tm);

    // a run's first model leaves the import in storage while the run goes on (a reload mid-run
    // brings it back beside the interrupted run); it leaves, and its undo is offered, at the run's end
    const model = (name: string): ModelInfo => ({
      kind: 'trained',
      labels: ['a'],
      inputSize: 224,
      cropMode: 'center',
      name,
    });
    useModelInUse.getState().show(model('first model'));
    await new Promise((r) => setTimeout(r, 20));
    expect((await loadImportedModel())?.name).toBe(tm);
    useModelInUse.getState().show(model('trained here'));
    await new Promise((r) => setTimeout(r, 20));
    expect(offered()).toHaveLength(before);
    expect((await loadImportedModel())?.name).toBe(tm);
    await useModelInUse.getState().runEnded();
    expect(await loadImportedModel()).toBeUndefined();
    expect(offered().at(-1)).toBe(`The model trained here took the place of ${tm}`);
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', name: tm });
    expect((await loadImportedModel())?.name).toBe(tm);

    // a run that fails after its first model offers it back too (it has no final model)
    useModelInUse.getState().show(model('first model of a failing run'));
    await useModelInUse.getState().runEnded();
    expect(offered().at(-1)).toBe(`The model trained here took the place of ${tm}`);
    // a trained model replacing a trained one offers nothing
    const count = offered().length;
    useModelInUse.getState().show(model('and again'));
    await useModelInUse.getState().runEnded();
    expect(offered()).toHaveLength(count);
  });
});
