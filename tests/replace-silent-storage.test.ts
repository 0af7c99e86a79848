import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** the model database's open, silent while `silent` (an older tab holding it open answers nothing) */
const gate = vi.hoisted(() => ({ silent: false }));
vi.mock('../src/core/storage/databases', async (original) => {
  const real = await original<typeof import('../src/core/storage/databases')>();
  return {
    ...real,
    openDatabase: (id: Parameters<typeof real.openDatabase>[0]) =>
      id === 'model' && gate.silent ? new Promise(() => undefined) : real.openDatabase(id),
  };
});

const { resetWorker, installLocalStorage, worker } = await import('./fake-worker');
const { connectStores, emptyProject } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo } = await import('../src/state/undo');
const { useModelInUse } = await import('../src/state/model-in-use');
const { useTraining } = await import('../src/state/training');
const { replaceProject, replacingNow } = await import('../src/state/project-undo');
const { STORAGE_PATIENCE_MS } = await import('../src/core/within');
const { closeDatabases } = await import('../src/core/storage/databases');

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
let disconnect: () => void;

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  gate.silent = false;
  useUndo.setState({ entries: [] });
  useProject.setState({
    locked: null,
    notice: null,
    adding: null,
    classes: [{ id: 'c1', name: 'cats', images: [{ id: 'a', file: file('a.png'), url: '' }] }],
  });
  disconnect = connectStores();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  disconnect();
  vi.useRealTimers();
  vi.restoreAllMocks();
  gate.silent = false;
  await closeDatabases();
});

describe('New project while the model storage never answers', () => {
  it('goes ahead once its patience is spent, its undo saying the model may not come back; Train is free again', async () => {
    await closeDatabases();
    gate.silent = true;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let done = false;
    const replacing = replaceProject('Started a new project', emptyProject).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(replacingNow()).not.toBeNull();
    // it waited for good: New project never happened, and Train said "being replaced" for the page's life
    await vi.advanceTimersByTimeAsync(2 * STORAGE_PATIENCE_MS + 100);
    await replacing;
    expect(done).toBe(true);
    expect(replacingNow()).toBeNull();
    expect(useProject.getState().classes).toEqual([]);
    expect(useUndo.getState().entries.at(-1)!.label).toBe(
      'Started a new project (what it trained may not come back: browser storage did not answer)',
    );
  });
});

describe('a replacement refused for a drop that started while the model was stashed', () => {
  it('leaves the trained model and its lines on the page', async () => {
    const result = { valAccuracy: 0.9, history: [] } as never;
    const notKept = 'The trained model is not kept for your next visit (storage full)';
    useTraining.setState({ status: 'done', result, notKept });
    // the drop starts once the stash is under way
    const replacing = replaceProject('Started a new project', emptyProject);
    useProject.getState().countIntake(1);
    await expect(replacing).rejects.toThrow(/images are still being added/i);
    useProject.getState().countIntake(-1);
    // they were cleared before the check: the project stayed, its model's results and notes gone
    expect(useTraining.getState()).toMatchObject({ result, notKept, status: 'done' });
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats']);
  });
});

describe('a replacement refused for a drop, its stash refused for space', () => {
  it('keeps the stored model where it was: the originals go only once the replacement goes ahead', async () => {
    const { keepLastModel } = await import('../src/core/storage/model-writer');
    const { loadSavedModel } = await import('../src/state/model-store');
    await keepLastModel({
      zip: new Uint8Array(2),
      result: { valAccuracy: 0.6 },
      savedAt: new Date().toISOString(),
    } as never);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
      if (String(key).startsWith('stash-'))
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    const replacing = replaceProject('Started a new project', emptyProject);
    useProject.getState().countIntake(1);
    await expect(replacing).rejects.toThrow(/images are still being added/i);
    useProject.getState().countIntake(-1);
    // it was forgotten with the stash refused: storage lost it, the page still said it was kept
    expect((await loadSavedModel())?.result.valAccuracy).toBe(0.6);
  });
});

/** New project while browser storage does not answer: the replacement waits out its patience (fake timers stay on). */
async function newProjectStorageSilent(): Promise<void> {
  await closeDatabases();
  gate.silent = true;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const replacing = replaceProject('Started a new project', emptyProject);
  await vi.advanceTimersByTimeAsync(2 * STORAGE_PATIENCE_MS + 100);
  await replacing;
}

/** The page just trained: its model answers from the worker (whose export is `exportModel`), its results and run shown. */
function trainedOnPage(exportModel: typeof worker.exportModel): { result: never; runs: never } {
  const result = { valAccuracy: 0.9, history: [], classes: ['cats'], seconds: { extract: 1, train: 2 } } as never;
  const runs = [{ n: 1, label: 'Run 1', valAccuracy: 0.9, history: [], seconds: 3, settings: {} }] as never;
  worker.exportModel = exportModel;
  worker.importModel = async () => ({ labels: ['cats'], inputSize: 224, cropMode: 'center' });
  useTraining.setState({ status: 'done', result, runs });
  useModelInUse
    .getState()
    .show({ kind: 'trained', labels: ['cats'], inputSize: 224, cropMode: 'center', name: 'trained here' });
  return { result, runs };
}

