import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// whether this page holds the project's Web Lock (Node has no Web Locks: the tests say which)
const lock = vi.hoisted(() => ({ held: true }));
vi.mock('../src/state/one-tab', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/state/one-tab')>()),
  holdsProjectLock: () => lock.held,
}));
// the stored model and runs are not this test's (their restore would outlive it)
vi.mock('../src/state/restore-trained', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/state/restore-trained')>()),
  restoreTrained: () => undefined,
}));

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { restoreProject, settleSaves, startAutosave } = await import('../src/state/persist');
const { reviveUndos } = await import('../src/state/project-undo');
const { useProject } = await import('../src/state/project');
const { useUndo } = await import('../src/state/undo');
const { connectStores } = await import('../src/state/coordinator');
const { closeDatabases, openDatabase } = await import('../src/core/storage/databases');

const page = new EventTarget();
let disconnect: () => void;
let stopAutosave = () => undefined as void;

beforeEach(async () => {
  lock.held = true;
  await closeDatabases();
  globalThis.indexedDB = new IDBFactory();
  vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
  vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
  Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
  resetWorker();
  installLocalStorage();
  useUndo.setState({ entries: [] });
  disconnect = connectStores();
});
afterEach(async () => {
  stopAutosave();
  disconnect();
  vi.unstubAllGlobals();
  await closeDatabases();
});

const file = (n: string) => new File([new Uint8Array([1])], `${n}.png`, { type: 'image/png' });
const image = (id: string) => ({ id, name: `${id}.png`, type: 'image/png' });

/**
 * What the last page left: a record naming 'a', the files `ids`, and `undos`. 'orphan' is a file
 * whose deletion an earlier save began and never ended (the page went midway).
 */
async function lastPageLeft(ids: string[], undos: unknown[] = []) {
  const d = await openDatabase('project');
  const record = {
    version: 1,
    classes: [{ id: 'c1', name: 'cats', images: [image('a')] }],
    settings: {},
    backboneId: 'mobilenet-v1-0.25',
    savedAt: new Date().toISOString(),
  };
  await d.put('meta', record, 'project');
  await d.put('meta', undos, 'undo');
  for (const id of ids) await d.put('images', { file: file(id) }, id);
}

/** the next page's start, as main.tsx runs it */
async function start() {
  expect(await restoreProject()).toBe(true);
  await reviveUndos();
  stopAutosave = startAutosave();
  await settleSaves();
}

const storedFiles = async () => (await (await openDatabase('project')).getAllKeys('images')).map(String).sort();

describe('image files an interrupted save left in storage', () => {
  it('are deleted by the first save after a restore, the project’s own stay', async () => {
    await lastPageLeft(['a', 'orphan']);
    await start();
    expect(useProject.getState().classes[0].images.map((i) => i.id)).toEqual(['a']);
    expect(await storedFiles()).toEqual(['a']);
  });

  it('stay while an undo the reload brought back names them', async () => {
    const deleted = {
      kind: 'remove',
      label: 'Deleted 1 image from cats',
      classes: [],
      images: [{ ...image('held'), classId: 'c1', className: 'cats', index: 1 }],
    };
    await lastPageLeft(['a', 'held', 'orphan'], [{ expiresAt: Date.now() + 60_000, saved: deleted }]);
    await start();
    expect(useUndo.getState().entries).toHaveLength(1);
    expect(await storedFiles()).toEqual(['a', 'held']);
  });

  it('stay while a copy of a record that could not be read is kept: its images are among them', async () => {
    await lastPageLeft(['a', 'old']);
    // an earlier start could not read the record then stored (it named 'old'): the copy was kept
    await (
      await openDatabase('project')
    ).put('meta', { version: 2, classes: [{ images: [{ id: 'old' }] }] }, 'project-unreadable');
    await start();
    expect(await storedFiles()).toEqual(['a', 'old']);
  });

  it('stay without the project’s lock: another tab on the same storage may have just written them', async () => {
    lock.held = false;
    await lastPageLeft(['a', 'orphan']);
    await start();
    expect(await storedFiles()).toEqual(['a', 'orphan']);
  });
});
