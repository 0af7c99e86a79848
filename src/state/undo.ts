import { UNDO_MS } from './saved-undo';
import { projectLost } from './one-tab';
import { currentProject, onProjectChange } from './project-generations';
import { NoLongerUndoable } from './undo-errors';
import { drop, held, type UndoOffer } from './undo-held';
import { lastWayBackGone, projectOf, refused } from './undo-other-project';
import { patch, useUndo, type UndoEntry } from './undo-store';
import { heldBack, offeredFor, say } from './undo-words';

/**
 * Destructive actions are done at once and offered back for a while: each one leaves an undo
 * entry (shown as a toast) holding what it took away. Only when the entry expires is the loss made
 * final (its `finalise` frees the blobs, cached features and stashed model). While it is pending,
 * the autosave keeps the image blobs it names (`heldImageIds`) and stores its `saved` description,
 * so a reload during the window can still undo (see state/project-undo.ts).
 */

/** how long an undo stays offered; the toast pauses while it has focus or the pointer */
export { UNDO_MS };

export { NoLongerUndoable };
// the store's other parts (undo-store.ts, undo-held.ts, undo-other-project.ts, undo-stored.ts): its importers know only this one
export { sayUndo, startListening, useUndo, type UndoEntry } from './undo-store';
export type { UndoOffer } from './undo-held';
export { heldImageFiles, heldImageIds, savedUndos, type StoredUndo } from './undo-stored';

let counter = 0;

function arm(id: string, ms: number) {
  const h = held.get(id);
  if (!h) return;
  if (h.timer) clearTimeout(h.timer);
  h.timer = setTimeout(() => void expire(id), ms);
}

async function expire(id: string) {
  const h = held.get(id);
  if (!h) return;
  drop(id);
  lastWayBackGone(h);
  // Another tab took the project (one-tab.ts): what this undo would free (a stash, features, a
  // backbone's files) is in the storage that tab works on, and its reload revives the same undo.
  if (projectLost()) return;
  try {
    await h.offer.finalise();
  } catch (err) {
    console.warn(`Finishing "${h.offer.label}" failed: ${(err as Error).message}`);
  }
}

/**
 * Offers an undo for an action already done; `ms` is the time left (less after a reload). One
 * refused before a reload (`refusedBefore`) runs out only put away, in the time it had left then
 * (`ms`): with none, it was shown refused, and stays until it is taken or closed.
 */
