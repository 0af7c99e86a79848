import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// this page holds the project's Web Lock (Node has none): the start-up forgets what no undo names
vi.mock('../src/state/one-tab', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/state/one-tab')>()),
  holdsProjectLock: () => true,
}));

const { worker } = await import('./fake-worker');
const { projectStoresEachTest, backboneInfo } = await import('./store-harness');
const { useModelInUse } = await import('../src/state/model-in-use');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useUndo, runUndo, savedUndos, dismissUndo } = await import('../src/state/undo');
const { reviveUndos, projectUndoContext } = await import('../src/state/project-undo');
const { loadStartingPoint, loadImportedModel } = await import('../src/state/model-store');
const { openDatabase } = await import('../src/core/storage/databases');

const initialModel = useModelInUse.getState();
const file = (name: string) => new File([Uint8Array.of(1, 2, 3)], name);
const A = 'a.zip (Transfer Studio model)';
const start = { modelName: 'h.zip', labels: ['a'], hiddenUnits: 8, featureSize: 4 };

projectStoresEachTest({ settle: true, beforeConnect: () => useModelInUse.setState(initialModel, true) });
/** the undos earlier tests left offered (state/undo.ts holds them for the module's life): not this page's */
let earlier = 0;
beforeEach(async () => {
  earlier = savedUndos().length;
  await (await openDatabase('model')).clear('model');
  // the starting point an earlier test left (the store keeps it for the module's life): a Continue is not on top of it
  useModelInUse.getState().startFromScratch();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  worker.loadBackbone = async (id: string) => backboneInfo(id, 5);
  worker.importModel = async () => ({ labels: ['a', 'b'], inputSize: 224, cropMode: 'center', source: 'studio' });
  worker.useTrained = async () => true;
});

/** the model-storage keys an undo holds what it gives back under */
const heldKeys = async () =>
  (await (await openDatabase('model')).getAllKeys('model')).map(String).filter((k) => k.startsWith('undo-held-'));

/**
 * The page reloads: the undos the autosave stored come back into a fresh model-in-use store
 * (whatever the restore brings back answering: `answering`).
 */
async function reload(answering: Partial<ReturnType<typeof useModelInUse.getState>> = {}): Promise<string> {
  const stored = JSON.parse(JSON.stringify(savedUndos().slice(earlier)));
  useUndo.setState({ entries: [] });
  useModelInUse.setState({ ...initialModel, ...answering }, true);
  projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => stored });
  await reviveUndos();
  // the action's undo, the newest (a Continue's own undo, still pending, comes back before it)
  const revived = useUndo.getState().entries;
  expect(revived.length).toBeGreaterThanOrEqual(1);
  return revived.at(-1)!.id;
}

async function continued(): Promise<void> {
  await useBackbone.getState().select('big');
  worker.continueImported = async () => ({
    ...backboneInfo('big', 5),
    spec: { id: 'big', name: 'big', inputSize: 224 },
    start,
  });
  await useModelInUse.getState().continueImported();
  await vi.waitFor(async () => expect(await loadStartingPoint()).toBeDefined());
}

describe('"Start from scratch instead", the page reloaded while its toast is up', () => {
  it('still puts the starting point back: its head in the worker and in storage again', async () => {
    await continued();
    const startFrom = useModelInUse.getState().startFrom;
    await useModelInUse.getState().leaveStartingPoint();
    expect(await loadStartingPoint()).toBeUndefined();
    const heads: unknown[] = [];
    worker.setHeadStart = async (backboneId: string, head: unknown) => void heads.push([backboneId, head]);
    const id = await reload();
    expect(useUndo.getState().entries.map((e) => e.label)).toEqual([
      'Continuing h.zip',
      'Started from scratch instead of continuing h.zip',
    ]);
    expect(await runUndo(id)).toBe(true);
    expect(useModelInUse.getState().startFrom).toEqual(startFrom);
    expect(heads).toEqual([['big', start]]);
    expect((await loadStartingPoint())?.start).toEqual(start);
    // what the undo held for a reload goes once it is taken
    expect(await heldKeys()).toEqual([]);
  });

  it('is refused after the reload once another starting point is in place', async () => {
    await continued();
    await useModelInUse.getState().leaveStartingPoint();
    const id = await reload();
    await continued();
    expect(await runUndo(id)).toBe(false);
    expect(useUndo.getState().entries.find((e) => e.id === id)?.error).toMatch(/starting point has changed/);
  });

  it('made final (closed, or run out), forgets what it held for a reload', async () => {
    await continued();
    await useModelInUse.getState().leaveStartingPoint();
    expect(await heldKeys()).toHaveLength(1);
    await dismissUndo(useUndo.getState().entries.at(-1)!.id);
    expect(await heldKeys()).toEqual([]);
    expect(await loadStartingPoint()).toBeUndefined();
  });
});

