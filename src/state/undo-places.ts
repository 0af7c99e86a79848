import type { ClassPlace, Place, ProjectState } from './project';

/**
 * Where undone deletions and moves put things back (state/project-undo.ts): each removed class and
 * image keeps the ids beside it, taken from the order below, so undos taken in any order find their
 * places (project.ts putBack places by those neighbours).
 */

/** ids that a pending deletion or move may put back (counted: an image can be in two) */
const pending = new Map<string, number>();
export function hold(ids: string[], by: 1 | -1): void {
  for (const id of ids) {
    const n = (pending.get(id) ?? 0) + by;
    if (n > 0) pending.set(id, n);
    else pending.delete(id);
  }
}

/** whether a pending deletion or move may still put `id` back (an adding's undo waits for it) */
export const heldByUndo = (id: string): boolean => pending.has(id);

/**
 * The order the classes, and each class's images, were last seen in, with what pending undos will
 * bring back still in it. Deleting an image, then its class, and undoing the older first: the
 * class's deletion alone did not know the image was between two of its images.
 */
interface Seen {
  classes: string[];
  images: Map<string, string[]>;
}
/**
 * By project number: an Open project undone brings its number back, and its deletions' neighbours
 * with it (one order for all, started afresh there, put an image deleted before after one deleted since).
 */
const seenBy = new Map<number, Seen>();
function seenIn(project: number): Seen {
  let s = seenBy.get(project);
  if (!s) seenBy.set(project, (s = { classes: [], images: new Map() }));
  return s;
}

/** An image an undo will bring back, into `classId`. */
export interface ImagePlace extends Place {
  id: string;
  classId: string;
}

/**
 * The places pending undos were saved with, by project, until the next edit there puts them into its
 * order. A reload starts with no order: an undo revived then, or one older than the order kept, was
 * missing from it, and what was deleted next was placed beside the wrong neighbours.
 */
const waiting = new Map<number, { classes: ClassPlace[]; images: ImagePlace[] }>();
export function expectBack(project: number, classes: ClassPlace[], images: ImagePlace[]): void {
  const w = waiting.get(project) ?? { classes: [], images: [] };
  waiting.set(project, { classes: [...w.classes, ...classes], images: [...w.images, ...images] });
}

/** Where `p` goes into `ids` (as state/put-back.ts places what is put back). */
function insert(ids: string[], id: string, p: Place): void {
  if (ids.includes(id)) return;
  const after = p.after ? ids.indexOf(p.after) : -1;
  const before = p.before ? ids.indexOf(p.before) : -1;
  const at =
    after >= 0
      ? after + 1
      : before >= 0
        ? before
        : p.after === null
          ? 0
          : p.before === null
            ? ids.length
            : Math.min(p.index, ids.length);
  ids.splice(at, 0, id);
}

/** Puts the waiting places of `project` into its order: the classes', and the images' of the classes `ready`. */
function placeWaiting(project: number, s: Seen, ready: Set<string>): void {
  const w = waiting.get(project);
  if (!w) return;
  // in the order they were offered: a place saved later may name one saved before as its neighbour
  for (const c of w.classes) if (pending.has(c.id)) insert(s.classes, c.id, c);
  const left: ImagePlace[] = [];
  for (const im of w.images) {
    if (!pending.has(im.id)) continue;
    if (!ready.has(im.classId)) {
      left.push(im);
      continue;
    }
    insert(s.images.get(im.classId)!, im.id, im);
  }
  if (left.length) waiting.set(project, { classes: [], images: left });
  else waiting.delete(project);
}

/** `now`, with each pending id `before` had put back after the one it followed there */
function merged(before: readonly string[], now: readonly string[]): string[] {
  const there = new Set(now);
  // the pending ids `now` lacks, by the id they followed (null: they came first)
  const following = new Map<string | null, string[]>();
  let prev: string | null = null;
  for (const id of before) {
    if (!there.has(id)) {
      if (!pending.has(id)) continue;
      const after = following.get(prev);
      if (after) after.push(id);
      else following.set(prev, [id]);
    }
    prev = id;
  }
  if (!following.size) return [...now];
  const out: string[] = [];
  // each id, then what followed it (a pending id can follow another: a chain, walked without recursion)
  const put = (first: string | null) => {
    const stack = [first];
    while (stack.length) {
      const id = stack.pop()!;
      if (id !== null) out.push(id);
      const next = following.get(id) ?? [];
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
    }
  };
  put(null);
  for (const id of now) put(id);
  return out;
}

/**
 * The order of the classes and of the given classes' images now, kept for the next edit; each id's
 * neighbours in it. `project`: the project's number (each keeps its own order).
 */
export function orders(classes: ProjectState['classes'], touched: (id: string) => boolean, project: number) {
  const seen = seenIn(project);
  const beside = (order: string[]) => {
    const at = new Map(order.map((id, i) => [id, i]));
    return (id: string) => {
      const i = at.get(id)!;
      return { after: order[i - 1] ?? null, before: order[i + 1] ?? null };
    };
  };
  seen.classes = merged(
    seen.classes,
    classes.map((c) => c.id),
  );
  const done = new Set<string>();
  for (const c of classes) {
    if (!touched(c.id)) continue;
    seen.images.set(
      c.id,
      merged(
        seen.images.get(c.id) ?? [],
        c.images.map((i) => i.id),
      ),
    );
    done.add(c.id);
  }
  placeWaiting(project, seen, done);
  const images = new Map<string, ReturnType<typeof beside>>();
  for (const id of done) images.set(id, beside(seen.images.get(id)!));
  const classAt = beside(seen.classes);
  return {
    place: (c: { id: string; name: string }, index: number): ClassPlace => ({
      id: c.id,
      name: c.name,
      index,
      ...classAt(c.id),
    }),
    image: (classId: string, imageId: string) => images.get(classId)!(imageId),
  };
}