export function offerUndo<S>(offer: UndoOffer<S>, ms?: number): string {
  const id = `undo-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  const project = projectOf(offer);
  const withoutUndo = offer.withoutUndoBefore;
  // refused as another project's, which is on the page again: offered afresh, as showProject does
  const why =
    withoutUndo === 'until its project is back' && project === currentProject() ? undefined : offer.refusedBefore;
  // a toast that is not shown is not said either; one refused without Undo stays where it was refused
  // (showProject puts it away once another project takes the page's place)
  const away =
    project !== null && project !== currentProject() && !(why !== undefined && ms === undefined && withoutUndo);
  const shown = { id, label: offer.label, otherProject: away || undefined };
  const base = { offer: offer as UndoOffer, timer: null, left: null, project, away };
  if (why !== undefined) {
    held.set(id, { ...base, left: away ? (ms ?? null) : null, failed: true, refusal: why, withoutUndo });
    const error = { expiresAt: Date.now(), state: 'failed' as const, error: why, withoutUndo };
    useUndo.setState((s) => ({
      entries: [...s.entries, { ...shown, ...error }],
      ...(!away &&
        say(
          withoutUndo === 'for good'
            ? `${offer.label}: can no longer be undone (${why}).`
            : `${offer.label}: undo failed before the page reloaded (${why}). It stays until you undo it or close it.`,
        )),
    }));
    if (away) runTime(id);
    return id;
  }
  const time = ms ?? UNDO_MS;
  held.set(id, base);
  const unsaid = away || heldBack(id, offer, time);
  useUndo.setState((s) => ({
    entries: [...s.entries, { ...shown, expiresAt: Date.now() + time, state: 'pending' }],
    ...(!unsaid && say(`${offer.label}. ${offeredFor(time)}`)),
  }));
  arm(id, time);
  return id;
}

/**
 * Its time runs again (put away, whatever held it: no toast is left to close a refused one, or to
 * let go of one the pointer or the focus was holding, and a project never put back would keep it,
 * and what it holds, for good).
 */
function runTime(id: string): void {
  const h = held.get(id);
  if (!h || h.timer || h.undoing) return;
  const ms = h.left ?? UNDO_MS;
  h.left = null;
  patch(id, { expiresAt: Date.now() + ms, paused: false });
  arm(id, ms);
}

/** Another project took the page's place: the undos of the others are put away, its own come back. */
function showProject(current: number): void {
  for (const [id, h] of held) {
    if (h.project === null) continue;
    const away = h.project !== current;
    if (!away && h.withoutUndo === 'until its project is back') {
      // refused as the other project's: it is offered afresh
      Object.assign(h, { failed: false, withoutUndo: undefined, refusal: undefined, away });
      patch(id, { state: 'pending', error: undefined, withoutUndo: undefined, otherProject: undefined });
      runTime(id);
      continue;
    }
    if (away === h.away) continue;
    h.away = away;
    patch(id, { otherProject: away || undefined });
    if (away) runTime(id);
    else if (h.failed && h.timer) {
      // back on the page refused: it stays until it is taken or closed, as it did before
      clearTimeout(h.timer);
      h.timer = null;
    }
  }
}
onProjectChange(showProject);

/** Runs the undo; on failure the entry stays (with the reason) so nothing is finalised by surprise. */
export async function runUndo(id: string): Promise<boolean> {
  const h = held.get(id);
  // put away, or with no Undo offered: a click or Ctrl+Z that reached it all the same does nothing
  if (!h || h.undoing || h.away || h.withoutUndo) return false;
  if (h.timer) {
    clearTimeout(h.timer);
    // stored as held meanwhile: a reload while a slow undo runs found its window run out, and made it final
    const entry = useUndo.getState().entries.find((e) => e.id === id);
    h.left = Math.max(0, (entry?.expiresAt ?? Date.now()) - Date.now());
  }
  h.timer = null;
  h.undoing = true;
  patch(id, { state: 'undoing', error: undefined });
  try {
    await h.offer.undo();
    drop(id);
    // Ctrl+Z from elsewhere on the page gives no other sign that it worked
    useUndo.setState(say(`Undone: ${h.offer.label}.`));
    return true;
  } catch (err) {
    const { why, withoutUndo } = refused(h, err);
    h.undoing = false;
    h.failed = true;
    h.withoutUndo = withoutUndo;
    h.refusal = why;
    // paused before the click: the pointer leaving must not start a timer that finalises it
    h.left = null;
    patch(id, { state: 'failed', error: why, paused: false, withoutUndo });
    useUndo.setState(
      say(
        withoutUndo === 'for good'
          ? `${h.offer.label}: can no longer be undone (${why})`
          : `${h.offer.label}: undo failed (${why})`,
      ),
    );
    // replaced while it ran (the project is put away under it): it runs out as the others there
    if (h.away) runTime(id);
    return false;
  }
}

/**
 * What Ctrl+Z undoes: the newest offer shown whose undo is not under way already (pressed twice, it
 * takes the next one) nor refused for good.
 */
export function newestUndoable(): UndoEntry | undefined {
  const { entries } = useUndo.getState();
  for (let i = entries.length - 1; i >= 0; i--) {
    const h = held.get(entries[i].id);
    if (h && !h.undoing && !h.away && !h.withoutUndo) return entries[i];
  }
  return undefined;
}

/** The person closed the toast: the action is final now (not while its undo is under way: that goes on). */
export const dismissUndo = async (id: string): Promise<void> => {
  if (!held.get(id)?.undoing) await expire(id);
};

/** A toast that has focus or the pointer keeps its undo (WCAG 2.2.1: time limits can be paused). */
export function pauseUndo(id: string): void {
  const h = held.get(id);
  // put away, it has no toast to hold it (runTime)
  if (!h || !h.timer || h.away) return;
  clearTimeout(h.timer);
  h.timer = null;
  const entry = useUndo.getState().entries.find((e) => e.id === id);
  h.left = Math.max(0, (entry?.expiresAt ?? Date.now()) - Date.now());
  // marked in the store, so the autosave stores it as paused: a reload while it is held does not find it run out
  patch(id, { paused: true });
}

export function resumeUndo(id: string): void {
  const h = held.get(id);
  // an undo under way has no time to run out: started again, it finalised what was being put back
  if (!h || h.undoing || h.failed || h.timer || h.left === null) return;
  // never less than a few seconds after the person looks away
  const ms = Math.max(h.left, 5_000);
  h.left = null;
  patch(id, { expiresAt: Date.now() + ms, paused: false });
  arm(id, ms);
}