describe('a run that took an imported model’s place, the page reloaded while its toast is up', () => {
  async function runOverImport(): Promise<void> {
    if (useModelInUse.getState().model?.name !== A) await useModelInUse.getState().importModel(file('a.zip'));
    expect((await loadImportedModel())?.name).toBe(A);
    useModelInUse
      .getState()
      .show({ kind: 'trained', labels: ['a', 'b'], inputSize: 224, cropMode: 'center', name: 'trained here' });
    await useModelInUse.getState().runEnded();
    expect(await loadImportedModel()).toBeUndefined();
    expect(useUndo.getState().entries.at(-1)?.label).toBe(`The model trained here took the place of ${A}`);
  }
  const restored = { kind: 'restored', labels: ['a', 'b'], inputSize: 224, cropMode: 'center', name: 'trained on …' };

  it('still gives the imported model back: it answers, and a reload brings it back', async () => {
    await runOverImport();
    await vi.waitFor(async () => expect(await heldKeys()).toHaveLength(1));
    const id = await reload({ model: restored as never });
    expect(await runUndo(id)).toBe(true);
    expect(useModelInUse.getState().model?.name).toBe(A);
    expect((await loadImportedModel())?.name).toBe(A);
    expect(await heldKeys()).toEqual([]);
  });

  it('is refused after the reload once another model answers (an import since)', async () => {
    await runOverImport();
    await vi.waitFor(async () => expect(await heldKeys()).toHaveLength(1));
    const id = await reload({ model: restored as never });
    await useModelInUse.getState().importModel(file('b.zip'));
    expect(await runUndo(id)).toBe(false);
    expect(useModelInUse.getState().model?.name).toBe('b.zip (Transfer Studio model)');
  });

  it('undone before any reload, forgets what it held; the next start-up forgets what no undo names', async () => {
    await runOverImport();
    await vi.waitFor(async () => expect(await heldKeys()).toHaveLength(1));
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(await heldKeys()).toEqual([]);
    // another one offered, but the page went before the autosave stored its undo
    await runOverImport();
    await vi.waitFor(async () => expect(await heldKeys()).toHaveLength(1));
    useUndo.setState({ entries: [] });
    projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => [] });
    await reviveUndos();
    expect(await heldKeys()).toEqual([]);
  });
});

describe('"Continuing …" on top of another Continue’s starting point, the page reloaded while its toast is up', () => {
  const first = { modelName: 'a.zip', labels: ['a'], hiddenUnits: 8, featureSize: 4 };
  const second = { modelName: 'h.zip', labels: ['a'], hiddenUnits: 16, featureSize: 4 };
  const entry = (id: string) => useUndo.getState().entries.find((e) => e.id === id);

  async function continuedWith(head: typeof start): Promise<void> {
    worker.continueImported = async () => ({
      ...backboneInfo('big', 5),
      spec: { id: 'big', name: 'big', inputSize: 224 },
      start: head,
    });
    await useModelInUse.getState().continueImported();
    await vi.waitFor(async () => expect((await loadStartingPoint())?.modelName).toBe(head.modelName));
  }

  /** a Continue on top of another: the earlier point is held for a reload while its toast is up */
  async function continuedTwice(): Promise<void> {
    await useBackbone.getState().select('big');
    await continuedWith(first);
    await continuedWith(second);
    expect(useTraining.getState().settings.hiddenUnits).toBe(16);
    await vi.waitFor(async () => expect(await heldKeys()).toHaveLength(1));
  }

  it('still puts the earlier starting point back: its head in the worker and in storage again', async () => {
    await continuedTwice();
    const heads: unknown[] = [];
    worker.setHeadStart = async (backboneId: string, head: unknown) => void heads.push([backboneId, head]);
    const id = await reload();
    expect(useUndo.getState().entries.map((e) => e.label)).toEqual(['Continuing a.zip', 'Continuing h.zip']);
    // the start-up's clearing left what the revived undo names
    expect(await heldKeys()).toHaveLength(1);
    expect(await runUndo(id)).toBe(true);
    expect(useModelInUse.getState().startFrom?.modelName).toBe('a.zip');
    expect(heads).toEqual([['big', first]]);
    expect((await loadStartingPoint())?.start).toEqual(first);
    expect(useTraining.getState().settings.hiddenUnits).toBe(8);
    // what the undo held for a reload goes once it is taken
    expect(await heldKeys()).toEqual([]);
  });

  it('is refused for good after the reload once another starting point is in place', async () => {
    await continuedTwice();
    const id = await reload();
    // another model's head, of the same size: the settings Continue sets are as the undo left them
    await continuedWith({ ...second, modelName: 'c.zip' });
    await dismissUndo(useUndo.getState().entries.at(-1)!.id);
    expect(await runUndo(id)).toBe(false);
    expect(entry(id)).toMatchObject({ error: 'Another starting point is in place since.', withoutUndo: 'for good' });
    expect(useModelInUse.getState().startFrom?.modelName).toBe('c.zip');
  });

  it('is refused for good when what it held is no longer in storage', async () => {
    await continuedTwice();
    const id = await reload();
    const db = await openDatabase('model');
    for (const key of await heldKeys()) await db.delete('model', key);
    expect(await runUndo(id)).toBe(false);
    expect(entry(id)).toMatchObject({ error: expect.stringMatching(/no longer in this browser’s storage/) });
    expect(entry(id)?.withoutUndo).toBe('for good');
    // nothing half put back
    expect((await loadStartingPoint())?.modelName).toBe('h.zip');
    expect(useTraining.getState().settings.hiddenUnits).toBe(16);
  });

  it('forgets what it held once taken before any reload, or made final', async () => {
    await continuedTwice();
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(useModelInUse.getState().startFrom?.modelName).toBe('a.zip');
    expect(await heldKeys()).toEqual([]);
    await continuedWith(second);
    await vi.waitFor(async () => expect(await heldKeys()).toHaveLength(1));
    await dismissUndo(useUndo.getState().entries.at(-1)!.id);
    expect(await heldKeys()).toEqual([]);
    // revived, then run out
    await continuedWith({ ...second, modelName: 'c.zip' });
    await vi.waitFor(async () => expect(await heldKeys()).toHaveLength(1));
    const id = await reload();
    await dismissUndo(id);
    expect(await heldKeys()).toEqual([]);
  });
});
