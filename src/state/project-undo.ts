import { imageCount, MAX_PROJECT_IMAGES } from '../core/project/project-limits';
import { forgetOrphanStashes } from './trained-stash';
import { holdsProjectLock } from './one-tab';
import type { ClassPlace, ProjectImage, PutBack } from './project';
import { projectImage, releaseImageUrl } from './project-image';
import { expectBack, hold, orders } from './undo-places';
import { moveOffer, type MadeMove } from './move-undo';
import { currentProject, sameProject } from './project-generations';
import type { StoredUndo, UndoEntry, UndoOffer } from './undo';
import { heldBy, parseSaved, type SavedUndo } from './saved-undo';
import { forgetInWorker, offerUndo, plural, stores, type FileOf } from './project-undo-context';
import { replaceOffer } from './project-replace';
import { addOffer } from './add-undo';

export type { SavedUndo } from './saved-undo';
export { projectUndoContext, type ProjectUndoContext } from './project-undo-context';
export { refuseWhileAdding, replaceProject, replacingNow } from './project-replace';

/**
 * Every action that takes images away (deleting a class or images, moving images to another
 * class; a new or opened project replacing this one, in state/project-replace.ts) is done through
 * here and offered back (state/undo.ts). What each undo needs is described by a plain `SavedUndo`, stored with the
 * project by the autosave, so a reload while the toast is up can still undo.
 */

const n = (count: number) => count.toLocaleString('en-US');

function removalOffer(
  saved: Extract<SavedUndo, { kind: 'remove' }>,
  kept: Map<string, ProjectImage>,
  fileOf: FileOf,
): UndoOffer<SavedUndo> {
  const made = saved.made ?? currentProject();
  const imageOf = (id: string): ProjectImage | undefined => {
    const k = kept.get(id);
    if (k) return k;
    const file = fileOf(id);
    return file && projectImage(id, file);
  };
  const held = [...saved.images.map((i) => i.id), ...saved.classes.map((c) => c.id)];
  hold(held, 1);
  expectBack(made, saved.classes, saved.images);
  return {
    label: saved.label,
    saved,
    heldImages: saved.images.map((i) => i.id),
    heldFile: (id) => kept.get(id)?.file,
    undo() {
      sameProject(made);
      const items = saved.images.flatMap((im): PutBack[] => {
        const image = imageOf(im.id);
        return image
          ? [
              {
                image,
                classId: im.classId,
                className: im.className,
                index: im.index,
                after: im.after,
                before: im.before,
              },
            ]
          : [];
      });
      const project = stores().project();
      // images added since may have filled the project: it must still open again from its zip
      const now = imageCount(project.classes);
      if (now + items.length > MAX_PROJECT_IMAGES)
        throw new Error(
          `the project holds ${n(now)} images now and can hold at most ${n(MAX_PROJECT_IMAGES)}: delete ${n(now + items.length - MAX_PROJECT_IMAGES)} first`,
        );
      const homes = (saved.homes ?? []).filter((h) => items.some((i) => i.classId === h.id));
      const before = stores().project().notice;
      project.putBack(items, [...saved.classes, ...homes]);
      hold(held, -1);
      const lost = saved.images.length - items.length;
      // after what putBack said (a class that came back under another name), not instead of it
      const said = stores().project().notice;
      const renamed = said !== before ? said : null;
      if (lost)
        project.setNotice(
          [
            renamed,
            `${plural(lost, 'image')} could not be found in browser storage and ${lost === 1 ? 'was' : 'were'} not brought back.`,
          ]
            .filter(Boolean)
            .join('. '),
        );
    },
    finalise() {
      hold(held, -1);
      kept.forEach(releaseImageUrl);
      forgetInWorker(saved.images.map((i) => i.id));
    },
  };
}

/** While a run uses the project its edits are refused with the reason (project.locked): then nothing is done or offered. */
function refused(): boolean {
  const { locked } = stores().project();
  if (locked) stores().project().setNotice(locked);
  return !!locked;
}

function removeWithUndo(label: string, classIds: Set<string>, imageIds: Set<string>) {
  if (refused()) return;
  const classes = stores().project().classes;
  const saved: Extract<SavedUndo, { kind: 'remove' }> = {
    kind: 'remove',
    label,
    classes: [],
    images: [],
    homes: [],
    made: currentProject(),
  };
  const touched = new Set(
    classes.filter((c) => classIds.has(c.id) || c.images.some((i) => imageIds.has(i.id))).map((c) => c.id),
  );
  const order = orders(classes, (id) => touched.has(id), currentProject());
  const staying = classes.filter((c) => !classIds.has(c.id)).map((c) => c.id);
  const kept = new Map<string, ProjectImage>();
  classes.forEach((c, index) => {
    if (!touched.has(c.id)) return;
    const whole = classIds.has(c.id);
    if (whole) saved.classes.push({ ...order.place(c, index), apart: staying });
    else saved.homes!.push(order.place(c, index));
    c.images.forEach((image, i) => {
      if (!whole && !imageIds.has(image.id)) return;
      kept.set(image.id, image);
      saved.images.push({
        id: image.id,
        name: image.file.name,
        type: image.file.type,
        classId: c.id,
        className: c.name,
        index: i,
        ...order.image(c.id, image.id),
      });
    });
  });
  if (!saved.classes.length && !saved.images.length) return;
  const { removeClass, removeImages } = stores().project();
  removeImages([...kept.keys()]);
  saved.classes.forEach((c) => removeClass(c.id));
  offerUndo(removalOffer(saved, kept, () => undefined));
}

