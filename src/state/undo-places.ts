import type { ClassPlace, ProjectState } from './project';

/**
 * Where undone deletions and moves put things back (state/project-undo.ts): each removed class and
 * image keeps the ids beside it, taken from the order below, so undos taken in any order find their
 * places (project.ts putBack places by those neighbours).
 */

/**
 * The order the classes, and each class's images, were last seen in, with what pending undos will
 * bring back still in it. Deleting an image, then its class, and undoing the older first: the
 * class's deletion alone did not know the image was between two of its images.
 */
let seen = { project: -1, classes: [] as string[], images: new Map<string, string[]>() };
/** ids that a pending deletion or move may put back (counted: an image can be in two) */
const pending = new Map<string, number>();
export function hold(ids: string[], by: 1 | -1): void {
  for (const id of ids) {
    const n = (pending.get(id) ?? 0) + by;
    if (n > 0) pending.set(id, n);
    else pending.delete(id);
  }
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
 * neighbours in it. `project`: the project's number (another project starts a new order).
 */
export function orders(classes: ProjectState['classes'], touched: (id: string) => boolean, project: number) {
  if (seen.project !== project) seen = { project, classes: [], images: new Map() };
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
  const images = new Map<string, ReturnType<typeof beside>>();
  for (const c of classes) {
    if (!touched(c.id)) continue;
    const order = merged(
      seen.images.get(c.id) ?? [],
      c.images.map((i) => i.id),
    );
    seen.images.set(c.id, order);
    images.set(c.id, beside(order));
  }
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
