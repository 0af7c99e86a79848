/**
 * An image of the review's grid (the active one, the one open large) held by its id, with the ids
 * the grid showed when it was chosen. An index alone would slide onto another image when a move, a
 * delete or an Undo changes the images before it.
 */
export interface Held {
  id: string;
  among: readonly string[];
}

/** Holds the image at `index` of the shown ids (none for an index outside them). */
export function hold(shown: readonly string[], index: number): Held | null {
  const id = shown[index];
  return id === undefined ? null : { id, among: shown };
}

/**
 * Where the held image is in the shown ids now (-1: none held, or nothing shown). When it is gone
 * (moved, deleted, filtered out) the one that took its place stands in: the next of its old
 * neighbours still shown, else the nearest before it, as a removed thumbnail hands its focus on;
 * when none of them is left (a filter showing other images), the same position, or the new last.
 */
export function heldAt(shown: readonly string[], held: Held | null): number {
  if (!held || !shown.length) return -1;
  const at = shown.indexOf(held.id);
  if (at >= 0) return at;
  const was = held.among.indexOf(held.id);
  if (was < 0) return -1;
  const now = new Map(shown.map((id, k) => [id, k]));
  for (let k = was + 1; k < held.among.length; k++) {
    const found = now.get(held.among[k]);
    if (found !== undefined) return found;
  }
  for (let k = was - 1; k >= 0; k--) {
    const found = now.get(held.among[k]);
    if (found !== undefined) return found;
  }
  return Math.min(was, shown.length - 1);
}
