import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// whether this page holds the project's Web Lock (Node has no Web Locks: the tests say which)
const lock = vi.hoisted(() => ({ held: true }));
vi.mock('../src/state/one-tab', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/state/one-tab')>()),
  holdsProjectLock: () => lock.held,
}));

const { projectStoresEachTest } = await import('./store-harness');
const { emptyProject } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo, savedUndos } = await import('../src/state/undo');
const { replaceProject, reviveUndos, projectUndoContext } = await import('../src/state/project-undo');
const { keepLastModel } = await import('../src/core/storage/model-writer');
const { openDatabase } = await import('../src/core/storage/databases');

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
const lastUndo = () => useUndo.getState().entries.at(-1)!.id;

projectStoresEachTest({
  beforeConnect: () => (lock.held = true),
  project: () => ({ classes: [{ id: 'c1', name: 'cats', images: [{ id: 'a', file: file('a.png'), url: '' }] }] }),
});
beforeEach(async () => {
  await (await openDatabase('model')).clear('model');
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

const stashKeys = async () =>
  (await (await openDatabase('model')).getAllKeys('model')).map(String).filter((k) => k.startsWith('stash-'));

/** a put of a value holding a model zip is refused for space (storage full) */
function storageFull() {
  const { put } = IDBObjectStore.prototype;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
    if ((value as { zip?: unknown } | null)?.zip)
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.call(this, value, key);
  });
}

describe('a stash left in storage by an undo storage partly refused', () => {
  it('is forgotten at the next start-up, and a stash a pending undo names is kept', async () => {
    await keepLastModel({ zip: new Uint8Array(100), result: { valAccuracy: 0.9 }, savedAt: new Date().toISOString() });
    await replaceProject('Opened b.zip', emptyProject);
    const [orphan] = await stashKeys();
    const full = storageFull();
    expect(await runUndo(lastUndo())).toBe(true);
    expect(useProject.getState().notice).toMatch(/no room to put back its trained model/);
    // the model it could not put back stays in the stash, which no undo names any more (the undo's own
    // stash of the empty project it replaced is forgotten without waiting)
    await vi.waitFor(async () => expect(await stashKeys()).toEqual([orphan]));
    full.mockRestore();
    // a later replacement whose undo is still pending when the page goes
    await replaceProject('Opened c.zip', () =>
      useProject.setState({ classes: [{ id: 'o1', name: 'birds', images: [{ id: 'x', file: file('x'), url: '' }] }] }),
    );
    const pending = (await stashKeys()).find((k) => k !== orphan)!;
    expect(pending).toBeDefined();
    // the next page: what the autosave stored comes back
    const stored = JSON.parse(JSON.stringify(savedUndos()));
    useUndo.setState({ entries: [] });
    projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => stored });
    await reviveUndos();
    expect(await stashKeys()).toEqual([pending]);
    // the pending undo still works
    expect(await runUndo(lastUndo())).toBe(true);
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats']);
  });

  it('is kept when the saved undos could not be read (nothing says which stashes are pending)', async () => {
    await keepLastModel({ zip: new Uint8Array(100), result: { valAccuracy: 0.9 }, savedAt: new Date().toISOString() });
    await replaceProject('Opened b.zip', emptyProject);
    const keys = await stashKeys();
    useUndo.setState({ entries: [] });
    projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => null });
    await reviveUndos();
    expect(await stashKeys()).toEqual(keys);
  });

  it('is kept without the project lock (plain http): another tab on the same storage may have just made it', async () => {
    await keepLastModel({ zip: new Uint8Array(100), result: { valAccuracy: 0.9 }, savedAt: new Date().toISOString() });
    await replaceProject('Opened b.zip', emptyProject);
    const keys = await stashKeys();
    expect(keys).toHaveLength(1);
    useUndo.setState({ entries: [] });
    lock.held = false;
    projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => [] });
    await reviveUndos();
    expect(await stashKeys()).toEqual(keys);
    // with the lock, the same start-up forgets it
    lock.held = true;
    await reviveUndos();
    expect(await stashKeys()).toEqual([]);
  });
});
