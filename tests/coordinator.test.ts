import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';
import type { ModelInfo } from '../src/state/model-in-use';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores, clearTrained, emptyProject } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useModelInUse } = await import('../src/state/model-in-use');
const { DEFAULT_SETTINGS, resolveSettings } = await import('../src/core/train/settings');
const { parseProjectRecord } = await import('../src/core/project/record');
const { applyRecord, currentRecord } = await import('../src/state/page-record');
const { useWebcam, LIVE_DEFAULTS } = await import('../src/state/webcam');
const { keepModelRecord, LAST_MODEL_KEY } = await import('../src/core/storage/model-writer');
const { closeDatabases } = await import('../src/core/storage/databases');
const { restoreTrained, adoptProjectModels } = await import('../src/state/restore-trained');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { useUndo, runUndo } = await import('../src/state/undo');
const { useCustomBackbone } = await import('../src/state/custom-backbone');
const { storedChoice } = await import('../src/state/backend-plan');
const { loadStartingPoint } = await import('../src/state/model-store');
const { RUN_LOCK } = await import('../src/state/training');
const { usePersistence } = await import('../src/state/persist');

const initial = {
  training: useTraining.getState(),
  backbone: useBackbone.getState(),
  project: useProject.getState(),
  model: useModelInUse.getState(),
};
const info = (id: string, blocks: number) =>
  ({
    id,
    blocks: Array.from({ length: blocks }, (_, i) => ({ name: `block ${i}` })),
    source: 'local',
  }) as unknown as BackboneInfo;
let disconnect: () => void;

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useTraining.setState(initial.training, true);
  useBackbone.setState(initial.backbone, true);
  useProject.setState(initial.project, true);
  useModelInUse.setState(initial.model, true);
  worker.loadBackbone = async (id: string) => info(id, id === 'small' ? 2 : 5);
  disconnect = connectStores();
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

const trained = () => {
  useTraining.setState({ status: 'done', result: { valAccuracy: 0.9 } as never });
  useModelInUse.setState({ model: { kind: 'trained', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'x' } });
};

