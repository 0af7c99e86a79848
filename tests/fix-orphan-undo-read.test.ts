import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// the harness of fix-orphan-files-restore.test.ts (a test file: importing it would run its tests here)
vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
vi.mock('../src/state/one-tab', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/state/one-tab')>()),
  holdsProjectLock: () => true,
}));
vi.mock('../src/state/restore-trained', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/state/restore-trained')>()),
  restoreTrained: () => undefined,
}));

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { restoreProject, settleSaves, startAutosave, usePersistence } = await import('../src/state/persist');
const { reviveUndos } = await import('../src/state/project-undo');
const { useProject } = await import('../src/state/project');
const { useUndo } = await import('../src/state/undo');
const { connectStores } = await import('../src/state/coordinator');
const { closeDatabases, openDatabase } = await import('../src/core/storage/databases');

const page = new EventTarget();
let disconnect: () => void;
let stopAutosave = () => undefined as void;

beforeEach(async () => {
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
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await closeDatabases();
});

const file = (n: string) => new File([new Uint8Array([1])], `${n}.png`, { type: 'image/png' });
const image = (id: string) => ({ id, name: `${id}.png`, type: 'image/png' });

/** What the last page left: a record naming 'a', the files 'a' and 'held', and an undo of the deletion of 'held'. */
async function lastPageLeft() {
  const d = await openDatabase('project');
  const record = {
    version: 1,
    classes: [{ id: 'c1', name: 'cats', images: [image('a')] }],
    settings: {},
    backboneId: 'mobilenet-v1-0.25',
    savedAt: new Date().toISOString(),
  };
  const deleted = {
    kind: 'remove',
    label: 'Deleted 1 image from cats',
    classes: [],
    images: [{ ...image('held'), classId: 'c1', className: 'cats', index: 1 }],
  };
  await d.put('meta', record, 'project');
  await d.put('meta', [{ expiresAt: Date.now() + 60_000, saved: deleted }], 'undo');
  for (const id of ['a', 'held']) await d.put('images', { file: file(id) }, id);
}

/** Storage refuses to read meta's `key` (an UnknownError, a connection closing) this start. */
async function unreadable(key: string) {
  const d = await openDatabase('project');
  const get = d.get.bind(d);
  vi.spyOn(d, 'get').mockImplementation((store, query) =>
    store === 'meta' && query === key
      ? Promise.reject(new DOMException('Internal error.', 'UnknownError'))
      : get(store, query),
  );
}

/** the next page's start, as main.tsx runs it */
async function start() {
  const restored = await restoreProject();
  await reviveUndos();
  stopAutosave = startAutosave();
  await settleSaves();
  return restored;
}

const storedFiles = async () => (await (await openDatabase('project')).getAllKeys('images')).map(String).sort();

describe('a restore that storage would not answer every read of', () => {
  it('keeps the files the undos it could not read held, and restores the project without calling it unreadable', async () => {
    await lastPageLeft();
    await unreadable('undo');
    const restored = await start();
    expect(useProject.getState().classes[0].images.map((i) => i.id)).toEqual(['a']);
    // a save after the start, whatever it deletes
    useProject.getState().renameClass('c1', 'kittens');
    await settleSaves();
    expect(await storedFiles()).toEqual(['a', 'held']);
    // the undos are lost, nothing else: the project is as it was
    expect(restored).toBe(true);
    expect(usePersistence.getState().error).toBeNull();
    expect(await (await openDatabase('project')).get('meta', 'project-unreadable')).toBeUndefined();
  });

  it('keeps files no undo names when it could not read whether a copy of an unreadable record is kept', async () => {
    await lastPageLeft();
    await (await openDatabase('project')).put('meta', [], 'undo');
    await unreadable('project-unreadable');
    expect(await start()).toBe(true);
    expect(await storedFiles()).toEqual(['a', 'held']);
  });
});
