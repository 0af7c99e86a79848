import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

// (image ids differ between tests: the module remembers which ids it wrote)

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { saveAgain, startAutosave, usePersistence } = await import('../src/state/persist');
const { useProject } = await import('../src/state/project');
const { connectStores } = await import('../src/state/coordinator');
const { closeDatabases, openDatabase } = await import('../src/core/storage/databases');

const page = new EventTarget();
Object.assign(globalThis, {
  addEventListener: page.addEventListener.bind(page),
  removeEventListener: page.removeEventListener.bind(page),
});
if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: {} });

/**
 * An origin's quota, faked over the project database's stores: a write past `capacity` bytes is
 * refused as a browser refuses it. `features` stands for the feature rows the worker keeps
 * (the same origin's quota); the fake worker's storeFeatures(false) frees them.
 */
const disk = { capacity: Infinity, features: 0, held: new Map<string, number>() };
const used = () => [...disk.held.values()].reduce((a, b) => a + b, 0) + disk.features;
const sizeOf = (value: unknown) =>
  (value as { file?: File } | null)?.file instanceof File
    ? (value as { file: File }).file.size
    : JSON.stringify(value ?? null).length;

let disconnect: () => void;
let stop: () => void = () => undefined;
let forgot = 0;
let resumed = 0;

beforeEach(async () => {
  await closeDatabases();
  globalThis.indexedDB = new IDBFactory();
  resetWorker();
  forgot = 0;
  resumed = 0;
  // the stored rows only: the worker's features in memory stay (a run may be reading them)
  worker.forgetFeatures = () => {
    throw new Error('the features in memory are not for the autosave to drop');
  };
  worker.storeFeatures = async (on: unknown) => {
    if (on) return void resumed++;
    forgot++;
    disk.features = 0;
  };
  installLocalStorage();
  Object.assign(disk, { capacity: Infinity, features: 0, held: new Map() });
  const put = IDBObjectStore.prototype.put;
  const del = IDBObjectStore.prototype.delete;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    ...args: Parameters<IDBObjectStore['put']>
  ) {
    const key = `${this.name}/${String(args[1])}`;
    const size = sizeOf(args[0]);
    if (used() - (disk.held.get(key) ?? 0) + size > disk.capacity)
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    disk.held.set(key, size);
    return put.apply(this, args);
  });
  vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(function (
    this: IDBObjectStore,
    ...args: Parameters<IDBObjectStore['delete']>
  ) {
    disk.held.delete(`${this.name}/${String(args[0])}`);
    return del.apply(this, args);
  });
  useProject.setState({ classes: [] });
  disconnect = connectStores();
});
afterEach(async () => {
  stop();
  disconnect();
  vi.restoreAllMocks();
  await closeDatabases();
});

const file = (n: string) => new File([new Uint8Array(5000)], n, { type: 'image/png' });
const image = (id: string) => ({ id, file: file(`${id}.png`), url: '' });
const stored = async () => {
  const d = await openDatabase('project');
  return {
    names: ((await d.get('meta', 'project')) as { classes: { name: string }[] }).classes.map((c) => c.name),
    images: ((await d.getAllKeys('images')) as string[]).sort(),
  };
};
/** the status the next save ends with (set up before the change that starts it) */
const saveEnds = () =>
  new Promise<string>((resolve) => {
    const unsubscribe = usePersistence.subscribe((now, before) => {
      if (before.status !== 'saving' || now.status === 'saving') return;
      unsubscribe();
      // the usage is read after the status is set: the save is over once that is done too
      setTimeout(() => resolve(now.status), 20);
    });
  });

describe('a full disk, then room made', () => {
  it('images deleted in the same change as a rename make room for the record: both are saved (the rename was lost on reload)', async () => {
    stop = startAutosave(0);
    let ended = saveEnds();
    useProject.setState({
      classes: [
        { id: 'a', name: 'A', images: [image('a1'), image('a2'), image('a3')] },
        { id: 'b', name: 'B', images: [image('b1')] },
      ],
    });
    expect(await ended).toBe('saved');
    // full to the byte: the longer record fits only once the deleted image's blob is gone
    disk.capacity = used() + 20;
    ended = saveEnds();
    useProject.setState((s) => ({
      classes: s.classes.map((c) =>
        c.id === 'a' ? { ...c, name: 'Apples'.padEnd(200, '!'), images: c.images.filter((i) => i.id !== 'a3') } : c,
      ),
    }));
    expect(await ended).toBe('saved');
    expect(usePersistence.getState()).toMatchObject({ error: null, savedImages: 3 });
    expect(await stored()).toEqual({ names: ['Apples'.padEnd(200, '!'), 'B'], images: ['a1', 'a2', 'b1'] });
  });

  it("the feature rows (a cache training rebuilds) make way for the person's images, once", async () => {
    stop = startAutosave(0);
    let ended = saveEnds();
    useProject.setState({ classes: [{ id: 'a', name: 'A', images: [image('c1')] }] });
    expect(await ended).toBe('saved');
    disk.features = 12_000;
    disk.capacity = used() + 1000;
    ended = saveEnds();
    useProject.setState((s) => ({
      classes: s.classes.map((c) => ({ ...c, images: [...c.images, image('c2'), image('c3')] })),
    }));
    expect(await ended).toBe('saved');
    expect(forgot).toBe(1);
    expect((await stored()).images).toEqual(['c1', 'c2', 'c3']);
    // everything fitted: the worker may store rows again
    await vi.waitFor(() => expect(resumed).toBe(1));
    // full again: once more (training may have stored rows since), then not while it stays full
    for (const more of [['c4', 'c5', 'c6'], ['c7']]) {
      ended = saveEnds();
      useProject.setState((s) => ({
        classes: s.classes.map((c) => ({ ...c, images: [...c.images, ...more.map(image)] })),
      }));
      expect(await ended).toBe('error');
      expect(forgot).toBe(2);
    }
    expect(usePersistence.getState().error).toMatch(/^Browser storage is full: 3 images are saved, 4 newer ones/);
  });

  it('"Try saving again" saves now, once space was freed elsewhere (nothing else would try before the next change)', async () => {
    stop = startAutosave(0);
    disk.capacity = 12_000;
    const ended = saveEnds();
    useProject.setState({ classes: [{ id: 'a', name: 'A', images: [image('d1'), image('d2'), image('d3')] }] });
    expect(await ended).toBe('error');
    expect(usePersistence.getState().full).toBe(true);
    expect((await stored()).images).toEqual(['d1', 'd2']);
    disk.capacity = Infinity;
    await saveAgain();
    expect(usePersistence.getState()).toMatchObject({ status: 'saved', error: null, full: false, savedImages: 3 });
    expect((await stored()).images).toEqual(['d1', 'd2', 'd3']);
  });
});
