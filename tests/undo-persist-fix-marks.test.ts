import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { closeUndoPage, image, layout, lastUndo, openUndoPage, settled } = await import('./helpers-project-undo');
const { useProject } = await import('../src/state/project');
const { dismissUndo, newestUndoable, offerUndo, runUndo, savedUndos, useUndo } = await import('../src/state/undo');
const { deleteImages, moveImages, replaceProject, reviveUndos, projectUndoContext } =
  await import('../src/state/project-undo');
const { currentProject } = await import('../src/state/project-generations');

/**
 * What an undo entry marks (why its undo was refused, whether Undo is offered again, which project
 * it belongs to) survives a reload: the undos the autosave stored come back as the page had them.
 */

let project = 950;
let disconnect: () => void;
// each test's own names: the undos earlier tests left held are told apart by them
const tag = () => `p${project}`;

beforeEach(() => {
  project += 10;
  disconnect = openUndoPage(project, [
    { id: 'c1', name: `cats ${tag()}`, images: [image('a'), image('b')] },
    { id: 'c2', name: `dogs ${tag()}`, images: [image('d')] },
  ]);
});
afterEach(async () => {
  vi.useRealTimers();
  // an earlier project put back restores its model after the undo
  await settled();
  await closeUndoPage(disconnect);
});

type Stored = { saved: { label: string; made?: number } } & Record<string, unknown>;
/** the descriptions of the undos of pages gone with a reload: the module still holds them */
const gone = new WeakSet<object>();
/** what this page stored of its undos (not those of earlier tests, nor of the page before a reload) */
const mine = () => (savedUndos() as Stored[]).filter((u) => u.saved.label.includes(tag()) && !gone.has(u.saved));
const entry = (id: string) => useUndo.getState().entries.find((e) => e.id === id);
const byLabel = (part: string) => useUndo.getState().entries.find((e) => e.label.includes(part))!.id;

/** the page reloaded with what it stored of this test's undos, as JSON (`legacy`: stored before undos named their project) */
async function reload(legacy = false) {
  const stored = (JSON.parse(JSON.stringify(mine())) as Stored[]).map((u) =>
    legacy ? { ...u, saved: { ...u.saved, made: undefined } } : u,
  );
  for (const u of savedUndos()) gone.add(u.saved as object);
  useUndo.setState({ entries: [] });
  projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => stored });
  await reviveUndos();
  return stored;
}

/** Open project: the opened one (holding x) takes the page's place */
const open = (name: string) =>
  replaceProject(`Opened ${name} ${tag()}.zip`, () =>
    useProject.setState({ classes: [{ id: `o-${name}`, name: `birds ${name}`, images: [image(`x-${name}`)] }] }),
  );

/**
 * A deletion stored before undos named their project (revived, it counts as the page's) that
 * learnt its project by being reached in another one.
 */
async function learntDeletion({ openingClosed = false } = {}) {
  deleteImages(['a']);
  await reload(true);
  const deletion = lastUndo();
  await open('one');
  // closed: no undo is left to bring its project back
  if (openingClosed) await dismissUndo(byLabel('Opened one'));
  expect(await runUndo(deletion)).toBe(false);
  return deletion;
}

/**
 * The page holds the project the deletion was made in (its image files would come from storage,
 * which this test's autosave never wrote: the undo says it could not find them there).
 */
function inItsOwnProject() {
  expect(currentProject()).toBe(project);
  expect(useProject.getState().classes.map((c) => c.name)).toEqual([`cats ${tag()}`, `dogs ${tag()}`]);
  expect(useProject.getState().notice).toBe('1 image could not be found in browser storage and was not brought back.');
}

/** how each undo looks and acts on the page, by label */
function looks() {
  const undoable = newestUndoable()?.id;
  return useUndo.getState().entries.map((e) => ({
    label: e.label,
    state: e.state,
    error: e.error,
    withoutUndo: e.withoutUndo,
    otherProject: !!e.otherProject,
    ctrlZ: e.id === undoable,
  }));
}

describe('an undo refused for good, after a reload', () => {
  it('comes back without its Undo: not taken by a click or Ctrl+Z, and nothing is put into the project on the page', async () => {
    const deletion = await learntDeletion({ openingClosed: true });
    expect(entry(deletion)).toMatchObject({
      error: 'it belongs to a project that was replaced',
      withoutUndo: 'for good',
    });
    const stored = await reload();
    expect(stored).toEqual([
      expect.objectContaining({ refused: 'it belongs to a project that was replaced', withoutUndo: 'for good' }),
    ]);
    const again = lastUndo();
    expect(entry(again)).toMatchObject({
      state: 'failed',
      error: 'it belongs to a project that was replaced',
      withoutUndo: 'for good',
    });
    expect(useUndo.getState().said?.text).toBe(
      `Deleted 1 image from cats ${tag()}: can no longer be undone (it belongs to a project that was replaced).`,
    );
    expect(newestUndoable()).toBeUndefined();
    expect(await runUndo(again)).toBe(false);
    expect(layout()).toEqual(['birds one: x-one']);
    // closing it is all that is left, and it stays closed after the next reload
    await dismissUndo(again);
    expect(mine()).toEqual([]);
  });
});

