import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
/** the undo list the restored record was saved with (state/persist.ts reads it from storage) */
let stored: unknown = null;
vi.mock('../src/state/persist', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/state/persist')>()),
  loadSavedUndos: () => stored,
}));

const { worker } = await import('./fake-worker');
const { projectStoresEachTest, backboneInfo } = await import('./store-harness');
const { useTraining } = await import('../src/state/training');
const { useBackbone } = await import('../src/state/backbone');
const { useModelInUse } = await import('../src/state/model-in-use');
const { lrSuggestionContext } = await import('../src/state/lr-suggestion');
const { useUndo, runUndo, savedUndos } = await import('../src/state/undo');
const { reviveUndos } = await import('../src/state/project-undo');
const { loadStartingPoint } = await import('../src/state/model-store');
const { parseSavedSettingsBack } = await import('../src/state/saved-settings-undos');

const initialTraining = useTraining.getState();
const initialModel = useModelInUse.getState();
const initialBackbone = useBackbone.getState();
projectStoresEachTest({
  settle: true,
  beforeConnect() {
    useTraining.setState(initialTraining, true);
    useModelInUse.setState(initialModel, true);
    useBackbone.setState(initialBackbone, true);
  },
});
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  worker.loadBackbone = async (id: string) => backboneInfo(id, 5);
});

const settings = () => useTraining.getState().settings;
const entry = (id: string) => useUndo.getState().entries.find((e) => e.id === id);

/**
 * The page reloads while the toast is up: the autosave stored the settings as the action left them,
 * with the undo's description; the page a reload brings restores both (`edit`: a change made to the
 * restored settings first). Returns the revived undo's id.
 */
async function reload(label: string, edit: Partial<typeof initialTraining.settings> = {}): Promise<string> {
  const kept = { ...settings(), ...edit };
  stored = JSON.parse(JSON.stringify(savedUndos()));
  useUndo.setState({ entries: [] });
  useTraining.setState({ ...initialTraining, settings: kept }, true);
  await reviveUndos();
  const revived = useUndo.getState().entries.filter((e) => e.label === label);
  expect(revived).toHaveLength(1);
  return revived[0].id;
}

async function frozen() {
  await useBackbone.getState().select('b');
  useTraining.getState().updateSettings({ unfreeze: 2, frozenBlocks: ['block 4'] });
  useTraining.getState().freezeBackbone();
  expect(settings()).toMatchObject({ unfreeze: 0, frozenBlocks: [] });
}

describe('"Froze the whole backbone", the page reloaded while its toast is up', () => {
  it('still gives the unfrozen blocks back', async () => {
    await frozen();
    const id = await reload('Froze the whole backbone');
    expect(await runUndo(id)).toBe(true);
    expect(settings()).toMatchObject({ unfreeze: 2, frozenBlocks: ['block 4'] });
  });

  it('is refused once blocks were unfrozen again since', async () => {
    await frozen();
    const id = await reload('Froze the whole backbone', { unfreeze: 1 });
    expect(await runUndo(id)).toBe(false);
    expect(entry(id)?.error).toMatch(/unfrozen again since/);
    expect(settings().unfreeze).toBe(1);
  });
});

describe('"Learning rate set to …", the page reloaded while its toast is up', () => {
  it('still gives the rate typed before back, with the automatic recipe', async () => {
    useTraining.getState().updateSettings({ learningRate: 0.001, recipe: 'auto' });
    lrSuggestionContext.get().useRate(0.02);
    expect(settings()).toMatchObject({ learningRate: 0.02, recipe: 'manual' });
    const id = await reload('Learning rate set to 0.02 (was 0.001 with the automatic head recipe)');
    expect(await runUndo(id)).toBe(true);
    expect(settings()).toMatchObject({ learningRate: 0.001, recipe: 'auto' });
  });

  it("starts from the automatic recipe's choice for the run shown, says the rate it trained at, and gives all of it back", async () => {
    useTraining.getState().updateSettings({ recipe: 'auto' });
    const before = { ...settings() };
    const chosen = { hiddenUnits: 0, dropout: 0, weightDecay: 0.1, standardise: true, views: true, epochs: 25 };
    useTraining.setState({ result: { recipe: { chosen, table: [], folds: 3, seconds: 1 } } as never });
    lrSuggestionContext.get().useRate(0.0053);
    // the rate alone changes from what the run trained with: not a hidden layer of 512 at dropout 0.5
    expect(settings()).toMatchObject({
      recipe: 'manual',
      learningRate: 0.0053,
      hiddenUnits: 0,
      dropout: 0,
      weightDecay: 0.1,
      epochs: 25,
      batchSize: 1024,
      earlyStopPatience: 0,
      featureNorm: 'standardise',
    });
    // "was 0.01": the recipe's rate, not the field's hidden 0.001
    const label = 'Learning rate set to 0.0053 (was 0.01 with the automatic head recipe)';
    // a field it filled in, typed since: the undo is refused, and says so of them all
    const refused = await reload(label, { epochs: 40 });
    expect(await runUndo(refused)).toBe(false);
    expect(entry(refused)?.error).toBe('The settings it set were changed since.');
    useTraining.getState().updateSettings({ epochs: 25 });
    const id = await reload(label);
    expect(await runUndo(id)).toBe(true);
    expect(settings()).toEqual(before);
  });

  it('gives an emptied field back empty (stored, its NaN is null)', async () => {
    useTraining.getState().updateSettings({ learningRate: NaN, recipe: 'manual' });
    lrSuggestionContext.get().useRate(0.02);
    const id = await reload('Learning rate set to 0.02 (the field was empty)');
    expect(await runUndo(id)).toBe(true);
    expect(settings().learningRate).toBeNaN();
  });

  it('is refused once the rate was changed since, or while a run uses it', async () => {
    useTraining.getState().updateSettings({ learningRate: 0.001 });
    lrSuggestionContext.get().useRate(0.02);
    const id = await reload('Learning rate set to 0.02 (was 0.001 with the automatic head recipe)', {
      learningRate: 0.5,
    });
    expect(await runUndo(id)).toBe(false);
    expect(entry(id)?.error).toBe('The learning rate was changed since.');
    expect(settings().learningRate).toBe(0.5);
    useTraining.getState().updateSettings({ learningRate: 0.02 });
    useTraining.setState({ status: 'training' });
    expect(await runUndo(id)).toBe(false);
    expect(entry(id)?.error).toMatch(/A run is using this rate/);
  });
});