describe('coordinator: reactions between stores', () => {
  it('another backbone starts training over: head-only settings, no model from the old one', async () => {
    await useBackbone.getState().select('big');
    useTraining.getState().updateSettings({ unfreeze: 3, frozenBlocks: ['block 0'] });
    trained();
    const curve = [{ epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5, seconds: 1 }];
    useTraining.setState({ epochs: curve, batches: [{ step: 1, loss: 1 }] });
    await useBackbone.getState().select('other');
    // its curves go with its results: the Train step showed them beside "No run yet"
    expect(useTraining.getState()).toMatchObject({ result: null, status: 'idle', epochs: [], batches: [] });
    expect(useModelInUse.getState().model).toBeNull();
    expect(useTraining.getState().settings).toMatchObject({ unfreeze: 0, frozenBlocks: [] });
    // picked back, a backbone gets the freeze choice it had
    await useBackbone.getState().select('big');
    expect(useTraining.getState().settings).toMatchObject({ unfreeze: 3, frozenBlocks: ['block 0'] });
  });

  it('the same backbone again keeps the freeze choice where it fits, and an imported model survives', async () => {
    await useBackbone.getState().select('big');
    useTraining.getState().updateSettings({ unfreeze: 3 });
    useModelInUse.setState({
      model: { kind: 'imported', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'm.zip' },
    });
    await useBackbone.getState().select('big');
    expect(useTraining.getState().settings.unfreeze).toBe(3);
    expect(useModelInUse.getState().model?.kind).toBe('imported');
  });

  it('a run locks the project and the backbone, and its end unlocks them', async () => {
    useTraining.setState({ status: 'training' });
    expect(useProject.getState().locked).toMatch(/./);
    expect(useBackbone.getState().locked).toMatch(/./);
    useProject.getState().renameClass('x', 'y');
    expect(useProject.getState().notice).toBe(useProject.getState().locked);
    await useBackbone.getState().select('big');
    expect(useBackbone.getState().loaded).toBeNull(); // refused while locked
    useTraining.setState({ status: 'stopped' });
    expect(useProject.getState().locked).toBeNull();
    expect(useBackbone.getState().locked).toBeNull();
  });

  it("the calibration's offer, taken, is kept for the next visits on this hardware (it was applied only)", async () => {
    const calls: unknown[][] = [];
    worker.switchBackend = async (name: string, why: string) => {
      calls.push([name, why]);
      return { backend: { active: name, signature: 'gpu-1' }, reloaded: null };
    };
    useBackbone.setState({ backend: { active: 'wasm', signature: 'gpu-1' } as never });
    await useBackbone.getState().pickBackend('webgl', 'fastest for fine-tuning in the calibration');
    expect(calls).toEqual([['webgl', 'fastest for fine-tuning in the calibration']]);
    expect(storedChoice()).toMatchObject({ signature: 'gpu-1', backend: 'webgl' });
  });

  it('reading a brought backbone shows how far it got (a large weights file took a while with no sign of life)', async () => {
    const seen: unknown[] = [];
    worker.inspectBackbone = async (_files: File[], onProgress: (f: number, d: string) => void) => {
      onProgress(0.5, 'weights.bin (40.0 MB)');
      seen.push(useCustomBackbone.getState().reading);
      return { modelName: 'm', layers: [] };
    };
    await useCustomBackbone.getState().inspect([new File(['{}'], 'model.json')]);
    expect(seen).toEqual([{ fraction: 0.5, detail: 'weights.bin (40.0 MB)' }]);
    expect(useCustomBackbone.getState()).toMatchObject({ inspecting: false, reading: null });
  });

  it('a brought backbone that storage would not list for the next visit is said (its weights went at the next start without a word)', async () => {
    const { full } = installLocalStorage();
    const spec = { id: 'custom:mine', name: 'My net', inputSize: 224 };
    worker.useCustomBackbone = async () => ({ spec, ...info('custom:mine', 3) });
    const { registerBackbone } = await import('../src/core/backbones/registry');
    registerBackbone({ ...spec, blocks: [] } as never);
    full.on = true;
    const choice = { featureLayer: 'x', pixelRange: { min: -1, max: 1 }, inputSize: 224 };
    await useCustomBackbone.getState().adopt(choice);
    expect(useBackbone.getState().loaded?.id).toBe('custom:mine');
    expect(useCustomBackbone.getState().notListed).toEqual([{ id: 'custom:mine', name: 'My net' }]);
    // brought again while storage is still full: named once
    await useCustomBackbone.getState().adopt(choice);
    expect(useCustomBackbone.getState().notListed).toHaveLength(1);
    // room again: bringing it again lists it, and the note goes
    full.on = false;
    await useCustomBackbone.getState().adopt(choice);
    expect(useCustomBackbone.getState().notListed).toEqual([]);
  });

  it("a brought backbone is not adopted mid-run: the form says why (it said 'could not be loaded')", async () => {
    let asked = 0;
    worker.useCustomBackbone = async () => {
      asked++;
      throw new Error('not expected');
    };
    useTraining.setState({ status: 'training' });
    await useCustomBackbone.getState().adopt({ featureLayer: 'x', pixelRange: { min: -1, max: 1 }, inputSize: 224 });
    expect(useCustomBackbone.getState().error).toBe(RUN_LOCK);
    expect(asked).toBe(0);
  });

  it('continuing an imported model: its backbone is loaded, its classes join, the next runs train its head', async () => {
    await useBackbone.getState().select('big');
    useProject.getState().addClass('cats');
    useTraining.getState().updateSettings({ unfreeze: 2, hiddenUnits: 0 });
    useTraining.setState({ result: { valAccuracy: 0.5 } as never });
    useModelInUse.setState({
      model: { kind: 'imported', labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'pad', name: 'm.zip' },
    });
    const spec = { id: 'imported-m', name: 'm', inputSize: 224 };
    const start = { modelName: 'm.zip', labels: ['cats', 'dogs'], hiddenUnits: 16 };
    let reads = 0;
    worker.continueImported = async () => {
      reads++;
      await new Promise((r) => setTimeout(r, 20));
      return { ...info('imported-m', 0), spec, start };
    };
    const first = useModelInUse.getState().continueImported();
    // the model's layers are being read: Try it says so, and a second press does not start another
    expect(useModelInUse.getState().switching).toBe('Making m.zip the starting point…');
    await useModelInUse.getState().continueImported();
    await first;
    expect(reads).toBe(1);
    expect(useModelInUse.getState().switching).toBeNull();
    expect(useBackbone.getState()).toMatchObject({ selected: 'imported-m', loaded: { id: 'imported-m' } });
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats', 'dogs']);
    // the imported head trains as it is: a hand recipe (the automatic one picks its own head shape),
    // on images cropped as the model crops them (its head learnt those features)
    expect(useTraining.getState()).toMatchObject({
      result: null,
      settings: { hiddenUnits: 16, unfreeze: 0, recipe: 'manual', cropMode: 'pad' },
    });
    expect(useModelInUse.getState().startFrom).toEqual({
      modelName: 'm.zip',
      labels: ['cats', 'dogs'],
      backboneId: 'imported-m',
      hiddenUnits: 16,
    });
    // a new project takes the model and the starting point with it
    clearTrained();
    expect(useModelInUse.getState()).toMatchObject({ model: null, startFrom: null });
  });

  it('continuing can be undone: settings, classes it added still empty, backbone and results come back', async () => {
    await useBackbone.getState().select('big');
    useProject.getState().addClass('cats');
    useTraining.getState().updateSettings({ unfreeze: 2, frozenBlocks: ['block 3'], hiddenUnits: 0, recipe: 'auto' });
    const before = useTraining.getState().settings;
    useTraining.setState({ status: 'done', result: { valAccuracy: 0.5 } as never });
    useModelInUse.setState({
      model: { kind: 'imported', labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'pad', name: 'm.zip' },
    });
    const spec = { id: 'imported-m', name: 'm', inputSize: 224 };
    const start = { modelName: 'm.zip', labels: ['cats', 'dogs', 'birds'], hiddenUnits: 16 };
    worker.continueImported = async () => ({ ...info('imported-m', 0), spec, start });
    await useModelInUse.getState().continueImported();
    expect(useTraining.getState().settings.cropMode).toBe('pad');
    expect(useUndo.getState().entries.at(-1)!.label).toBe('Continuing m.zip');
    // the person dropped images on one of the classes it added: that class stays
    const birds = useProject.getState().classes.find((c) => c.name === 'birds')!;
    await useProject
      .getState()
      .addImages(birds.id, [new File([new Uint8Array([1, 2, 3])], 'b.png', { type: 'image/png' })]);
    // an empty class the person added themselves is theirs
    useProject.getState().addClass('mine');
    // a run meanwhile: the undo waits for its end
    useTraining.setState({ status: 'training' });
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(false);
    expect(useUndo.getState().entries.at(-1)!).toMatchObject({ state: 'failed', error: expect.stringMatching(/run/) });
    useTraining.setState({ status: 'stopped' });
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats', 'birds', 'mine']);
    expect(useBackbone.getState().loaded?.id).toBe('big');
    expect(useTraining.getState().settings).toEqual(before);
    expect(useModelInUse.getState().startFrom).toBeNull();
  });

  it('continuing a head-only model on the loaded backbone: the undo shows the hidden results again', async () => {
    await useBackbone.getState().select('big');
    const result = { valAccuracy: 0.5, history: [] } as never;
    // a run's model storage could not keep: its downloads come from the worker's model, not storage's older one
    const notKept = 'Not kept for the next visit: storage is full';
    useTraining.setState({ status: 'done', result, resultStored: false, notKept });
    const spec = { id: 'big', name: 'big', inputSize: 224 };
    const start = { modelName: 'h.zip', labels: ['a'], hiddenUnits: 8 };
    worker.continueImported = async () => ({ ...info('big', 5), spec, start });
    await useModelInUse.getState().continueImported();
    expect(useTraining.getState().result).toBeNull();
    // epochs typed under Continue's hand recipe, then Continue undone
    useTraining.getState().updateSettings({ epochs: 20 });
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(useTraining.getState()).toMatchObject({ result, resultStored: false, notKept });
    expect(await useTraining.getState().modelKept()).toBe(false);
    expect(useProject.getState().classes).toEqual([]);
    // the automatic recipe it had (left unset) is back by name: a project zip's JSON keeps it
    expect(useTraining.getState().settings.recipe).toBe('auto');
  });

  it('continuing is not undone over newer work: a later continue first, never once another model answered', async () => {
    await useBackbone.getState().select('big');
    const spec = { id: 'big', name: 'big', inputSize: 224 };
    const start = (modelName: string, hiddenUnits: number) => ({ modelName, labels: ['a'], hiddenUnits });
    worker.continueImported = async () => ({ ...info('big', 5), spec, start: start('one.zip', 8) });
    await useModelInUse.getState().continueImported();
    const first = useUndo.getState().entries.at(-1)!.id;
    worker.continueImported = async () => ({ ...info('big', 5), spec, start: start('two.zip', 16) });
    await useModelInUse.getState().continueImported();
    const second = useUndo.getState().entries.at(-1)!.id;
    expect(await runUndo(first)).toBe(false);
    expect(useUndo.getState().entries.find((e) => e.id === first)?.error).toMatch(/later Continue training/);
    expect(useTraining.getState().settings.hiddenUnits).toBe(16);
    expect(await runUndo(second)).toBe(true);
    expect(useTraining.getState().settings.hiddenUnits).toBe(8);
    // the first continue is the starting point again, its head back in the worker
    expect(useModelInUse.getState().startFrom?.modelName).toBe('one.zip');
    // a model answered since (a run's, an import): the first continue stays
    useModelInUse.getState().show({ kind: 'trained', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'r' });
    expect(await runUndo(first)).toBe(false);
    // for good: the model it would give back is gone, so the toast no longer offers Undo
    expect(useUndo.getState().entries.find((e) => e.id === first)).toMatchObject({
      error: 'Another model has answered since.',
      withoutUndo: 'for good',
    });
    expect(useTraining.getState().settings.hiddenUnits).toBe(8);
  });

  it('"Start from scratch instead" is offered back: the head it started from comes back to the worker and storage', async () => {
    await useBackbone.getState().select('big');
    const spec = { id: 'big', name: 'big', inputSize: 224 };
    const start = { modelName: 'h.zip', labels: ['a'], hiddenUnits: 8, featureSize: 4 };
    worker.continueImported = async () => ({ ...info('big', 5), spec, start });
    const heads: unknown[] = [];
    worker.setHeadStart = async (backboneId: string, head: unknown) => void heads.push([backboneId, head]);
    await useModelInUse.getState().continueImported();
    const startFrom = useModelInUse.getState().startFrom;
    await vi.waitFor(async () => expect(await loadStartingPoint()).toBeDefined());
    await useModelInUse.getState().leaveStartingPoint();
    expect(useModelInUse.getState().startFrom).toBeNull();
    expect(await loadStartingPoint()).toBeUndefined();
    const offer = useUndo.getState().entries.at(-1)!;
    expect(offer.label).toBe('Started from scratch instead of continuing h.zip');
    expect(await runUndo(offer.id)).toBe(true);
    expect(useModelInUse.getState().startFrom).toEqual(startFrom);
    expect(heads).toEqual([['big', start]]);
    expect((await loadStartingPoint())?.start).toEqual(start);
    // the continue taken back after a Start from scratch: that Start from scratch's undo is moot
    await useModelInUse.getState().leaveStartingPoint();
    const scratch = useUndo.getState().entries.at(-1)!.id;
    useModelInUse.setState({ startFrom: null });
    await useModelInUse.getState().putStartingPoint(null);
    expect(await runUndo(scratch)).toBe(false);
    expect(useUndo.getState().entries.find((e) => e.id === scratch)?.error).toMatch(/starting point has changed/);
    expect(useModelInUse.getState().startFrom).toBeNull();
  });

  it('a starting point kept for another backbone than the loaded one is put in place when that backbone is picked; a stale read stays out', async () => {
    const { keepStartingPoint, forgetStartingPoint } = await import('../src/state/model-store');
    const heads: string[] = [];
    worker.setHeadStart = async (backboneId: string) => void heads.push(backboneId);
    await useBackbone.getState().select('big');
    const start = { modelName: 'h.zip', labels: ['a'], hiddenUnits: 8, featureSize: 4 } as never;
    // an opened project's (or a reload's) starting point made on "other" waits while "big" is loaded
    await keepStartingPoint({ modelName: 'h.zip', labels: ['a'], backboneId: 'other', hiddenUnits: 8, start });
    restoreTrained();
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().startFrom).toBeNull();
    await useBackbone.getState().select('other');
    await vi.waitFor(() => expect(useModelInUse.getState().startFrom?.backboneId).toBe('other'));
    expect(heads).toEqual(['other']);
    // picked again, it is in place already: not put again (which would refuse the undos guarding it)
    await useBackbone.getState().select('big');
    await useBackbone.getState().select('other');
    await new Promise((r) => setTimeout(r, 50));
    expect(heads).toEqual(['other']);

    // read while its backbone loads, then the starting point changed (a replaced project): it stays out
    useModelInUse.getState().startFromScratch();
    await keepStartingPoint({ modelName: 'h.zip', labels: ['a'], backboneId: 'big', hiddenUnits: 8, start });
    let finishLoad = () => {};
    worker.loadBackbone = (id: string) => new Promise((resolve) => (finishLoad = () => resolve(info(id, 5))));
    const loading = useBackbone.getState().select('big');
    restoreTrained();
    await new Promise((r) => setTimeout(r, 20));
    useModelInUse.getState().startFromScratch();
    finishLoad();
    await loading;
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().startFrom).toBeNull();
    expect(heads).toEqual(['other']);
    await forgetStartingPoint();
  });

  it('a new project forgets the freeze choices met on each backbone', async () => {
    await useBackbone.getState().select('big');
    useTraining.getState().updateSettings({ unfreeze: 3, frozenBlocks: ['block 3'] });
    await useBackbone.getState().select('small');
    emptyProject();
    await useBackbone.getState().select('big');
    expect(useTraining.getState().settings).toMatchObject({ unfreeze: 0, frozenBlocks: [] });
  });

  it("each backbone's freeze choice is kept with the project: after a reload, picking that backbone brings it back", async () => {
    emptyProject();
    await useBackbone.getState().select('big');
    useTraining.getState().updateSettings({ unfreeze: 3, frozenBlocks: ['block 3'] });
    await useBackbone.getState().select('small');
    const saved = currentRecord();
    expect(saved.freezeChoices).toEqual({ big: { unfreeze: 3, frozenBlocks: ['block 3'] } });
    // a reload: the stores start over and the saved record comes back (through the project file's rules)
    emptyProject();
    applyRecord(parseProjectRecord(JSON.parse(JSON.stringify(saved))), () => undefined);
    await useBackbone.getState().select('big');
    expect(useTraining.getState().settings).toMatchObject({ unfreeze: 3, frozenBlocks: ['block 3'] });
  });

  it('freezing the whole backbone can be undone, unless another backbone was loaded since', async () => {
    await useBackbone.getState().select('big');
    useTraining.getState().updateSettings({ unfreeze: 3, frozenBlocks: ['block 3'] });
    useTraining.getState().freezeBackbone();
    expect(useTraining.getState().settings).toMatchObject({ unfreeze: 0, frozenBlocks: [] });
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(useTraining.getState().settings).toMatchObject({ unfreeze: 3, frozenBlocks: ['block 3'] });
    useTraining.getState().freezeBackbone();
    // a boundary set again since is the newer choice
    useTraining.getState().updateSettings({ unfreeze: 1 });
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(false);
    expect(useTraining.getState().settings.unfreeze).toBe(1);
    useTraining.getState().freezeBackbone();
    await useBackbone.getState().select('small');
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(false);
    expect(useTraining.getState().settings.unfreeze).toBe(0);
  });

  it('a new project empties the classes and puts the settings back to their defaults', () => {
    useProject.getState().addClass('cats');
    useTraining.getState().updateSettings({ epochs: 3, unfreeze: 2, frozenBlocks: ['block 1'] });
    useProject.getState().setNotice('something');
    useWebcam.getState().setThreshold(0.8);
    emptyProject();
    expect(useProject.getState()).toMatchObject({ classes: [], notice: null });
    expect(useTraining.getState().settings).toEqual(DEFAULT_SETTINGS);
    expect(useWebcam.getState()).toMatchObject(LIVE_DEFAULTS);
  });

  it("an opened project's backbone is loaded, with the project's freeze choice and all of its settings", async () => {
    await useBackbone.getState().select('mobilenet-v1-0.25');
    useTraining.getState().updateSettings({ recipe: 'manual', lrSchedule: 'one-cycle' });
    const settings = { ...DEFAULT_SETTINGS, unfreeze: 2, frozenBlocks: ['block 3'] };
    const record = { version: 1 as const, classes: [], settings, backboneId: 'mobilenet-v2-0.35', savedAt: '' };
    applyRecord(record, () => undefined);
    await vi.waitFor(() => expect(useBackbone.getState().loaded?.id).toBe('mobilenet-v2-0.35'));
    // whole: the settings it left at their defaults do not keep the replaced project's choices
    expect(useTraining.getState().settings).toEqual(settings);
    // and so are how its model's answers are shown: its own, or the defaults for a record without them
    applyRecord({ ...record, live: { threshold: 0.8, smoothing: 0, topK: 1 } }, () => undefined);
    // a project from before thresholdChosen was kept: a threshold other than the defaults' was chosen
    expect(currentRecord().live).toEqual({ threshold: 0.8, smoothing: 0, topK: 1, thresholdChosen: true });
    applyRecord(record, () => undefined);
    expect(currentRecord().live).toEqual({ ...LIVE_DEFAULTS, thresholdChosen: false });
    // a backbone this browser does not have: the default one, and the user is told
    applyRecord({ ...record, backboneId: 'custom-gone' }, () => undefined);
    await vi.waitFor(() => expect(useBackbone.getState().loaded?.id).toBe('mobilenet-v1-0.25'));
    expect(useProject.getState().notice).toMatch(/"custom-gone", which this browser does not have/);
  });

  it('the same backbone reloaded on another backend brings its saved model back; another backbone does not', async () => {
    worker.importModel = async () => ({ labels: ['a'], inputSize: 224, cropMode: 'center' });
    // the worker loads the backbone it holds again on the other backend (worker/studio-backbone.ts moveToActive)
    worker.switchBackend = async (name: string) => ({
      backend: { active: name },
      reloaded: { backbone: { ...useBackbone.getState().loaded! } },
    });
    await useBackbone.getState().select('big');
    const result = { valAccuracy: 0.9, history: [] };
    await keepModelRecord(LAST_MODEL_KEY, { zip: new Uint8Array(4), result, savedAt: new Date().toISOString() }, 'x');
    // a result whose model is not known to be in storage (its save failed or never ran) is not looked for there
    trained();
    await useBackbone.getState().switchBackend('webgl');
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().model).toBeNull();
    // the model read back after a reload is
    useTraining.getState().restoreResult(result as never);
    await useBackbone.getState().switchBackend('cpu');
    await vi.waitFor(() => expect(useModelInUse.getState().model?.kind).toBe('restored'));
    expect(useTraining.getState().result).toMatchObject(result);
    // Train pressed while the model is read back: the run keeps the charts, the old model stays out
    worker.importModel = () =>
      new Promise((resolve) => setTimeout(() => resolve({ labels: ['a'], inputSize: 224, cropMode: 'center' }), 30));
    await useBackbone.getState().switchBackend('wasm');
    useTraining.setState({ status: 'training' });
    await new Promise((r) => setTimeout(r, 80));
    expect(useModelInUse.getState().model).toBeNull();
    expect(useTraining.getState().result).toBeNull();
    useTraining.setState({ status: 'stopped' });
    trained();
    await useBackbone.getState().select('other');
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().model).toBeNull();
    expect(useTraining.getState().result).toBeNull();
  });

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

  it("the review's 'train again' marks stay when a run that ended with no model gives the earlier result back", async () => {
    const { useInsight } = await import('../src/state/dataset-insight');
    const before = { valAccuracy: 0.8 } as never;
    useTraining.setState({ result: before });
    const marks = { i1: { what: 'moved' as const, from: 'c1' } };
    useInsight.setState({ changed: marks });
    // the run starts (its result goes), then ends with nothing of its own: the earlier result comes back
    useTraining.setState({ result: null });
    useTraining.setState({ result: before });
    expect(useInsight.getState().changed).toEqual(marks);
    // a new run's result does clear them
    useTraining.setState({ result: { valAccuracy: 0.9 } as never });
    expect(useInsight.getState().changed).toEqual({});
  });

  it('a learning-rate curve goes when the images or the backbone change (its rate was for other data)', async () => {
    const done = { status: 'done' as const, points: [{ lr: 1e-3, loss: 1 }], suggestion: 1e-4 };
    useLrSuggestion.setState(done);
    useProject.getState().addClass('birds');
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'idle', points: [], suggestion: null });
    useLrSuggestion.setState(done);
    await useBackbone.getState().select('big');
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'idle', suggestion: null });
    // while it runs: its answer is for images that are no longer the project's, and goes when it returns
    let answer!: (r: object) => void;
    worker.findLearningRate = () => new Promise((resolve) => (answer = resolve));
    useProject.getState().addClass('cats');
    const sweep = useLrSuggestion.getState().run();
    expect(useLrSuggestion.getState().status).toBe('extracting');
    useProject.getState().addClass('fish');
    answer({ points: done.points, suggestion: 1e-4, diverged: false });
    await sweep;
    expect(useLrSuggestion.getState()).toMatchObject({
      status: 'idle',
      suggestion: null,
      notice: 'The images changed while the finder ran: run it again.',
    });
    useLrSuggestion.setState({ status: 'idle', points: [], suggestion: null, notice: null });
    // Stop while it extracts is a stop, not an error
    worker.findLearningRate = async () => {
      throw new Error('stopped');
    };
    await useLrSuggestion.getState().run();
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'idle', stopped: true, error: null });
  });

  it("the learning-rate finder's rate is used: a head-only run's automatic recipe gives way to a hand one", async () => {
    const typed = useTraining.getState().settings.learningRate;
    useLrSuggestion.setState({ suggestion: 0.0031234 });
    useLrSuggestion.getState().apply();
    // the automatic recipe would have trained with its own rate and ignored this one
    expect(useTraining.getState().settings).toMatchObject({ learningRate: 0.0031, recipe: 'manual' });
    // the rate it replaced, and the automatic recipe, are offered back
    const offer = useUndo.getState().entries.at(-1)!;
    expect(offer.label).toBe(`Learning rate set to 0.0031 (was ${typed} with the automatic head recipe)`);
    // epochs typed meanwhile (a hand recipe's field), then the rate undone: the automatic recipe back
    useTraining.getState().updateSettings({ epochs: 20 });
    expect(await runUndo(offer.id)).toBe(true);
    expect(useTraining.getState().settings.learningRate).toBe(typed);
    // by name: unset, it was lost in a project zip's JSON, and the typed epochs there read as a hand recipe
    expect(useTraining.getState().settings.recipe).toBe('auto');
    const throughZip = parseProjectRecord(
      JSON.parse(
        JSON.stringify({ version: 1, classes: [], settings: useTraining.getState().settings, backboneId: 'x' }),
      ),
    );
    expect(resolveSettings(throughZip.settings).recipe).toBe('auto');
    useLrSuggestion.getState().apply();
    useTraining.getState().updateSettings({ unfreeze: 2, recipe: 'auto' });
    useLrSuggestion.setState({ suggestion: 0.0005 });
    useLrSuggestion.getState().apply();
    // while blocks train it is a hand recipe too (as a rate typed then is): frozen again, the head keeps
    // that rate instead of the automatic recipe silently choosing its own
    expect(useTraining.getState().settings).toMatchObject({ learningRate: 0.0005, recipe: 'manual' });
  });

  it("a project's model read back while its backbone loads stays out once the project is replaced (its undo, New project)", async () => {
    const imported: number[] = [];
    worker.importModel = async (zip: Uint8Array) => {
      imported.push(zip.length);
      return { labels: ['p'], inputSize: 224, cropMode: 'center', source: 'studio' };
    };
    let finishLoad = () => {};
    worker.loadBackbone = (id: string) => new Promise((resolve) => (finishLoad = () => resolve(info(id, 5))));
    const loading = useBackbone.getState().select('big');
    const adopted = adoptProjectModels({ imported: { zip: new Uint8Array(7), name: 'the model in p2.zip' } });
    await new Promise((r) => setTimeout(r, 20));
    // the replacement is undone while the project's backbone still loads
    clearTrained();
    finishLoad();
    await loading;
    await adopted;
    expect(imported).toEqual([]);
    expect(useModelInUse.getState().model).toBeNull();
  });

  it('the model trained on a backbone comes back with its results when that backbone is picked again', async () => {
    // no model imported over it from an earlier test
    await (await import('../src/state/model-store')).forgetImportedModel();
    worker.importModel = async () => ({ labels: ['a'], inputSize: 224, cropMode: 'center' });
    await useBackbone.getState().select('big');
    const result = { valAccuracy: 0.9, history: [] };
    await keepModelRecord(
      LAST_MODEL_KEY,
      { zip: new Uint8Array(4), result, savedAt: new Date().toISOString(), backboneId: 'big' },
      'x',
    );
    trained();
    await useBackbone.getState().select('other');
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().model).toBeNull();
    expect(useTraining.getState().result).toBeNull();
    // a reload while the other backbone is loaded leaves it in storage
    restoreTrained();
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().model).toBeNull();
    await useBackbone.getState().select('big');
    await vi.waitFor(() => expect(useModelInUse.getState().model?.kind).toBe('restored'));
    expect(useTraining.getState().result).toMatchObject(result);
  });

  it('an imported head-only model waits for its backbone: no error on every reload, and it answers when that backbone is back', async () => {
    const { forgetImportedModel, loadImportedModel } = await import('../src/state/model-store');
    await forgetImportedModel();
    let imports = 0;
    // the worker refuses a head made for another backbone than the one loaded, as the real one does
    worker.importModel = async () => {
      imports++;
      if (useBackbone.getState().loaded?.id !== 'big')
        throw new Error('This is a head-only export for the backbone big');
      return { labels: ['h'], inputSize: 224, cropMode: 'center', source: 'studio', headOnlyFor: 'big' };
    };
    await useBackbone.getState().select('big');
    await useModelInUse.getState().importModel(new File([new Uint8Array(5)], 'head.zip'));
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', headOnlyFor: 'big' });
    expect((await loadImportedModel())?.headOnlyFor).toBe('big');
    // on another backbone it cannot run: it leaves Try it (an imported whole model would stay)
    await useBackbone.getState().select('other');
    expect(useModelInUse.getState().model).toBeNull();
    // a reload there leaves it waiting in storage, without trying it and saying it failed
    const before = imports;
    usePersistence.setState({ restoreNote: null });
    restoreTrained();
    await new Promise((r) => setTimeout(r, 50));
    expect(imports).toBe(before);
    expect(usePersistence.getState().restoreNote).toBeNull();
    expect(useModelInUse.getState().model).toBeNull();
    // its backbone picked again: it answers again
    await useBackbone.getState().select('big');
    await vi.waitFor(() => expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', labels: ['h'] }));
    await forgetImportedModel();
  });

  it("a project zip's head-only model made on another backbone says so once, then waits for that backbone", async () => {
    const { forgetImportedModel, loadImportedModel } = await import('../src/state/model-store');
    const { headForOtherBackbone } = await import('../src/core/model-import/head-only');
    await useBackbone.getState().select('other');
    worker.importModel = async () => {
      if (useBackbone.getState().loaded?.id !== 'big') throw new Error(headForOtherBackbone('big'));
      return { labels: ['h'], inputSize: 224, cropMode: 'center', source: 'studio', headOnlyFor: 'big' };
    };
    usePersistence.setState({ restoreNote: null });
    await adoptProjectModels({ imported: { zip: new Uint8Array(6), name: 'the model in p.zip' } });
    // a wait, not a failure: said in Try it, not on the autosave's error line
    expect(useModelInUse.getState().importNotKept).toBe(
      'The model in p.zip is a head for the backbone big: it answers once that backbone is loaded.',
    );
    expect(usePersistence.getState().restoreNote).toBeNull();
    expect((await loadImportedModel())?.headOnlyFor).toBe('big');
    usePersistence.setState({ restoreNote: null });
    restoreTrained();
    await new Promise((r) => setTimeout(r, 50));
    expect(usePersistence.getState().restoreNote).toBeNull();
    await useBackbone.getState().select('big');
    await vi.waitFor(() => expect(useModelInUse.getState().model).toMatchObject({ name: 'the model in p.zip' }));
    expect(useModelInUse.getState().importNotKept).toBeNull();
    await forgetImportedModel();
  });

  it("a project zip's head-only model read while another model came (the project replaced) writes and says nothing", async () => {
    const { forgetImportedModel, keepImportedModel, loadImportedModel } = await import('../src/state/model-store');
    const { headForOtherBackbone } = await import('../src/core/model-import/head-only');
    await useBackbone.getState().select('other');
    let refuse!: () => void;
    worker.importModel = () =>
      new Promise((_, no) => (refuse = () => no(new Error(headForOtherBackbone('big'))))) as never;
    const adopting = adoptProjectModels({ imported: { zip: new Uint8Array(6), name: 'the model in p.zip' } });
    await vi.waitFor(() => expect(refuse).toBeDefined());
    // meanwhile the project was replaced (its undo): another project's import is in storage, another model answers
    const theirs = { zip: new Uint8Array(2), name: 'theirs.zip', savedAt: 'theirs' };
    await keepImportedModel(theirs);
    useModelInUse.getState().show({ kind: 'trained', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'x' });
    refuse();
    await adopting;
    // it overwrote the other project's import, marked as a head for 'big', and said so over that project
    expect((await loadImportedModel())?.name).toBe('theirs.zip');
    expect((await loadImportedModel())?.headOnlyFor).toBeUndefined();
    expect(useModelInUse.getState().importNotKept).toBeNull();
    await forgetImportedModel();
  });

  it('Try it says which model is being read back, and waits for it', async () => {
    const { forgetImportedModel, keepImportedModel } = await import('../src/state/model-store');
    await keepImportedModel({ zip: new Uint8Array(3), name: 'tm.zip (Teachable Machine model)', savedAt: '' });
    const waiting: (() => void)[] = [];
    worker.importModel = () =>
      new Promise((resolve) => waiting.push(() => resolve({ labels: ['x'], inputSize: 224, cropMode: 'center' })));
    await useBackbone.getState().select('big');
    const seen = new Set<string | null>();
    const stop = useModelInUse.subscribe((s) => seen.add(s.switching));
    restoreTrained();
    // the worker answers each model read back (a trained one left by the tests before may come first)
    await vi.waitFor(() => {
      waiting.splice(0).forEach((answer) => answer());
      expect(useModelInUse.getState().model?.kind).toBe('imported');
    });
    stop();
    expect(seen).toContain('Reading back tm.zip (Teachable Machine model)…');
    expect(useModelInUse.getState().switching).toBeNull();
    await forgetImportedModel();
  });
});