describe('an undo that learnt which project it belongs to, after a reload', () => {
  it("refused as the replaced project's: it comes back without Undo, and is offered once its project is back", async () => {
    const deletion = await learntDeletion();
    expect(entry(deletion)).toMatchObject({ withoutUndo: 'until its project is back' });
    const before = looks();
    await reload();
    expect(looks()).toEqual(before);
    const again = byLabel('Deleted');
    // not taken in the opened project: the image it holds is not put into it
    expect(await runUndo(again)).toBe(false);
    expect(layout()).toEqual(['birds one: x-one']);
    expect(await runUndo(byLabel('Opened one'))).toBe(true);
    expect(entry(again)).toMatchObject({ state: 'pending', withoutUndo: undefined, otherProject: undefined });
    expect(await runUndo(again)).toBe(true);
    inItsOwnProject();
  });

  it('put away as another project replaced that one too: it stays put away, and comes back with its project', async () => {
    const deletion = await learntDeletion();
    await open('two');
    expect(entry(deletion)?.otherProject).toBe(true);
    const before = looks();
    const stored = await reload();
    expect(stored.find((u) => u.saved.label.startsWith('Deleted'))).toMatchObject({ project: project });
    expect(looks()).toEqual(before);
    const again = byLabel('Deleted');
    expect(await runUndo(again)).toBe(false);
    expect(layout()).toEqual(['birds two: x-two']);
    // the second opening undone brings the first opened project, which is still not its own
    expect(await runUndo(byLabel('Opened two'))).toBe(true);
    expect(entry(again)?.otherProject).toBe(true);
    expect(await runUndo(again)).toBe(false);
    expect(await runUndo(byLabel('Opened one'))).toBe(true);
    expect(currentProject()).toBe(project);
    expect(entry(again)).toMatchObject({ state: 'pending', otherProject: undefined });
    expect(await runUndo(again)).toBe(true);
    inItsOwnProject();
  });
});

describe('each undo comes back from a reload as the page had it', () => {
  it('pending, put away, refused, refused and put away: field by field, and stored the same again', async () => {
    moveImages(['b'], 'c2');
    deleteImages(['d']);
    const move = byLabel('Moved');
    // a run holds the project: the move's undo is refused, for a reason that passes
    useProject.setState({ locked: 'A run is using the project: undo when it has ended.' });
    expect(await runUndo(move)).toBe(false);
    useProject.setState({ locked: null });
    deleteImages(['a']);
    const here = looks();
    const storedHere = await reload();
    expect(looks()).toEqual(here);
    expect(mine()).toEqual(
      storedHere.map((u) => ({ ...u, ...('expiresAt' in u && { expiresAt: expect.any(Number) }) })),
    );
    // all three put away by Open project: the refused move keeps its reason while its time runs
    await open('one');
    const away = looks();
    expect(away.filter((u) => u.otherProject).map((u) => u.state)).toEqual(['failed', 'pending', 'pending']);
    const storedAway = await reload();
    expect(storedAway.find((u) => u.saved.label.startsWith('Moved'))).toMatchObject({
      refused: 'A run is using the project: undo when it has ended.',
      expiresAt: expect.any(Number),
    });
    expect(looks()).toEqual(away);
    expect(await runUndo(byLabel('Opened one'))).toBe(true);
    // back with its project: refused as it was, its time no longer running
    expect(entry(byLabel('Moved'))).toMatchObject({
      state: 'failed',
      error: 'A run is using the project: undo when it has ended.',
      otherProject: undefined,
    });
    expect(mine().find((u) => u.saved.label.startsWith('Moved') && !('expiresAt' in u))).toEqual({
      refused: 'A run is using the project: undo when it has ended.',
      saved: expect.objectContaining({ kind: 'move' }),
    });
  });
});

describe('an undo under way when the page goes', () => {
  it('is stored with the time it had left when its undo began: a slow undo outlasting its window is not found run out', async () => {
    vi.useFakeTimers();
    let finish = () => undefined as void;
    const id = offerUndo({
      label: `Opened slow ${tag()}.zip`,
      heldImages: [],
      saved: { label: `Opened slow ${tag()}.zip` },
      undo: () => new Promise<void>((resolve) => (finish = resolve)),
      finalise: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(5_000);
    // Ctrl+Z, from elsewhere on the page: nothing held its toast
    const undoing = runUndo(id);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(entry(id)?.state).toBe('undoing');
    expect(mine()).toEqual([{ left: 10_000, saved: { label: `Opened slow ${tag()}.zip` } }]);
    finish();
    expect(await undoing).toBe(true);
  });
});
