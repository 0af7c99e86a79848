import { OtherProject } from './project-generations';
import { NoLongerUndoable } from './undo-errors';
import { held, type Held, type UndoOffer } from './undo-held';
import { patch, useUndo, type UndoEntry } from './undo-store';
import { say } from './undo-words';

/**
 * Undos that belong to one project: New or Open project put it away, and its undos can be taken
 * only once it is back, through the undo of its replacement. Which project an undo belongs to, why
 * one that reached another project was refused, and what becomes of them once no undo is left to
 * bring their project back. (Putting them away and back as projects come and go is undo.ts
 * showProject, with their time.)
 */

/** The project an undo belongs to (UndoOffer.project), or null: it works in any. */
export function projectOf(offer: UndoOffer<unknown>): number | null {
  // a deletion or move revived after a reload may be another project's
  const made = (offer.saved as { made?: unknown } | null | undefined)?.made;
  return offer.project ?? (typeof made === 'number' ? made : null);
}

const REPLACED_FOR_GOOD = 'it belongs to a project that was replaced';
const bringsBack = (o: Held, project: unknown) =>
  (o.offer.saved as { replaced?: unknown } | null | undefined)?.replaced === project;

/**
 * The last undo that could bring a replaced project back was made final: the undos refused "until its
 * project is back" can never be taken. They said "undo “Started a new project” first" of a toast
 * that was gone, and offered nothing but ×, for good.
 */
export function lastWayBackGone(gone: Held): void {
  const project = (gone.offer.saved as { replaced?: unknown } | null | undefined)?.replaced;
  if (typeof project !== 'number' || [...held.values()].some((o) => bringsBack(o, project))) return;
  const orphans = [...held].filter(([, h]) => h.project === project && h.withoutUndo === 'until its project is back');
  for (const [id, h] of orphans) {
    Object.assign(h, { withoutUndo: 'for good', refusal: REPLACED_FOR_GOOD });
    patch(id, { error: REPLACED_FOR_GOOD, withoutUndo: 'for good' });
  }
  if (orphans.length)
    useUndo.setState(
      say(`${orphans.map(([, h]) => h.offer.label).join('; ')}: can no longer be undone (${REPLACED_FOR_GOOD})`),
    );
}

/**
 * Why an undo was refused, in the toast's words, and whether it is offered again. One of another
 * project that reached it all the same (an offer that does not say its project: UndoOffer.project)
 * learns it there, and names the toast that brings that project back.
 */
export function refused(h: Held, err: unknown): { why: string; withoutUndo?: UndoEntry['withoutUndo'] } {
  if (err instanceof NoLongerUndoable) return { why: err.message, withoutUndo: 'for good' };
  if (!(err instanceof OtherProject)) return { why: (err as Error).message };
  h.project = err.project;
  const ways = [...held.values()].filter((o) => bringsBack(o, err.project));
  // its project replaced and no undo left to put it back: it is gone
  if (!ways.length) return { why: REPLACED_FOR_GOOD, withoutUndo: 'for good' };
  const shown = ways.find((o) => !o.away);
  return {
    why: shown ? `this belongs to the previous project: undo “${shown.offer.label}” first` : err.message,
    withoutUndo: 'until its project is back',
  };
}
