import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trainSummary } from './fixtures/train-summary';
import { until } from './fixtures/until';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { zipPageEachTest } = await import('./fixtures/zip-page');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { useOtherModel } = await import('../src/state/other-model');
const { loadPreviousModel, loadSavedModel, saveTrainedModel } = await import('../src/state/model-store');
const { forgetTrained } = await import('../src/state/trained-stash');
const { keepLastModel } = await import('../src/core/storage/model-writer');
const { readProjectZip } = await import('../src/core/project/project-zip');
const { isCarriedPath } = await import('../src/core/project/carried');
const { countsAsImage } = await import('../src/core/project/project-limits');
const { downloadProject } = await import('../src/ui/project-zip-flow');
const { openProjectZip } = await import('../src/ui/project-zip-open');

const better = {
  zip: Uint8Array.of(80, 75, 1),
  result: trainSummary({ valAccuracy: 0.9 }),
  savedAt: '2026-01-01T10:00:00.000Z',
};
const worse = {
  zip: Uint8Array.of(80, 75, 2),
  result: trainSummary({ valAccuracy: 0.5 }),
  savedAt: '2026-01-01T11:00:00.000Z',
};

describe('the model before the last one in a project zip', () => {
  const zips = zipPageEachTest({
    beforeConnect: () => {
      worker.importModel = async () => ({ labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'center' });
      useTraining.setState({ result: null, runs: [] });
      useModelInUse.setState({ model: null });
      useOtherModel.setState({ other: null, error: null });
    },
  });
  afterEach(() => forgetTrained());

  it('is a path the zip carries, not an image', () => {
    expect(isCarriedPath('model/previous.zip')).toBe(true);
    expect(isCarriedPath('model/previous.json')).toBe(true);
    expect(countsAsImage('model/previous.zip')).toBe(false);
  });

  it('comes back in the previous slot where the zip is opened, and is offered again ("Also kept")', async () => {
    // a model, then a worse one: the worker moves the better one aside
    expect(await keepLastModel(better)).toBeNull();
    expect(await keepLastModel(worse)).toBeNull();
    const said: { error: boolean; text: string }[] = [];
    await downloadProject((m) => said.push(m));
    expect(said.at(-1)).toEqual({
      error: false,
      text: expect.stringMatching(
        /^Project zip written: 1 image, the model with its results and the model trained before it, [\d.]+ MB\.$/,
      ),
    });
    const { carried } = await readProjectZip(zips[0]);
    expect(carried.get('model/previous.zip')).toEqual(better.zip);

    // a fresh browser profile: nothing kept
    await forgetTrained();
    expect(await loadPreviousModel()).toBeUndefined();
    await openProjectZip('p.zip', zips[0], (m) => said.push(m));
    expect(said.at(-1)).toEqual({
      error: false,
      text: expect.stringMatching(
        /^Opened p\.zip: 1 class, 1 image, its model with its results and the model trained before it\.$/,
      ),
    });
    await until('the offer', () => useOtherModel.getState().other !== null);
    expect(useOtherModel.getState().other).toMatchObject({ valAccuracy: 0.9, savedAt: better.savedAt });
    expect(await loadPreviousModel()).toMatchObject({ zip: better.zip, savedAt: better.savedAt });
    expect((await loadPreviousModel())?.result.valAccuracy).toBe(0.9);
    expect(await loadSavedModel()).toMatchObject({ zip: worse.zip, savedAt: worse.savedAt });
  });

  it("a run's model in use: the one its save moves aside goes in, read once the save is done", async () => {
    expect(await keepLastModel(better)).toBeNull();
    let exported!: () => void;
    const exporting = new Promise<void>((r) => (exported = r));
    worker.exportModel = async (keep?: boolean) => {
      await exporting;
      // the worker keeps the run's model as its export ends, moving the one before aside
      if (keep) await keepLastModel(worse);
      return { zip: worse.zip, files: { 'model.json': Uint8Array.of(123, 125) }, notKept: null };
    };
    const run = worse.result as never;
    useTraining.setState({ result: run });
    useModelInUse.setState({ model: { kind: 'trained', labels: ['cats', 'dogs'], name: 'trained here' } as never });
    const saving = saveTrainedModel(run);
    const writing = downloadProject(() => undefined);
    await new Promise((r) => setTimeout(r, 10));
    exported();
    await Promise.all([saving, writing]);
    const { model, carried } = await readProjectZip(zips[0]);
    expect(new Uint8Array(await model!.arrayBuffer())).toEqual(worse.zip);
    expect(carried.get('model/previous.zip')).toEqual(better.zip);
  });

  it('a zip without it opens as before: its model, nothing offered beside it', async () => {
    expect(await keepLastModel(worse)).toBeNull();
    const said: { error: boolean; text: string }[] = [];
    await downloadProject((m) => said.push(m));
    const { carried } = await readProjectZip(zips[0]);
    expect(carried.has('model/previous.zip')).toBe(false);
    await forgetTrained();
    await openProjectZip('p.zip', zips[0], (m) => said.push(m));
    expect(said.at(-1)).toEqual({
      error: false,
      text: 'Opened p.zip: 1 class, 1 image and its model with its results.',
    });
    await until('the model in place', () => useTraining.getState().result !== null);
    expect(await loadSavedModel()).toMatchObject({ zip: worse.zip });
    expect(await loadPreviousModel()).toBeUndefined();
    expect(useOtherModel.getState().other).toBeNull();
  });
});