describe("New project's undo gives back the page's own model where storage could not hold it", () => {
  // each test's own: the training store keeps whether the result it last showed was kept, by the object
  let result: never;
  let runs: never;
  /** the page just trained: its model answers from the worker, its results and run shown */
  function trainedHere() {
    ({ result, runs } = trainedOnPage(async () => ({
      zip: new Uint8Array([7]),
      files: { 'model.json': new Uint8Array() },
    })));
  }

  it('storage not answering: the toast says the page holds it, and Undo brings the model and its runs back', async () => {
    trainedHere();
    await newProjectStorageSilent();
    expect(useTraining.getState().result).toBeNull();
    const toast = useUndo.getState().entries.at(-1)!;
    expect(toast.label).toBe(
      'Started a new project (the page holds its model until you undo or reload: browser storage did not answer)',
    );
    const undoing = runUndo(toast.id);
    await vi.advanceTimersByTimeAsync(6 * STORAGE_PATIENCE_MS);
    expect(await undoing).toBe(true);
    await vi.advanceTimersByTimeAsync(6 * STORAGE_PATIENCE_MS);
    // it was lost: storage, which the undo read, had nothing
    expect(useTraining.getState()).toMatchObject({ result, runs });
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'restored', labels: ['cats'] });
  });

  it("its model never kept by storage: Undo brings back the page's model, not the older one storage had, and keeps it", async () => {
    const { keepLastModel } = await import('../src/core/storage/model-writer');
    const { loadSavedModel } = await import('../src/state/model-store');
    await keepLastModel({
      zip: new Uint8Array(2),
      result: { valAccuracy: 0.6, history: [] },
      savedAt: new Date().toISOString(),
    } as never);
    // the page's run was refused by storage (full): it answers, unsaved
    trainedHere();
    await replaceProject('Started a new project', emptyProject);
    const toast = useUndo.getState().entries.at(-1)!;
    expect(toast.label).toBe('Started a new project');
    expect(await runUndo(toast.id)).toBe(true);
    await vi.waitFor(() => expect(useTraining.getState().result).toBe(result), { timeout: 5000 });
    expect((await loadSavedModel())?.result.valAccuracy).toBe(0.9);
  });
});

describe("New project's undo when the page could not hold its model either (its export failed)", () => {
  /** the page just trained, but its model's export fails (the worker lost it, or ran out of memory) */
  const trainedHereUnexportable = () =>
    trainedOnPage(async () => {
      throw new Error('The model could not be exported: out of memory.');
    });

  it('storage not answering: the toast says the model may not come back and the page could not hold it', async () => {
    trainedHereUnexportable();
    await newProjectStorageSilent();
    const toast = useUndo.getState().entries.at(-1)!;
    // it said the page held the model, which it never had
    expect(toast.label).toBe(
      'Started a new project (what it trained may not come back: browser storage did not answer; the page could not hold its model either (The model could not be exported: out of memory))',
    );
    expect(toast.label).not.toMatch(/holds its model/);
    const undoing = runUndo(toast.id);
    await vi.advanceTimersByTimeAsync(6 * STORAGE_PATIENCE_MS);
    expect(await undoing).toBe(true);
    // the project is back, without the model it could not hold; what Undo says claims no model
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats']);
    expect(useTraining.getState().result).toBeNull();
    expect(useUndo.getState().said!.text).toBe(`Undone: ${toast.label}.`);
  });

  it('its model never kept by storage: the toast says Undo brings back the model kept before it, and it does', async () => {
    const { keepLastModel } = await import('../src/core/storage/model-writer');
    await keepLastModel({
      zip: new Uint8Array(2),
      result: { valAccuracy: 0.6, history: [] },
      savedAt: new Date().toISOString(),
    } as never);
    worker.importModel = async () => ({ labels: ['cats'], inputSize: 224, cropMode: 'center' });
    trainedHereUnexportable();
    await replaceProject('Started a new project', emptyProject);
    const toast = useUndo.getState().entries.at(-1)!;
    // it said nothing: Undo brought back the older model in its place without a word
    expect(toast.label).toBe(
      'Started a new project (its latest model could not be held for the undo (The model could not be exported: out of memory): Undo brings back the model kept before it)',
    );
    expect(await runUndo(toast.id)).toBe(true);
    await vi.waitFor(() => expect(useTraining.getState().result).toMatchObject({ valAccuracy: 0.6 }), {
      timeout: 5000,
    });
  });

  it('the stash refused for room: the toast says neither storage nor the page kept the model', async () => {
    const { keepLastModel } = await import('../src/core/storage/model-writer');
    await keepLastModel({
      zip: new Uint8Array(2),
      result: { valAccuracy: 0.6, history: [] },
      savedAt: new Date().toISOString(),
    } as never);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
      if (String(key).startsWith('stash-'))
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    trainedHereUnexportable();
    await replaceProject('Started a new project', emptyProject);
    const { label } = useUndo.getState().entries.at(-1)!;
    expect(label).toMatch(
      /^Started a new project \(its trained model.* could not be kept for the undo: browser storage is full; the page could not hold its model either \(The model could not be exported: out of memory\)\)$/,
    );
    expect(label).not.toMatch(/holds its model/);
  });

  it('its model never kept and storage holding none before it: the toast says Undo brings back the project without it', async () => {
    const { forgetSavedModel } = await import('../src/state/model-store');
    await forgetSavedModel();
    trainedHereUnexportable();
    await replaceProject('Started a new project', emptyProject);
    expect(useUndo.getState().entries.at(-1)!.label).toBe(
      'Started a new project (its latest model could not be held for the undo (The model could not be exported: out of memory): Undo brings back the project without it)',
    );
  });
});
