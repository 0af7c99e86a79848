import 'fake-indexeddb/auto';
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

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores, emptyProject } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useUndo } = await import('../src/state/undo');
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