export function deleteClass(classId: string): void {
  const c = stores()
    .project()
    .classes.find((x) => x.id === classId);
  if (c) removeWithUndo(`Deleted class ${c.name} (${plural(c.images.length, 'image')})`, new Set([classId]), new Set());
}

export function deleteImages(imageIds: string[]): void {
  const ids = new Set(imageIds);
  const from = stores()
    .project()
    .classes.filter((c) => c.images.some((i) => ids.has(i.id)));
  const n = from.reduce((k, c) => k + c.images.filter((i) => ids.has(i.id)).length, 0);
  removeWithUndo(`Deleted ${plural(n, 'image')}${from.length === 1 ? ` from ${from[0].name}` : ''}`, new Set(), ids);
}

/** Relabels images (they keep their ids, files and cached features), with an undo. */
export function moveImages(imageIds: string[], toClassId: string): void {
  if (refused()) return;
  const classes = stores().project().classes;
  const target = classes.find((c) => c.id === toClassId);
  const ids = new Set(imageIds);
  const from = (c: (typeof classes)[number]) => c.id !== toClassId && c.images.some((i) => ids.has(i.id));
  if (!target || !classes.some(from)) return;
  const order = orders(classes, (id) => classes.some((c) => c.id === id && from(c)), currentProject());
  const sources: ClassPlace[] = [];
  const moves = classes.flatMap((c, at): MadeMove[] => {
    if (!from(c)) return [];
    sources.push(order.place(c, at));
    return c.images.flatMap((i, index) =>
      ids.has(i.id) ? [{ id: i.id, fromClassId: c.id, toClassId, index, ...order.image(c.id, i.id) }] : [],
    );
  });
  stores()
    .project()
    .moveImages(
      moves.map((m) => m.id),
      toClassId,
    );
  offerUndo(
    moveOffer(
      {
        kind: 'move',
        label: `Moved ${plural(moves.length, 'image')} to ${target.name}`,
        moves,
        classes: sources,
        made: currentProject(),
      },
      () => stores().project(),
    ),
  );
}

const WITHOUT_UNDO: UndoEntry['withoutUndo'][] = ['for good', 'until its project is back'];

/** a pending undo as the autosave stored it, read back: anything may be in it */
export type StoredItem = { [K in keyof StoredUndo]?: unknown };

/**
 * The time a stored undo has left after a reload: held (paused) when the page went, the time it had
 * left then, however long the page was away; zero or less, it ran out while away. Refused with no
 * time to run out, it stays until it is taken or closed (Infinity).
 */
export function timeLeft(item: StoredItem): number {
  if (item.left !== undefined) return Number(item.left);
  if (item.expiresAt !== undefined) return Number(item.expiresAt) - Date.now();
  return typeof item.refused === 'string' ? Infinity : 0;
}

/** Why its undo was refused, and whether Undo was still offered: it comes back as it was. */
export const refusalMarks = (item: StoredItem): Pick<UndoOffer, 'refusedBefore' | 'withoutUndoBefore'> => ({
  ...(typeof item.refused === 'string' && { refusedBefore: item.refused }),
  ...(WITHOUT_UNDO.includes(item.withoutUndo as never) && {
    withoutUndoBefore: item.withoutUndo as UndoEntry['withoutUndo'],
  }),
});

/**
 * After a reload: the undos that were pending come back (at least a few seconds each); expired ones
 * are made final, and the stashes none of them names are forgotten.
 */
export async function reviveUndos(): Promise<void> {
  const list = stores().loadSavedUndos();
  // unread (no saved project, or it could not be read): which stashes are still wanted is not known
  if (!Array.isArray(list)) return;
  // before the first render: no stash this page made can be pending yet
  const pending = new Set<string>();
  for (const item of list as StoredItem[]) {
    const described = parseSaved(item?.saved);
    if (!described) continue;
    // the project a refusal told it it belongs to, where its description (stored before they said it) does not
    const project = typeof item.project === 'number' ? item.project : undefined;
    const saved =
      project !== undefined && described.kind !== 'replace' && described.made === undefined
        ? { ...described, made: project }
        : described;
    const files = await stores().storedFiles(heldBy(saved));
    const offer =
      saved.kind === 'remove'
        ? removalOffer(saved, new Map(), (id) => files.get(id))
        : saved.kind === 'move'
          ? moveOffer(saved, () => stores().project())
          : saved.kind === 'add'
            ? addOffer(saved, () => stores().project())
            : saved.kind === 'replace'
              ? replaceOffer(saved, (id) => files.get(id))
              : // a model or settings undo: built with the stores it changes
                stores().revive(saved);
    // refused: it stays refused, with its reason and without Undo if it had none, until it is taken or
    // closed; put away, its time runs as it did (undos stored before kept a full window)
    const left = timeLeft(item);
    if (left > 0) {
      if (saved.kind === 'replace') pending.add(saved.stash);
      const ms = Number.isFinite(left) ? Math.max(left, 8_000) : undefined;
      offerUndo({ ...offer, ...(project !== undefined && { project }), ...refusalMarks(item) }, ms);
    } else await offer.finalise();
  }
  // an undo that storage let put back only part of its stash left the rest there, read by nothing;
  // not without the project's lock: another tab on the same storage may have made a stash just now
  if (!holdsProjectLock()) return;
  await forgetOrphanStashes(pending).catch((err: unknown) =>
    console.warn(`Stashes no undo needs were not cleared from browser storage: ${(err as Error).message}`),
  );
}
