import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { InterruptedRun } from '../src/core/train/interrupted';
import type { TrainSummary } from '../src/worker/protocol';
import { cutRun } from './fixtures/interrupted-run';
import { loadPage, reloadsEachTest } from './fixtures/reloaded-page';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** A page load, with what this file reads of the set-aside run and the project's undos. */
async function page() {
  const p = await loadPage();
  const { checkpointWriter } = await import('../src/core/storage/checkpoint-writer');
  const { loadInterrupted } = await import('../src/state/model-store');
  const aside = await import('../src/state/saved-interrupted-undo');
  const generations = await import('../src/state/project-generations');
  const { projectUndoContext } = await import('../src/state/project-undo');
  /** the undos the autosave stored with the project when the page before went, as persist hands them over */
  const storedWithProject = (stored: unknown) =>
    projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => stored });
  /** what the training worker does: a run's checkpoint written to storage */
  const writeCheckpoint = async (run: InterruptedRun) => {
    const writer = checkpointWriter();
    writer.keep(run);
    await writer.settled();
  };
  return { ...p, ...aside, ...generations, loadInterrupted, writeCheckpoint, storedWithProject };
}

// with weights, as a run's checkpoint has them
const cut = (savedAt: string, epoch: number) =>
  cutRun(epoch, { savedAt, checkpoint: { epoch, history: [], values: [new Float32Array([1, 2])], early: null } });

/** The page offers an interrupted run (kept in storage), and Train starts a new run over it (which never answers). */
async function trainOver() {
  const p = await page();
  const old = { ...cut('then', 7), settings: { ...p.useTraining.getState().settings, epochs: 30 } };
  await p.writeCheckpoint(old);
  p.useTraining.getState().restoreInterrupted(old);
  let called = false;
  p.worker.train = () => new Promise<TrainSummary>(() => (called = true));
  void p.useTraining.getState().train();
  await vi.waitFor(() => expect(called).toBe(true));
  await vi.waitFor(async () => expect(await p.loadSetAside()).not.toBeNull());
  return { p, old };
}

reloadsEachTest();

/** the clock moved on by `ms` (the set-aside slot and the stored undos age alike) */
const real = Date.now.bind(Date);
function later(ms: number) {
  vi.spyOn(Date, 'now').mockImplementation(() => real() + ms);
}

/** what the autosave stores of the pending undos, as JSON (state/persist.ts) */
const stored = (p: { savedUndos(): unknown }) => JSON.parse(JSON.stringify(p.savedUndos())) as unknown;

/** `p` goes, and the page comes back `ms` later with the undos it stored, its set-aside run revived */
async function reloadAfter(p: Awaited<ReturnType<typeof page>>, ms: number) {
  const undos = stored(p);
  await p.leave();
  later(ms);
  const after = await page();
  after.storedWithProject(undos);
  await after.useTraining.getState().revivePutAside();
  return after;
}

const SET_ASIDE = /^Started a new run in place of the interrupted one/;

describe('an interrupted run a new run took the place of', () => {
  it('waits in storage apart from the run to resume, and a reload offers its undo, which puts it back', async () => {
    const { p } = await trainOver();
    // not where a reload looks for the run to resume: that is the new run's place now
    expect(await p.loadInterrupted()).toBeUndefined();
    expect((await p.loadSetAside())?.run).toMatchObject({ savedAt: 'then', checkpoint: { epoch: 7 } });
    // the new run got through two epochs before the reload
    await p.writeCheckpoint(cut('new', 2));
    await p.leave();

    const after = await page();
    // as restore-trained does: the cut-off new run is the one to resume now
    const newRun = await after.loadInterrupted();
    after.useTraining.getState().restoreInterrupted(newRun!);
    await after.useTraining.getState().revivePutAside();
    const offer = after.offered(SET_ASIDE);
    expect(offer?.label).toBe(
      'Started a new run in place of the interrupted one (epoch 7 of 30) before the page reloaded',
    );
    expect(await after.runUndo(offer!.id)).toBe(true);
    expect(after.useTraining.getState().interrupted).toMatchObject({ savedAt: 'then', checkpoint: { epoch: 7 } });
    expect(await after.loadInterrupted()).toMatchObject({ savedAt: 'then', checkpoint: { epoch: 7 } });
    // taken: no longer set aside, and the next reload offers nothing
    expect(await after.loadSetAside()).toBeNull();
    await after.leave();
    const again = await page();
    await again.useTraining.getState().revivePutAside();
    expect(again.offered(SET_ASIDE)).toBeUndefined();
    expect((await again.loadInterrupted())?.savedAt).toBe('then');
    await again.leave();
  });

  it('is forgotten once its undo is made final, and a reload then offers nothing', async () => {
    const { p } = await trainOver();
    const offer = p.offered(SET_ASIDE)!;
    expect(offer.label).toBe('Started a new run in place of the interrupted one (epoch 7 of 30)');
    await p.dismissUndo(offer.id);
    expect(await p.loadSetAside()).toBeNull();
    await p.leave();
    const after = await page();
    await after.useTraining.getState().revivePutAside();
    expect(after.offered(SET_ASIDE)).toBeUndefined();
    await after.leave();
  });

  it('is forgotten by a reload that comes after its undo ran out', async () => {
    const p = await page();
    await p.setAsideInterrupted(cut('then', 7), -1);
    await p.leave();
    const after = await page();
    await after.useTraining.getState().revivePutAside();
    expect(after.offered(SET_ASIDE)).toBeUndefined();
    expect(await after.loadSetAside()).toBeNull();
    await after.leave();
  });
});

