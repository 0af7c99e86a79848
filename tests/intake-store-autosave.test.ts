import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** a busy machine can be slow to settle */
const SLOW = { timeout: 30_000 };

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { restoreProject, startAutosave, usePersistence } = await import('../src/state/persist');
const { useProject } = await import('../src/state/project');
const { connectStores } = await import('../src/state/coordinator');
const { closeDatabases, openDatabase } = await import('../src/core/storage/databases');

const page = new EventTarget();
Object.assign(globalThis, {
  addEventListener: page.addEventListener.bind(page),
  removeEventListener: page.removeEventListener.bind(page),
});
if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: {} });

const initial = { project: useProject.getState(), persist: usePersistence.getState() };
// connected for the whole file: a restore's model read-back settles after its test has ended
beforeAll(() => void connectStores());
beforeEach(async () => {
  await closeDatabases();
  globalThis.indexedDB = new IDBFactory();
  resetWorker();
  installLocalStorage();
  useProject.setState(initial.project, true);
  usePersistence.setState(initial.persist, true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await closeDatabases();
});

let projects = 0;
/** 60 images in two classes, which the autosave writes 16 at a time; ids of their own (the autosave remembers what it wrote) */
const project = () => {
  const p = `p${++projects}-`;
  useProject.setState({
    classes: ['a', 'b'].map((c) => ({
      id: c,
      name: c.toUpperCase(),
      images: Array.from({ length: 30 }, (_, i) => ({
        id: `${p}${c}${i}`,
        file: new File([new Uint8Array(10)], `${c}${i}.png`, { type: 'image/png' }),
        url: '',
      })),
    })),
  });
  return p;
};

/** IndexedDB refuses these images' files as Chromium does a File whose data it cannot read */
function unreadableFiles(ids: Set<string>) {
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    ...args: Parameters<IDBObjectStore['put']>
  ) {
    if (this.name === 'images' && ids.has((args[1] as string).replace(/^p\d+-/, '')))
      throw new DOMException('The operation failed for reasons unrelated to the database itself.', 'UnknownError');
    return put.apply(this, args);
  });
}

describe('autosave: an image file storage cannot take', () => {
  it('fails alone: every other image is written, the page names it, and a reload misses only it', async () => {
    // the first two images written (takingTurns: a0, b0, ...) are the bad ones
    unreadableFiles(new Set(['a0', 'b0']));
    const stop = startAutosave(0);
    const p = project();
    await vi.waitFor(() => expect(usePersistence.getState().status).toBe('error'), SLOW);
    stop();
    expect(usePersistence.getState()).toMatchObject({
      savedImages: 58,
      error: `2 images could not be stored in this browser (The operation failed for reasons unrelated to the database itself.): a0.png, b0.png. They stay on the page and the next save tries again; a reload before then loses them, "Download project (zip)" keeps everything.`,
    });
    const d = await openDatabase('project');
    expect(await d.count('images')).toBe(58);
    expect(await d.get('images', `${p}a0`)).toBeUndefined();

    useProject.setState({ classes: [] });
    expect(await restoreProject()).toBe(true);
    expect(useProject.getState().classes.map((c) => c.images.length)).toEqual([29, 29]);
    expect(usePersistence.getState().error).toBe(
      '2 images of the saved project could not be found in browser storage and were left out.',
    );
  });

  it('is tried again at the next save, and the notice goes once it is written', async () => {
    unreadableFiles(new Set(['b7']));
    const stop = startAutosave(0);
    project();
    await vi.waitFor(() => expect(usePersistence.getState().status).toBe('error'), SLOW);
    expect(usePersistence.getState().error).toBe(
      `1 image could not be stored in this browser (The operation failed for reasons unrelated to the database itself.): b7.png. It stays on the page and the next save tries again; a reload before then loses it, "Download project (zip)" keeps everything.`,
    );
    vi.restoreAllMocks();
    useProject.getState().renameClass('a', 'A2');
    await vi.waitFor(() => expect(usePersistence.getState().status).toBe('saved'), SLOW);
    stop();
    expect(usePersistence.getState()).toMatchObject({ error: null, savedImages: 60 });
    expect(await (await openDatabase('project')).count('images')).toBe(60);
  });

  it('beside a full disk, both are said', async () => {
    let written = 0;
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'images') {
        if ((args[1] as string).endsWith('-a0')) throw new DOMException('unreadable', 'UnknownError');
        if (++written > 20) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    });
    const stop = startAutosave(0);
    project();
    await vi.waitFor(() => expect(usePersistence.getState().status).toBe('error'), SLOW);
    stop();
    const { error, savedImages } = usePersistence.getState();
    expect(savedImages).toBe(20);
    expect(error).toMatch(
      /^Browser storage is full: 20 images are saved, 39 newer ones are not \(they stay on the page/,
    );
    expect(error).toMatch(
      / 1 image could not be stored in this browser \(unreadable\): a0\.png\. It stays on the page/,
    );
  });
});
