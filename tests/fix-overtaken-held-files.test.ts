import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { settleSaves, startAutosave } = await import('../src/state/persist');
const { claimProject } = await import('../src/state/one-tab');
const { useProject } = await import('../src/state/project');
const { deleteImages } = await import('../src/state/project-undo');
const { connectStores } = await import('../src/state/coordinator');
const { FILES_PER_WRITE } = await import('../src/state/persist-undos');
const { closeDatabases, openDatabase } = await import('../src/core/storage/databases');

const page = new EventTarget();
Object.assign(globalThis, {
  addEventListener: page.addEventListener.bind(page),
  removeEventListener: page.removeEventListener.bind(page),
});
Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });

/** One lock, held by this tab until `steal` rejects its request, as Web Locks does for a steal. */
let steal: () => void = () => undefined;
vi.stubGlobal('navigator', {
  locks: {
    request: (_name: string, _options: LockOptions, granted: () => Promise<never>) =>
      new Promise((_resolve, reject) => {
        steal = () => reject(new DOMException('stolen', 'AbortError'));
        void granted();
      }),
  },
});
vi.stubGlobal(
  'BroadcastChannel',
  class {
    onmessage = null;
    postMessage() {}
    close() {}
  },
);

const file = (n: string) => new File([new Uint8Array([7, 8, 9])], n, { type: 'image/png' });
const image = (id: string) => ({ id, file: file(`${id}.png`), url: '' });

afterEach(() => vi.restoreAllMocks());

describe('a tab another tab takes the project from while it stores the files only an undo holds', () => {
  it('writes none of them once taken over: they would land, never named, in the other tab’s storage', async () => {
    globalThis.indexedDB = new IDBFactory();
    resetWorker();
    installLocalStorage();
    connectStores();
    const left: string[] = [];
    expect(await claimProject((how) => void left.push(how))).toBe(true);
    const stop = startAutosave(0);
    useProject.setState({ classes: [{ id: 'c1', name: 'cats', images: [image('h0')] }] });
    await settleSaves();
    // four writes' worth of images added and deleted before the next save: only their undo holds them
    const added = Array.from({ length: 4 * FILES_PER_WRITE }, (_, k) => image(`h${k + 1}`));
    useProject.setState((s) => ({ classes: s.classes.map((c) => ({ ...c, images: [...c.images, ...added] })) }));
    deleteImages(added.map((im) => im.id));
    const put = IDBObjectStore.prototype.put;
    let written = 0;
    let afterSteal = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'images') {
        if (left.length) afterSteal++;
        // the other tab takes the project as the first write of them ends
        else if (++written === FILES_PER_WRITE) steal();
      }
      return put.apply(this, args);
    });
    await settleSaves();
    stop();
    expect(left).toEqual(['overtaken']);
    expect(written).toBe(FILES_PER_WRITE);
    expect(afterSteal).toBe(0);
    const keys = await (await openDatabase('project')).getAllKeys('images');
    expect(keys).toHaveLength(1 + FILES_PER_WRITE);
    await closeDatabases();
  });
});
