import { useUndo, type UndoEntry } from './undo-store';

/**
 * What the page keeps of each pending undo beside its entry in the store (undo-store.ts): the
 * offer, which brings back or frees what its action took, its timer and what was marked on it.
 * Kept out of the store: the offer's functions and files are not state the toasts draw.
 */

export interface UndoOffer<S = unknown> {
  label: string;
  /** brings back what the action took */
  undo(): void | Promise<void>;
  /** the action becomes final: free what was kept for the undo */
  finalise(): void | Promise<void>;
  /** images whose stored blobs must outlive the autosave until then */
  heldImages: string[];
  /** the file of one of them, which the autosave stores if it had not yet (absent: storage's copy is the only one) */
  heldFile?(id: string): File | undefined;
  /** a plain description stored with the project, from which a reload rebuilds this undo */
  saved: S;
  /**
   * the project it belongs to (state/project-generations.ts), when its undo works only there: its
   * toast is shown only while that project is on the page. Absent: its description's `made` (a
   * deletion's or move's, state/saved-undo.ts), else it is shown in any project.
   */
  project?: number;
  /**
   * why its undo was refused before the page reloaded: it comes back refused, with that reason and,
   * unless put away, no time to run out, as it was (offered afresh, it ran out 15 s later and was made final)
   */
  refusedBefore?: string;
  /** and whether Undo was no longer offered then: revived with it, an Undo that could only fail came back */
  withoutUndoBefore?: UndoEntry['withoutUndo'];
}

export interface Held {
  offer: UndoOffer;
  timer: ReturnType<typeof setTimeout> | null;
  /** ms left when paused */
  left: number | null;
  /** its undo is running: a second Ctrl+Z or click would run it again (two earlier projects put back) */
  undoing?: boolean;
  /**
   * its undo was refused: it has no time left to run out until it is taken or closed. Resumed or
   * reloaded, a refused "Opened x.zip" finalised the earlier project it was refused to keep.
   */
  failed?: boolean;
  /** why it was refused last: stored with it (its entry's error is cleared while it is tried again) */
  refusal?: string;
  /** not tried again: for good, or until its project is back */
  withoutUndo?: UndoEntry['withoutUndo'];
  /** the project it belongs to (state/project-generations.ts); null: any */
  project: number | null;
  /** put away: that project is not on the page now */
  away: boolean;
}

export const held = new Map<string, Held>();

export function drop(id: string) {
  const h = held.get(id);
  if (h?.timer) clearTimeout(h.timer);
  held.delete(id);
  useUndo.setState((s) => ({ entries: s.entries.filter((e) => e.id !== id) }));
}
