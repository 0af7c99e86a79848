import { INTERRUPTED_KEY } from '../core/storage/checkpoint-writer';
import { plannedEpochs, type InterruptedRun } from '../core/train/interrupted';
import { forgetInterrupted, keepInterrupted, open, readInterrupted, slot, STORE } from './model-store';
import { currentProject, sameProject } from './project-generations';
import { projectUndoContext, refusalMarks, timeLeft, type StoredItem } from './project-undo';
import { UNDO_MS } from './saved-undo';
import type { TrainingUndo, TrainingUndoContext } from './training-undos';
import { NoLongerUndoable } from './undo-errors';

/**
 * The interrupted run a new run took the place of ("Started a new run in place of the interrupted
 * one", state/training-undos.ts setAsideUndo), kept in storage until its undo is taken or made final.
 * Deleted as the new run started, a reload during that run or while the toast was up lost it for
 * good. It has a key of its own: in the interrupted run's place, the reload would offer it as the
 * run to resume while the new run's checkpoints were being written there.
 */
export interface SetAsideRun {
  run: InterruptedRun;
  /**
   * when its undo runs out, where the undos stored with the project do not say (they do while it is
   * offered: held open, its toast's time stops, and this one does not)
   */
  expiresAt: number;
  /** the project it was set aside in (absent in runs set aside before: the project on the page) */
  made?: number;
}

/**
 * Its undo's description, stored with the project's other pending undos (state/undo.ts savedUndos):
 * their time is kept there, held open or not. The run itself, megabytes, stays in its slot.
 */
export interface SetAsideUndo {
  kind: 'interrupted-run';
  /** the set-aside run's `savedAt` */
  setAside: string;
  made: number;
}

export const SET_ASIDE_KEY = 'set-aside-interrupted';

const setAside = slot<SetAsideRun>(SET_ASIDE_KEY, 'The interrupted run a new run took the place of');

/**
 * Moves the interrupted run out of the run-to-resume slot into its own, in one transaction (never
 * in both, never in neither). Storage that refuses still loses the old slot, as before: a reload
 * during the new run must not offer the old run as that run's to resume.
 */
export async function setAsideInterrupted(run: InterruptedRun, ms = UNDO_MS, made = currentProject()): Promise<void> {
  try {
    const tx = (await open()).transaction(STORE, 'readwrite');
    const record: SetAsideRun = { run, expiresAt: Date.now() + ms, made };
    void tx.store.put(record, SET_ASIDE_KEY).catch(() => undefined);
    void tx.store.delete(INTERRUPTED_KEY).catch(() => undefined);
    await tx.done;
  } catch (err) {
    console.warn(`The interrupted run is not kept for a reload during the new run: ${(err as Error).message}`);
    await forgetInterrupted();
  }
}

/** The set-aside run in storage, or null (none, or a record this version cannot read). */
export async function loadSetAside(): Promise<SetAsideRun | null> {
  const s = (await setAside.load().catch(() => undefined)) as Partial<SetAsideRun> | undefined;
  const run = s?.run;
  if (!run || typeof run !== 'object' || typeof run.savedAt !== 'string' || !run.checkpoint) return null;
  if (!Number.isFinite(s.expiresAt)) return null;
  return {
    run: readInterrupted(run),
    expiresAt: Number(s.expiresAt),
    ...(Number.isFinite(s.made) && { made: Number(s.made) }),
  };
}

/**
 * The set-aside run's undo belongs to the project it was set aside in: put away while another is on
 * the page (state/undo.ts), as undone there it would put this project's run into that one.
 */
export function ownedByProject(offer: TrainingUndo, savedAt: string, made = currentProject()): TrainingUndo {
  const saved: SetAsideUndo = { kind: 'interrupted-run', setAside: savedAt, made };
  return {
    ...offer,
    saved,
    project: made,
    async undo() {
      sameProject(made);
      await offer.undo();
    },
  };
}

/** Its undo as the autosave stored it with the project, if it did (it had not yet, or storage refused). */
function storedUndo(savedAt: string): StoredItem | undefined {
  const list: unknown = projectUndoContext.peek()?.loadSavedUndos();
  if (!Array.isArray(list)) return undefined;
  return (list as StoredItem[]).find((item) => (item?.saved as Partial<SetAsideUndo> | null)?.setAside === savedAt);
}

/** Forgets the set-aside run saved at `savedAt`, not one a later run set aside in its place. */
export async function forgetSetAside(savedAt: string): Promise<void> {
  try {
    if ((await loadSetAside())?.run.savedAt === savedAt) await setAside.forget();
  } catch (err) {
    console.warn(`The set-aside interrupted run could not be forgotten: ${(err as Error).message}`);
  }
}

/** The undo's last step: the run offered again and stored as the run to resume, no longer set aside. */
export async function putBackSetAside(run: InterruptedRun, ctx: TrainingUndoContext): Promise<void> {
  // offered before it is stored again: the stopped run's save, ending meanwhile, forgets the
  // stored checkpoint only while none is offered (its delete landed after this one was put back)
  ctx.showInterrupted(run);
  // after the stopped run forgot its own checkpoint, so a reload offers this one again
  await forgetInterrupted();
  // refused (storage full), the run is still here to resume, and the page says a reload would
  // lose it (its set-aside copy stays for a reload within the undo's time); unless a run started
  // since set it aside, or a Discard took it (whose undo reads storage)
  const notKept = await keepInterrupted(run);
  if (!notKept) await forgetSetAside(run.savedAt);
  if (ctx.interrupted() === run) ctx.showInterrupted(run, notKept);
}

/**
 * After a reload: the set-aside run's undo offered again while its time had not run out (the new
 * run, cut off by the reload, is an interrupted run itself then: the undo puts the old one back in
 * its place); run out while away, the set-aside run is forgotten. Its time is its stored undo's, as
 * for the others (state/project-undo.ts reviveUndos): held open past 15 s, it had not run out.
 */
export async function revivedSetAsideUndo(
  ctx: TrainingUndoContext,
): Promise<{ offer: TrainingUndo; ms: number | undefined } | null> {
  const saved = await loadSetAside();
  if (!saved) return null;
  const { run } = saved;
  const stored = storedUndo(run.savedAt);
  // not named there: its undo was taken but storage refused the run back (putBackSetAside), or the
  // page went before the autosave stored it
  const left = stored ? timeLeft(stored) : saved.expiresAt - Date.now();
  if (!(left > 0)) {
    await forgetSetAside(run.savedAt);
    return null;
  }
  const runs = ctx.runsStarted();
  const offer: TrainingUndo = {
    label: `Started a new run in place of the interrupted one (epoch ${run.checkpoint.epoch} of ${plannedEpochs(run)}) before the page reloaded`,
    saved: { kind: 'interrupted-run' },
    heldImages: [],
    async undo() {
      if (ctx.running() || ctx.runsStarted() !== runs)
        throw new NoLongerUndoable('a run has started since, and its checkpoints took its place');
      if ((await loadSetAside())?.run.savedAt !== run.savedAt)
        throw new NoLongerUndoable('another run was set aside in its place');
      await putBackSetAside(run, ctx);
    },
    finalise: () => forgetSetAside(run.savedAt),
  };
  // refused, it comes back refused, as the others do (offered afresh, it would run out and forget
  // the run); its time is what it had left, at least a few seconds (none: refused, it stays until
  // taken or closed)
  return {
    offer: ownedByProject(
      { ...offer, ...(stored && refusalMarks(stored)) },
      run.savedAt,
      saved.made ?? currentProject(),
    ),
    ms: Number.isFinite(left) ? Math.max(left, 8_000) : undefined,
  };
}
