import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

// (image ids differ between tests: the module remembers which ids it wrote)

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { restoreProject, settleSaves, startAutosave } = await import('../src/state/persist');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo } = await import('../src/state/undo');
const { deleteImages, reviveUndos } = await import('../src/state/project-undo');
const { replaceProject } = await import('../src/state/project-replace');
const { connectStores } = await import('../src/state/coordinator');
const { closeDatabases, openDatabase } = await import('../src/core/storage/databases');

const page = new EventTarget();
Object.assign(globalThis, {
  addEventListener: page.addEventListener.bind(page),
  removeEventListener: page.removeEventListener.bind(page),
});
if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: {} });
Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });

const file = (n: string) => new File([new Uint8Array([7, 8, 9])], n, { type: 'image/png' });
const image = (id: string) => ({ id, file: file(`${id}.png`), url: '' });
const ids = (record: { classes: { images: { id: string }[] }[] }) =>
  record.classes.flatMap((c) => c.images.map((i) => i.id));
const layout = () => useProject.getState().classes.map((c) => `${c.name}: ${c.images.map((i) => i.id).join(' ')}`);

let disconnect: () => void;
let stop: () => void = () => undefined;
let local: ReturnType<typeof installLocalStorage>;

beforeEach(async () => {
  await closeDatabases();
  globalThis.indexedDB = new IDBFactory();
  resetWorker();
  local = installLocalStorage();
  useUndo.setState({ entries: [] });
  useProject.setState({ locked: null, notice: null, adding: null, classes: [] });
  disconnect = connectStores();
});
afterEach(async () => {
  stop();
  disconnect();
  vi.restoreAllMocks();
  await closeDatabases();
});

/** the project saved with `images` in one class, the autosave running */
async function savedWith(images: string[], delayMs = 0) {
  stop = startAutosave(delayMs);
  useProject.setState({ classes: [{ id: 'c1', name: 'cats', images: images.map(image) }] });
  await settleSaves();
}

describe('the project record and its undos are stored together', () => {
  it('a write that stops between the two leaves neither: the stored undos still match the stored project', async () => {
    await savedWith(['q1', 'q2']);
    const put = IDBObjectStore.prototype.put;
    // the page going away as the undo list is written, after the record
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'meta' && args[1] === 'undo')
        throw new DOMException('The transaction has finished.', 'TransactionInactiveError');
      return put.apply(this, args);
    });
    deleteImages(['q1']);
    await settleSaves();
    const d = await openDatabase('project');
    // the project as it was before the deletion, with no undo: q1 is not lost without its undo
    expect(ids(await d.get('meta', 'project'))).toEqual(['q1', 'q2']);
    expect(await d.get('meta', 'undo')).toEqual([]);
    vi.restoreAllMocks();
    // the next save writes both
    useProject.getState().renameClass('c1', 'kittens');
    await settleSaves();
    expect(ids(await d.get('meta', 'project'))).toEqual(['q2']);
    expect((await d.get('meta', 'undo')).map((u: { saved: { label: string } }) => u.saved.label)).toEqual([
      'Deleted 1 image from cats',
    ]);
  });

  it('the page leaving: a record whose undos localStorage refused is not left there without them', async () => {
    await savedWith(['r1', 'r2'], 60_000);
    const setItem = localStorage.setItem;
    localStorage.setItem = (k: string, v: string) => {
      if (k === 'transfer-studio-pending-undo') throw new DOMException('full', 'QuotaExceededError');
      setItem(k, v);
    };
    deleteImages(['r1']);
    page.dispatchEvent(new Event('pagehide'));
    // the last autosave, record and undos together, is what the next visit restores
    expect(local.store.has('transfer-studio-pending-record')).toBe(false);
    expect(local.store.has('transfer-studio-pending-undo')).toBe(false);
  });
});

describe('images only a pending undo holds', () => {
  it('deleted before the autosave wrote them: written for the undo, which brings them back after a reload', async () => {
    await savedWith(['s1']);
    // added and deleted before the next save runs
    useProject.setState((s) => ({ classes: s.classes.map((c) => ({ ...c, images: [...c.images, image('s2')] })) }));
    deleteImages(['s2']);
    await settleSaves();
    const d = await openDatabase('project');
    expect(await d.getAllKeys('images')).toContain('s2');
    expect(ids(await d.get('meta', 'project'))).toEqual(['s1']);
    // the reload: the project and its pending undo come back from storage
    stop();
    disconnect();
    await closeDatabases();
    useUndo.setState({ entries: [] });
    useProject.setState({ classes: [] });
    disconnect = connectStores();
    expect(await restoreProject()).toBe(true);
    await reviveUndos();
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(layout()).toEqual(['cats: s1 s2']);
    expect(useProject.getState().notice).toBeNull();
    const back = useProject.getState().classes[0].images[1].file;
    expect([...new Uint8Array(await back.arrayBuffer())]).toEqual([7, 8, 9]);
    // the restore's look for a stored model ends before the page goes
    await new Promise((r) => setTimeout(r, 50));
  });
});

describe('images of a project replaced before the autosave wrote them', () => {
  it("are written for the replacement's undo", async () => {
    await savedWith(['r1']);
    // an autosave that has not run yet when the project is replaced (it waits for a quiet moment)
    stop();
    stop = startAutosave(60_000);
    useProject.setState((s) => ({ classes: s.classes.map((c) => ({ ...c, images: [...c.images, image('r2')] })) }));
    await replaceProject('New project', () => useProject.setState({ classes: [] }));
    await settleSaves();
    const d = await openDatabase('project');
    expect(await d.getAllKeys('images')).toContain('r2');
    expect(useUndo.getState().entries.map((e) => e.label)).toEqual(['New project']);
    await new Promise((r) => setTimeout(r, 50));
  });
});
