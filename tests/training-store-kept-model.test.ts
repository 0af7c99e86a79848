import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useTraining } = await import('../src/state/training');
const { useBackbone } = await import('../src/state/backbone');
const { useModelInUse } = await import('../src/state/model-in-use');
const { loadInterrupted, loadSavedModel } = await import('../src/state/model-store');
const { useOtherModel } = await import('../src/state/other-model');
const { keepLastModel } = await import('../src/core/storage/model-writer');
const { runUndo } = await import('../src/state/undo');
const runRecord = await import('../src/state/run-record');
const { startRun } = await import('./fixtures/driven-run');
const {
  SLOW,
  finishWhileExporting,
  initialStores: initial,
  latestUndo,
  summary,
  trainingStoreEachTest,
} = await import('./helpers-training-store');

trainingStoreEachTest();

describe('training store against a fake worker', () => {
  it("a reload for another tab or an update waits for the last run's model to be stored, not only the autosave", async () => {
    const { settleWrites } = await import('../src/state/coordinator');
    const release = await finishWhileExporting();
    let settled = false;
    const settling = settleWrites().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    // the autosave has nothing to write (it never started here): only the model's save holds the reload
    expect(settled).toBe(false);
    release();
    await settling;
    expect(await loadSavedModel()).toBeDefined();
  });

  it('New project right after a run waits for its model to be stored: undone, the run is not offered back as interrupted', async () => {
    const { replaceProject } = await import('../src/state/project-undo');
    const { emptyProject } = await import('../src/state/coordinator');
    const release = await finishWhileExporting();
    const replacing = replaceProject('Started a new project', emptyProject);
    await new Promise((r) => setTimeout(r, 30));
    release();
    await replacing;
    expect(await runUndo(latestUndo())).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(useTraining.getState().interrupted).toBeNull();
    expect(await loadInterrupted()).toBeUndefined();
    expect(await loadSavedModel()).toBeDefined();
  });

  it("the results say whose model they are: a run's (the worker's) or one read back from storage (its zip)", async () => {
    expect(useTraining.getState().restoreResult(summary())).toBe(true);
    expect(useTraining.getState().resultStored).toBe(true);
    const { run, done } = startRun();
    await run.started;
    run.finish(summary());
    await done;
    expect(useTraining.getState().resultStored).toBe(false);
    expect(useTraining.getState().showKept(summary())).toBe(true);
    expect(useTraining.getState().resultStored).toBe(true);
  });

  it("an older model chosen again, read back after a reload, is not called the last run's, whichever comes back first", () => {
    const { recordRun } = runRecord;
    const older = summary({ valAccuracy: 0.7 });
    const newer = summary({ valAccuracy: 0.9 });
    const runs = [recordRun(older, 1, [], 'mobilenet-v1-0.25'), recordRun(newer, 2, [], 'mobilenet-v1-0.25')];
    // the run history first, then the model
    useTraining.getState().restoreRuns(runs);
    expect(useTraining.getState().restoreResult(older)).toBe(true);
    expect(useTraining.getState().lastRunShown).toBe(false);
    // the model first, then the run history
    useTraining.setState({ ...initial.training }, true);
    expect(useTraining.getState().restoreResult(older)).toBe(true);
    expect(useTraining.getState().lastRunShown).toBe(true);
    useTraining.getState().restoreRuns(runs);
    expect(useTraining.getState().lastRunShown).toBe(false);
    // the newest run's own model is
    useTraining.setState({ ...initial.training }, true);
    useTraining.getState().restoreRuns(runs);
    useTraining.getState().restoreResult(newer);
    expect(useTraining.getState().lastRunShown).toBe(true);
  });

  it("a kept model chosen again shows its own run's batch losses beside its epochs, not the newer run's", () => {
    const { recordRun } = runRecord;
    const older = summary({ valAccuracy: 0.7 });
    const newer = summary({ valAccuracy: 0.9 });
    const runs = [
      recordRun(older, 1, [{ step: 1, loss: 0.7 }], 'mobilenet-v1-0.25'),
      recordRun(newer, 2, [{ step: 1, loss: 0.9 }], 'mobilenet-v1-0.25'),
    ];
    useTraining.setState({ runs, batches: runs[1].batches!, result: newer, status: 'done' });
    expect(useTraining.getState().showKept(older)).toBe(true);
    expect(useTraining.getState().batches).toEqual([{ step: 1, loss: 0.7 }]);
  });

  it('a finished run is kept for the next visit, with the results it was shown with', async () => {
    const { run, done } = startRun();
    await run.started;
    run.finish(summary({ valAccuracy: 0.9 }));
    await done;
    await vi.waitFor(async () => expect((await loadSavedModel())?.result.valAccuracy).toBe(0.9), SLOW);
    expect([...(await loadSavedModel())!.zip]).toEqual([1, 2, 3]);
    expect(useTraining.getState().notKept).toBeNull();
  });

  it('the model a run replaced is kept and offered back; using it swaps the two, results, Try it and storage', async () => {
    worker.importModel = async () => ({ labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'center' });
    for (const valAccuracy of [0.9, 0.6]) {
      const { run, done } = startRun();
      await run.started;
      expect(useOtherModel.getState().other).toBeNull(); // nothing to go back to while a run trains
      run.finish(summary({ valAccuracy, images: { train: 8, val: 2 } }));
      await done;
      await vi.waitFor(async () => expect((await loadSavedModel())?.result.valAccuracy).toBe(valAccuracy), SLOW);
    }
    await vi.waitFor(() => expect(useOtherModel.getState().other?.valAccuracy).toBe(0.9), SLOW);
    expect(useTraining.getState().lastRunShown).toBe(true);
    await useOtherModel.getState().switchToOther();
    expect(useTraining.getState().result?.valAccuracy).toBe(0.9);
    // an earlier run's model: Evaluate does not compare it with "the run before" (it is that run)
    expect(useTraining.getState().lastRunShown).toBe(false);
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'restored', labels: ['cats', 'dogs'] });
    // stored as the last model: a reload brings back the one chosen; and the other way back is offered
    expect((await loadSavedModel())?.result.valAccuracy).toBe(0.9);
    await vi.waitFor(() => expect(useOtherModel.getState().other?.valAccuracy).toBe(0.6), SLOW);
    // a model that cannot be read back is said so, and nothing changes
    worker.importModel = async () => {
      throw new Error('the zip is damaged');
    };
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toMatch(/could not be used: the zip is damaged/);
    expect(useTraining.getState().result?.valAccuracy).toBe(0.9);
    expect((await loadSavedModel())?.result.valAccuracy).toBe(0.9);
  });

  it('the model kept beside the last one, trained on another backbone, loads that backbone first', async () => {
    const order: string[] = [];
    worker.importModel = async () => {
      order.push(`import on ${useBackbone.getState().loaded?.id}`);
      return { labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'center' };
    };
    worker.loadBackbone = async (id: string) => {
      order.push(`load ${id}`);
      if (id === 'mobilenet-v2-0.35') throw new Error('offline');
      return { id, blocks: [], source: 'local' };
    };
    await useBackbone.getState().select('mobilenet-v1-0.25-graph');
    const result = summary({ valAccuracy: 0.8, images: { train: 8, val: 2 } });
    const savedAt = new Date().toISOString();
    const keep = (zip: number, backboneId: string) =>
      keepLastModel({ zip: new Uint8Array([zip]), result, savedAt, backboneId });
    await keep(1, 'mobilenet-v1-0.25');
    await keep(2, 'mobilenet-v1-0.25-graph');
    await useOtherModel.getState().refresh();
    expect(useOtherModel.getState().other?.backboneId).toBe('mobilenet-v1-0.25');
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toBeNull();
    expect(order).toEqual(['load mobilenet-v1-0.25-graph', 'load mobilenet-v1-0.25', 'import on mobilenet-v1-0.25']);
    expect(useTraining.getState().result?.valAccuracy).toBe(0.8);
    expect([...(await loadSavedModel())!.zip]).toEqual([1]);
    // a backbone that does not load: nothing is swapped
    await keep(3, 'mobilenet-v2-0.35');
    await keep(4, 'mobilenet-v1-0.25');
    await useOtherModel.getState().refresh();
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toMatch(/backbone it was trained on could not be loaded/);
    expect([...(await loadSavedModel())!.zip]).toEqual([4]);
    // a backbone no longer listed is not even tried
    await keep(5, 'custom-gone');
    await keep(6, 'mobilenet-v1-0.25');
    await useOtherModel.getState().refresh();
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toMatch(/no longer listed/);
    expect(order.filter((o) => o.startsWith('import'))).toHaveLength(1);
  });

  it('a full disk keeps the trained model on the page and says it is not kept for the next visit', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { run, done } = startRun();
    await run.started;
    run.finish(summary());
    await done;
    expect(useModelInUse.getState().model?.kind).toBe('trained');
    await vi.waitFor(
      () => expect(useTraining.getState().notKept).toMatch(/not kept for your next visit \(browser storage is full\)/),
      SLOW,
    );
  });
});