describe('"Continuing …", the page reloaded while its toast is up', () => {
  const start = { modelName: 'h.zip', labels: ['a'], hiddenUnits: 8, featureSize: 4 };

  async function continued() {
    await useBackbone.getState().select('big');
    worker.continueImported = async () => ({
      ...backboneInfo('big', 5),
      spec: { id: 'big', name: 'big', inputSize: 224 },
      start,
    });
    useTraining.getState().updateSettings({ hiddenUnits: 64, unfreeze: 2, recipe: 'manual', cropMode: 'pad' });
    await useModelInUse.getState().continueImported();
    await vi.waitFor(async () => expect(await loadStartingPoint()).toBeDefined());
    expect(settings()).toMatchObject({ hiddenUnits: 8, unfreeze: 0 });
  }

  it('still gives the settings back and starts from scratch again', async () => {
    await continued();
    const id = await reload('Continuing h.zip');
    expect(await runUndo(id)).toBe(true);
    expect(settings()).toMatchObject({ hiddenUnits: 64, unfreeze: 2, recipe: 'manual', cropMode: 'pad' });
    expect(useModelInUse.getState().startFrom).toBeNull();
    await vi.waitFor(async () => expect(await loadStartingPoint()).toBeUndefined());
  });

  it('is refused once a setting it made was changed since', async () => {
    await continued();
    const id = await reload('Continuing h.zip', { hiddenUnits: 32 });
    expect(await runUndo(id)).toBe(false);
    expect(entry(id)?.error).toBe('The settings were changed since.');
    expect(settings().hiddenUnits).toBe(32);
  });
});

describe('a stored settings undo', () => {
  it('is not read when a field holds what the settings cannot', () => {
    const saved = {
      kind: 'settings-back',
      what: 'rate',
      label: 'x',
      before: { learningRate: 0.1 },
      after: { learningRate: 0.2 },
      made: 0,
    };
    expect(parseSavedSettingsBack(saved)).toMatchObject({ before: { learningRate: 0.1 } });
    expect(parseSavedSettingsBack({ ...saved, before: { learningRate: 'fast' } })).toBeNull();
    expect(parseSavedSettingsBack({ ...saved, before: { valSplit: 0.3 } })).toBeNull();
    expect(parseSavedSettingsBack({ ...saved, before: { epochs: 2.5 } })).toBeNull();
    // a field that was unset is stored as null (JSON keeps no undefined), an optional one only
    expect(parseSavedSettingsBack({ ...saved, before: { lrSchedule: null } })).toMatchObject({
      before: { lrSchedule: null },
    });
    expect(parseSavedSettingsBack({ ...saved, before: { epochs: null } })).toBeNull();
    expect(parseSavedSettingsBack({ ...saved, what: 'other' })).toBeNull();
  });

  it('keeps where a Continue on top of another holds the earlier starting point, and which point it made', () => {
    const saved = {
      kind: 'settings-back',
      what: 'continue',
      label: 'Continuing h.zip',
      before: { hiddenUnits: 8 },
      after: { hiddenUnits: 16 },
      made: 0,
      held: 'undo-held-start-x-0',
      point: { modelName: 'h.zip', importId: 'i' },
    };
    expect(parseSavedSettingsBack(saved)).toMatchObject({ held: saved.held, point: saved.point });
    // read without them, its undo would start from scratch instead of giving that point back
    expect(parseSavedSettingsBack({ ...saved, held: 'start' })).toBeNull();
    expect(parseSavedSettingsBack({ ...saved, point: { importId: 'i' } })).toBeNull();
  });
});
