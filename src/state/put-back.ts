import { nameKey } from '../core/data/problems';
import type { ProjectClass } from './project';
import type { ProjectImage } from './project-image';

/**
 * Where something taken away was: its index then, and the ids beside it (null: it was first or
 * last). Undos taken in another order than their actions (the older first) find some neighbours
 * gone and others put back: the neighbours place it where the index alone would not.
 */
export interface Place {
  index: number;
  after?: string | null;
  before?: string | null;
}

/** A class going back to where it was. */
export interface ClassPlace extends Place {
  id: string;
  name: string;
}

/** An image going back to where it was. */
export interface PutBack extends Place {
  image: ProjectImage;
  classId: string;
  /** the class is recreated under this name if it is gone */
  className: string;
}

/** The position in `ids` for what was at `p` (undefined neighbours: a place stored before they were kept). */
function placeIn(ids: readonly string[], p: Place): number {
  const after = p.after ? ids.indexOf(p.after) : -1;
  if (after >= 0) return after + 1;
  const before = p.before ? ids.indexOf(p.before) : -1;
  if (before >= 0) return before;
  if (p.after === null) return 0;
  if (p.before === null) return ids.length;
  return Math.min(p.index, ids.length);
}

/** Puts images back into their classes at their old places (recreating a class that is gone). */
export function reinsert(classes: ProjectClass[], items: PutBack[], recreate: ClassPlace[]): ProjectClass[] {
  const out = [...classes];
  const places = new Map(recreate.map((c) => [c.id, c]));
  for (const it of items)
    if (!places.has(it.classId)) places.set(it.classId, { id: it.classId, name: it.className, index: out.length });
  // where each class's images go: the class itself, or one of its name added since (as folder adding merges)
  const into = new Map<string, string>();
  for (const c of [...places.values()].sort((a, b) => a.index - b.index)) {
    if (out.some((x) => x.id === c.id)) into.set(c.id, c.id);
    else {
      const same = out.find((x) => nameKey(x.name) === nameKey(c.name));
      if (same) into.set(c.id, same.id);
      else {
        out.splice(
          placeIn(
            out.map((x) => x.id),
            c,
          ),
          0,
          { id: c.id, name: c.name, images: [] },
        );
        into.set(c.id, c.id);
      }
    }
  }
  const byClass = new Map<string, PutBack[]>();
  for (const it of items) {
    const id = into.get(it.classId)!;
    // pushed, not copied: a class's thousands of images put back copied the list for each one
    const list = byClass.get(id);
    if (list) list.push(it);
    else byClass.set(id, [it]);
  }
  for (const [classId, list] of byClass) {
    const at = out.findIndex((c) => c.id === classId);
    const images = [...out[at].images];
    const ids = images.map((i) => i.id);
    const present = new Set(ids);
    let last = { id: '', at: -1 };
    // in their old order, so a neighbour among them is back before the image that needs it
    for (const it of [...list].sort((a, b) => a.index - b.index)) {
      if (present.has(it.image.id)) continue;
      // a class's thousands of images come back one after another: no search for each one's neighbour
      const i = it.after && it.after === last.id ? last.at + 1 : placeIn(ids, it);
      images.splice(i, 0, it.image);
      ids.splice(i, 0, it.image.id);
      present.add(it.image.id);
      last = { id: it.image.id, at: i };
    }
    out[at] = { ...out[at], images };
  }
  return out;
}
