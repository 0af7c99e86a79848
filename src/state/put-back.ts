import { freeClassName, isAutoClassName, nameKey } from '../core/data/problems';
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
  /**
   * the classes beside it when it was deleted: one of them named as it since (renamed to its name) is
   * another class, whose images it must not join (absent in undos stored before, and for a class
   * that only lost some images)
   */
  apart?: string[];
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
  // where each class's images go: the class itself, or one of its name added since (as folder
  // adding merges). Not one of a name the page gives ("Class N"): Add class or a loose drop after
  // the deletion named a class of other images alike, and merged, the two shared a label unseen.
  // Nor a class that was there beside it and was renamed to its name since: two classes' images
  // were mixed into one. The class put back then takes the next free "Class N" (renamedBack says so).
  const into = new Map<string, string>();
  const sorted = [...places.values()].sort((a, b) => a.index - b.index);
  for (const c of sorted) {
    if (out.some((x) => x.id === c.id)) into.set(c.id, c.id);
    else {
      const same = out.find((x) => nameKey(x.name) === nameKey(c.name));
      if (same && !isAutoClassName(c.name) && !c.apart?.includes(same.id)) into.set(c.id, same.id);
      else {
        // nor the name of a class still to come back here
        const coming = sorted.filter((p) => p !== c && !out.some((x) => x.id === p.id)).map((p) => p.name);
        const name = same ? freeClassName([...out.map((x) => x.name), ...coming], out.length + 1) : c.name;
        out.splice(
          placeIn(
            out.map((x) => x.id),
            c,
          ),
          0,
          { id: c.id, name, images: [] },
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

/** What a putBack says of the classes it brought back under another name than they had (see reinsert); null: none. */
export function renamedBack(
  before: readonly ProjectClass[],
  after: readonly ProjectClass[],
  items: readonly PutBack[],
  recreate: readonly ClassPlace[],
): string | null {
  // the names they had, as reinsert took them: a recreated class's own place first
  const had = new Map<string, string>([
    ...items.map((i) => [i.classId, i.className] as const),
    ...recreate.map((c) => [c.id, c.name] as const),
  ]);
  const there = new Set(before.map((c) => c.id));
  const said = after.flatMap((c) => {
    const was = had.get(c.id);
    return !there.has(c.id) && was !== undefined && was !== c.name
      ? [`The class "${was}" came back as "${c.name}": another class is named "${was}" now`]
      : [];
  });
  return said.length ? said.join('. ') : null;
}