describe('the set-aside run across a reload, as the other stored undos', () => {
  it('held open past its 15 s (pointer or focus), a reload offers it again, with the run', async () => {
    const { p } = await trainOver();
    p.pauseUndo(p.offered(SET_ASIDE)!.id);
    const after = await reloadAfter(p, 60_000);
    expect(after.offered(SET_ASIDE)?.label).toBe(
      'Started a new run in place of the interrupted one (epoch 7 of 30) before the page reloaded',
    );
    expect((await after.loadSetAside())?.run.savedAt).toBe('then');
    await after.leave();
  });

  it('not held, it runs out as its toast did: a reload after that forgets the run', async () => {
    const { p } = await trainOver();
    const after = await reloadAfter(p, 60_000);
    expect(after.offered(SET_ASIDE)).toBeUndefined();
    expect(await after.loadSetAside()).toBeNull();
    await after.leave();
  });

  it('let go of with a moment left, it lasts past the 15 s from the click, as its toast did', async () => {
    const { p } = await trainOver();
    const id = p.offered(SET_ASIDE)!.id;
    // held while its last half second ran: let go of, it gets 5 s more
    later(14_500);
    p.pauseUndo(id);
    p.resumeUndo(id);
    const after = await reloadAfter(p, 17_000);
    expect(after.offered(SET_ASIDE)).toBeDefined();
    expect((await after.loadSetAside())?.run.savedAt).toBe('then');
    await after.leave();
  });
});

describe('the revived set-aside toast has the time its toast had left, as the other stored undos', () => {
  it.each([
    ['held open with 12 s left, a reload gives it those 12 s, not a fresh 15', 3_000, 12_000],
    ['held with a moment left, a reload gives it at least 8 s', 14_000, 8_000],
  ])('%s', async (_, heldAt, left) => {
    const { p } = await trainOver();
    const id = p.offered(SET_ASIDE)!.id;
    later(heldAt);
    p.pauseUndo(id);
    const after = await reloadAfter(p, 60_000);
    const given = after.offered(SET_ASIDE)!.expiresAt - Date.now();
    expect(given).toBeGreaterThan(left - 1_000);
    expect(given).toBeLessThanOrEqual(left);
    await after.leave();
  });
});

describe('the set-aside run belongs to the project it was set aside in', () => {
  it('New or Open project puts its undo away, and the project put back brings it back', async () => {
    const { p } = await trainOver();
    const made = p.currentProject();
    const { issued } = p.generations();
    p.setGenerations({ current: issued + 1, issued: issued + 1 });
    const offer = p.offered(SET_ASIDE)!;
    expect(offer.otherProject).toBe(true);
    // neither a click that reached it nor Ctrl+Z puts one project's run into another
    expect(p.newestUndoable()?.id).not.toBe(offer.id);
    expect(await p.runUndo(offer.id)).toBe(false);
    expect(p.useTraining.getState().interrupted).toBeNull();
    p.backToProject(made);
    expect(p.offered(SET_ASIDE)?.otherProject).toBeFalsy();
    expect(p.newestUndoable()?.id).toBe(offer.id);
    await p.leave();
  });

  it('revived after a reload in another project, it stays put away until its own is back', async () => {
    const { p } = await trainOver();
    const made = p.currentProject();
    const { issued } = p.generations();
    p.setGenerations({ current: issued + 1, issued: issued + 1 });
    const undos = stored(p);
    await p.leave();
    for (const list of [undos, null]) {
      // null: the project's undo list could not be read, and the slot says where it was made
      const after = await page();
      after.storedWithProject(list);
      expect(after.currentProject()).not.toBe(made);
      await after.useTraining.getState().revivePutAside();
      const offer = after.offered(SET_ASIDE)!;
      expect(offer.otherProject).toBe(true);
      expect(await after.runUndo(offer.id)).toBe(false);
      after.backToProject(made);
      expect(after.offered(SET_ASIDE)?.otherProject).toBeFalsy();
      after.setGenerations({ ...after.generations(), current: issued + 1 });
      await after.leave();
    }
  });
});
