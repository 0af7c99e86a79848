import { held } from './undo-held';
import { projectOf } from './undo-other-project';
import { useUndo, type UndoEntry } from './undo-store';

/**
 * What the autosave takes of the pending undos (the coordinator hands it to state/persist.ts): the
 * image blobs and files they still need, and each one as stored with the project, so that a reload
 * during its window can still undo.
 */

/**
 * A pending undo as the autosave stores it with the project (state/project-undo.ts reviveUndos
 * brings it back): its description, and what the page marked on it, which its description does not say.
 */
export interface StoredUndo {
  saved: unknown;
  /** when it runs out; absent, `left` or refused with no time */
  expiresAt?: number;
  /** held by the pointer or the focus: the time it had left */
  left?: number;
  /** why its undo was refused: without a time to run out, it stays until it is taken or closed */
  refused?: string;
  withoutUndo?: UndoEntry['withoutUndo'];
  /** the project a refusal in another one told it it belongs to, where its description does not say */
  project?: number;
}

/** Image ids whose stored blobs a pending undo still needs. */
export function heldImageIds(): Set<string> {
  return new Set([...held.values()].flatMap((h) => h.offer.heldImages));
}

/** The files of those images the pending undos have on the page. */
export function heldImageFiles(): Map<string, File> {
  const files = new Map<string, File>();
  for (const { offer } of held.values())
    for (const id of offer.heldImages) {
      const file = offer.heldFile?.(id);
      if (file) files.set(id, file);
    }
  return files;
}

/**
 * The pending undos as stored with the project: each one's description and when it expires, why it
 * was refused and whether Undo is still offered, and the project it learnt it belongs to.
 */
export function savedUndos(): StoredUndo[] {
  const at = new Map(useUndo.getState().entries.map((e) => [e.id, e.expiresAt]));
  // a paused one keeps the time it had left, however long the page stays open or away after this save;
  // a refused one has no time: the page a reload brings shows it refused, with the reason, until it is taken or closed
  // one put away runs out as a pending one does (runTime), and is stored so, refused or not
  return [...held].map(([id, h]) => ({
    ...(h.failed && !h.timer ? {} : h.left !== null ? { left: h.left } : { expiresAt: at.get(id) ?? Date.now() }),
    ...(h.failed ? { refused: h.refusal ?? '' } : {}),
    ...(h.withoutUndo ? { withoutUndo: h.withoutUndo } : {}),
    // its description does not say it (state/project-undo.ts reviveUndos gives it back)
    ...(h.project !== null && h.project !== projectOf(h.offer) ? { project: h.project } : {}),
    saved: h.offer.saved,
  }));
}
