import type { StoredStartingPoint } from './model-store';
import { sameProject } from './project-generations';
import { forgetHeldAfter, loadHeld, type SavedModelUndo } from './saved-model-undo';
import type { UndoOffer } from './undo';
import { NoLongerUndoable } from './undo-errors';

/** What the undo of "Start from scratch instead" reads and changes of the model-in-use store (state/model-in-use.ts). */
export interface StartUndoContext {
  running(): boolean;
  /** the starting point in use, and how many times it changed */
  point(): StoredStartingPoint | null;
  changes(): number;
  put(stored: StoredStartingPoint): Promise<void>;
}

/** the page that offered it: the point it left, the changes count then, and its copy held in storage for a reload */
interface Live {
  left: StoredStartingPoint;
  since: number;
  held: Promise<unknown>;
}

/**
 * "Start from scratch instead": the undo puts the starting point back, unless it changed since.
 * What it gives back is held in storage until it is taken or made final (state/saved-model-undo.ts):
 * without `live`, it was revived after a reload and reads it from there.
 */
export function startUndo(
  saved: Extract<SavedModelUndo, { kind: 'starting-point' }>,
  ctx: StartUndoContext,
  live?: Live,
): UndoOffer<SavedModelUndo> {
  // revived: the point a reload left in place is none (the action forgot it), and changes from here
  const since = live?.since ?? ctx.changes();
  const forget = forgetHeldAfter(saved.key, live?.held);
  return {
    label: saved.label,
    saved,
    heldImages: [],
    async undo() {
      if (saved.made !== undefined) sameProject(saved.made);
      if (ctx.running()) throw new Error('A run is under way: undo when it has ended.');
      if (ctx.changes() !== since || (!live && ctx.point())) throw new Error('The starting point has changed since.');
      const left = live?.left ?? (await loadHeld<StoredStartingPoint>(saved.key));
      if (!left) throw new NoLongerUndoable('it is no longer in this browser’s storage');
      await ctx.put(left);
      await forget();
    },
    finalise: forget,
  };
}
