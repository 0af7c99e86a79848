import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, installLocalStorage } = await import('./fake-worker');
const { emptyProject } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining, RUN_LOCK } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useModelInUse } = await import('../src/state/model-in-use');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { parseProjectRecord } = await import('../src/core/project/record');
const { applyRecord, currentRecord } = await import('../src/state/page-record');
const { useWebcam, LIVE_DEFAULTS } = await import('../src/state/webcam');
const { useUndo, runUndo } = await import('../src/state/undo');
const { useCustomBackbone } = await import('../src/state/custom-backbone');
const { storedChoice } = await import('../src/state/backend-plan');
const { backboneInfo: info } = await import('./store-harness');
const { coordinatorStoresEachTest, trained } = await import('./helpers-coordinator');

coordinatorStoresEachTest();

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
});
