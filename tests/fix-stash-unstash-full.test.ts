import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { projectStoresEachTest } = await import('./store-harness');
const { emptyProject } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo } = await import('../src/state/undo');
const { replaceProject } = await import('../src/state/project-undo');
const { loadPreviousModel, loadSavedModel } = await import('../src/state/model-store');
const { keepLastModel } = await import('../src/core/storage/model-writer');
const { openDatabase } = await import('../src/core/storage/databases');

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
const lastUndo = () => useUndo.getState().entries.at(-1)!.id;

projectStoresEachTest({
  project: () => ({ classes: [{ id: 'c1', name: 'cats', images: [{ id: 'a', file: file('a.png'), url: '' }] }] }),
});
beforeEach(async () => {
  // nothing left in storage by the tests before (a stash kept aside among it)
  await (await openDatabase('model')).clear('model');
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

const keep = (valAccuracy: number, bytes: number) =>
  keepLastModel({ zip: new Uint8Array(bytes), result: { valAccuracy }, savedAt: new Date().toISOString() });

/** the model zips a stored value holds (a stash holds two) */
const zipBytes = (value: unknown): number => {
  const v = value as { zip?: Uint8Array; model?: { zip: Uint8Array }; previous?: { zip: Uint8Array } } | null;
  return (v?.zip?.length ?? 0) + (v?.model?.zip.length ?? 0) + (v?.previous?.zip.length ?? 0);
};

/** the model database holds `room` bytes of model zips from now on: a put past that is refused */
async function storageHolds(room: number) {
  const db = await openDatabase('model');
  const held = new Map<string, number>();
  for (const key of await db.getAllKeys('model')) held.set(String(key), zipBytes(await db.get('model', key)));
  const used = () => [...held.values()].reduce((a, b) => a + b, 0);
  const { put, delete: del } = IDBObjectStore.prototype;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
    const k = String(key);
    if (used() - (held.get(k) ?? 0) + zipBytes(value) > room)
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    held.set(k, zipBytes(value));
    return put.call(this, value, key);
  });
  vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(function (this: IDBObjectStore, key) {
    held.delete(String(key));
    return del.call(this, key);
  });
}

const stashKeys = async () =>
  (await (await openDatabase('model')).getAllKeys('model')).map(String).filter((k) => k.startsWith('stash-'));

describe('undoing a replaced project when browser storage is full', () => {
  it("keeps the earlier project's model aside when it cannot be put back, and says so", async () => {
    await keep(0.9, 100);
    await replaceProject('Opened b.zip', emptyProject);
    const [stash] = await stashKeys();
    // room for the stash's copy, not for a second one beside it
    await storageHolds(150);
    expect(await runUndo(lastUndo())).toBe(true);
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats']);
    expect(useProject.getState().notice).toMatch(/^Browser storage had no room to put back its trained model \(/);
    expect(useProject.getState().notice).toMatch(/no room to put back/);
    expect(await loadSavedModel()).toBeUndefined();
    // not deleted with the undo: the only copy left is still in storage
    const kept = (await (await openDatabase('model')).get('model', stash)) as {
      model?: { result: { valAccuracy: number } };
    };
    expect(kept.model?.result.valAccuracy).toBe(0.9);
  });

  it('puts the model in use back first, and the one before it once the copies that went back leave the stash', async () => {
    await keep(0.5, 100);
    await keep(0.9, 100);
    await replaceProject('Opened b.zip', emptyProject);
    // the stash (both models) and one model more: the model before it fits only once the stash lets go of the other
    await storageHolds(300);
    expect(await runUndo(lastUndo())).toBe(true);
    expect((await loadSavedModel())?.result.valAccuracy).toBe(0.9);
    expect((await loadPreviousModel())?.result.valAccuracy).toBe(0.5);
    expect(useProject.getState().notice).toBeNull();
    expect(await stashKeys()).toEqual([]);
  });
});
