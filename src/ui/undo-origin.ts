import { useUndo } from '../state/undo';
import { putBack, putBackSince, type Place } from './focus-after-removal';

/**
 * Where each undoable action was made, by its undo's id. An Undo hands the focus back there: to
 * the class card whose Delete it undoes, the thumbnail or results tile the image was deleted from.
 * Every gallery that shows the images it puts back (Evaluate's top losses under a class deleted on
 * the Data step) took the focus before, and the page jumped 4,000 px down to it.
 */
const madeAt = new Map<string, Place>();
/** kept for the newest undos only: one far older than the toasts shown is never undone from them */
const KEPT = 50;

/**
 * How long an Undo waits for its place to be drawn again: a class card comes back in a deferred
 * render, after its toast has gone. Past it the focus goes back where it was before the toasts.
 */
export const DRAWN_WITHIN_MS = 3000;

/** Runs `act`, made at `place`: each undo it offers is noted as made there. */
export function madeFrom<T>(place: Place, act: () => T): T {
  const before = new Set(useUndo.getState().entries.map((e) => e.id));
  const result = act();
  for (const e of useUndo.getState().entries) if (!before.has(e.id)) madeAt.set(e.id, place);
  for (const id of madeAt.keys()) if (madeAt.size > KEPT) madeAt.delete(id);
  return result;
}

/**
 * `item` (the control to focus) is on the page at `place`, new or again: where an undo's action was
 * made there, its Undo may hand `item` the focus. Other places are not noted (every card and
 * thumbnail says so as it mounts).
 */
export function backAt(item: HTMLElement, place: Place): void {
  for (const p of madeAt.values()) if (p === place) return putBack(item, place);
}

/**
 * Where the Undo of `undoId`, pressed at `since`, hands the focus: the item put back where its
 * action was made; 'wait' while it may still be drawn; null where there is none (its action was
 * made nowhere known, or its place has left the page): the focus goes back where it was.
 */
export function landingAfterUndo(undoId: string, since: number, now = performance.now()): HTMLElement | 'wait' | null {
  const place = madeAt.get(undoId);
  if (place === undefined) return null;
  const item = putBackSince(since, place).at(-1);
  if (item) return item;
  // an element place (a results tile) stays on the page, or never comes back
  const gone = typeof place === 'object' && 'isConnected' in place && !place.isConnected;
  return !gone && now - since < DRAWN_WITHIN_MS ? 'wait' : null;
}

/** the place of class `classId`'s card (its Delete), and of an image's thumbnail in its card */
export const classPlace = (classId: string): string => `class:${classId}`;
export const thumbPlace = (imageId: string): string => `thumb:${imageId}`;
