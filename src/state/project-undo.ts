import { imageCount, MAX_PROJECT_IMAGES } from '../core/project/project-limits';
import { madeByHand, type ProjectRecord } from '../core/project/record';
import {
  forgetOrphanStashes,
  forgetStash,
  STASH_PREFIX,
  forgetTrained,
  SILENT_STASH,
  stashTrained,
  storageAnswers,
  unstashTrained,
} from './model-store';
import { holdsProjectLock } from './one-tab';
import { studioWorker } from '../worker/client';
import type { ClassPlace, ProjectImage, ProjectState, PutBack } from './project';
import { projectImage, releaseImageUrl } from './project-image';
import { storeContext } from './store-context';
import { expectBack, hold, orders } from './undo-places';
import { moveOffer, type MadeMove } from './move-undo';
import { CONTINUING, imagesComingIn, IMAGES_BEING_ADDED } from './project-intake';
import { backToProject, currentProject, generations, sameProject, setGenerations } from './project-generations';
import type { UndoOffer } from './undo';
import { heldBy, parseSaved, type SavedUndo } from './saved-undo';

export type { SavedUndo } from './saved-undo';

/**
 * Every action that takes images away (deleting a class or images, moving images to another
 * class, a new or opened project replacing this one) is done through here and offered back
 * (state/undo.ts). What each undo needs is described by a plain `SavedUndo`, stored with the
 * project by the autosave, so a reload while the toast is up can still undo.
 */

type FileOf = (id: string) => File | undefined;

/** What the undoable edits need of the stores (wired by state/coordinator.ts). */
export interface ProjectUndoContext {
  /** the project store as it is now: its classes, lock and edits (putBack for undos) */
  project(): ProjectState;
  offerUndo(offer: UndoOffer<SavedUndo>, ms?: number): string;
  /** the replaced project's training and model leave the page (they were stashed first) */
  clearTrained(): void;
  /** state/persist.ts: the project as a record, a record put back, and the stored model and runs restored */
  currentRecord(): ProjectRecord;
  applyRecord(record: ProjectRecord, fileOf: FileOf): { missing: number };
  restoreTrained(): void;
  /** stored image files by id, and the undos that were pending when the restored record was saved */
  storedFiles(ids: string[]): Promise<Map<string, File>>;
  loadSavedUndos(): unknown;
  /** a run that just finished is still writing its model (and then forgets its checkpoint) */
  modelKept(): Promise<unknown>;
  /** Continue training reading a model, in words (state/model-in-use.ts continuingNow), or null */
  continuing(): string | null;
}

export const projectUndoContext = storeContext<ProjectUndoContext>('project-undo');
const stores = projectUndoContext.get;
const clearTrained = () => stores().clearTrained();
const offerUndo = (offer: UndoOffer<SavedUndo>, ms?: number) => stores().offerUndo(offer, ms);

/**
 * Deleted images leave the worker too: their cached features and blobs would otherwise stay.
 * Called when a deletion becomes final, not when it is made: until then an undo brings the
 * features back with the images.
 */
function forgetInWorker(ids: string[]) {
  if (ids.length)
    void studioWorker()
      .forget(ids)
      .catch(() => undefined);
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

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
      project.putBack(items, [...saved.classes, ...homes]);
      hold(held, -1);
      const lost = saved.images.length - items.length;
      if (lost)
        project.setNotice(
          `${plural(lost, 'image')} could not be found in browser storage and ${lost === 1 ? 'was' : 'were'} not brought back.`,
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
  const kept = new Map<string, ProjectImage>();
  classes.forEach((c, index) => {
    if (!touched.has(c.id)) return;
    const whole = classIds.has(c.id);
    (whole ? saved.classes : saved.homes!).push(order.place(c, index));
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

let stashes = 0;

/**
 * What a replacement's stash could not put back. The stash keeps it (the only copy left) until the
 * next start-up forgets it (reviveUndos), but no control reads a stash once its undo has run: the
 * words promise nothing more.
 */
const noRoomFor = (lost: string) =>
  `Browser storage had no room to put back ${lost}. Free some disk space before training again: the next model would not be kept either.`;

function replaceOffer(saved: Extract<SavedUndo, { kind: 'replace' }>, fileOf: FileOf): UndoOffer<SavedUndo> {
  const replaced = saved.replaced ?? currentProject();
  const ids = saved.record.classes.flatMap((c) => c.images.map((i) => i.id));
  const putBack = async () => {
    // the page was cleared when replaceProject stashed what replaced it; cleared again here, after the
    // unstash, the clearing forgot the stored starting point (continue training's) just put back.
    // The stash goes once all of it is back in the slots a reload reads; what storage refused stays in it.
    const lost = await unstashTrained(saved.stash);
    const { missing } = stores().applyRecord(saved.record, fileOf);
    // the earlier project is back: its own deletions and moves can be undone again
    backToProject(replaced);
    stores().restoreTrained();
    const notes = [
      ...(missing ? [`${plural(missing, 'image')} of the earlier project could not be found in browser storage.`] : []),
      // storage that filled meanwhile refused part of it: said, where it was dropped silently
      ...(lost ? [noRoomFor(lost)] : []),
    ];
    if (notes.length) stores().project().setNotice(notes.join(' '));
  };
  return {
    label: saved.label,
    saved,
    heldImages: ids,
    async undo() {
      // a run uses the project that replaced it (its classes, settings, backbone): putting the
      // earlier one under it mixed the two, and the run's model was kept as the earlier project's
      const { locked } = stores().project();
      if (locked) throw new Error('A run is using the project that replaced it: undo when the run has ended.');
      // what replaced it is offered back in turn (replaceProject leaves out a new project's defaults)
      await replaceProject('Put the earlier project back', putBack);
    },
    finalise() {
      void forgetStash(saved.stash);
      const current = new Set(
        stores()
          .project()
          .classes.flatMap((c) => c.images.map((i) => i.id)),
      );
      forgetInWorker(ids.filter((id) => !current.has(id)));
    },
  };
}

/**
 * A drop is added a window at a time into whatever project the page holds: the rest of it went into
 * the new one. Open project asks this before reading a large zip for nothing.
 */
export function refuseWhileAdding(): void {
  if (imagesComingIn(stores().project())) throw new Error(IMAGES_BEING_ADDED);
}

/**
 * Replaces the whole project (New project, Open project): the current one (its images, settings,
 * trained model, runs) is kept aside and offered back. `apply` puts the new project in place.
 */
export async function replaceProject(label: string, apply: () => void | Promise<void>): Promise<void> {
  refuseWhileAdding();
  // ending, it adds its model's classes, settings and backbone to whatever project is in place
  if (stores().continuing()) throw new Error(CONTINUING);
  replacing++;
  try {
    await replaceWith(label, apply);
  } finally {
    replacing--;
  }
}

/** New project or Open project under way (stashing the old one, putting the new one in place) */
let replacing = 0;
/**
 * Why a run cannot start now, or null: Train pressed while the project was stashed trained the old
 * project's images, and the new project then arrived under the run (state/training.ts asks)
 */
export const replacingNow = (): string | null => (replacing ? 'The project is being replaced' : null);

async function replaceWith(label: string, apply: () => void | Promise<void>): Promise<void> {
  const record = stores().currentRecord();
  const files = new Map(
    stores()
      .project()
      .classes.flatMap((c) => c.images.map((i) => [i.id, i.file] as const)),
  );
  const stash = `${STASH_PREFIX}${Date.now().toString(36)}-${(stashes++).toString(36)}`;
  // stashed before its model was stored, a run that had just finished came back from the undo as
  // interrupted (its checkpoint still in place), and without its model
  // (a slow save is waited for; storage that never answers would hold the replacement, and Train, for good)
  const answers = await storageAnswers();
  if (answers) await stores().modelKept();
  // copied aside, the originals still in place: a refusal now loses nothing, whatever storage refused
  const { notKept, hadModel } = answers ? await stashTrained(stash) : SILENT_STASH;
  try {
    // a drop may have started while the trained model was stashed: the project stays, with its model
    // and the lines about it on the page (they were cleared before this check)
    refuseWhileAdding();
  } catch (err) {
    await forgetStash(stash);
    throw err;
  }
  if (answers) await forgetTrained();
  clearTrained();
  const before = generations();
  const replaced = before.current;
  setGenerations({ current: before.issued + 1, issued: before.issued + 1 });
  try {
    await apply();
  } catch (err) {
    backToProject(replaced);
    // nothing was replaced: what was stashed goes back (what storage refuses stays stashed, and is said)
    const lost = await unstashTrained(stash);
    stores().restoreTrained();
    if (lost) stores().project().setNotice(noRoomFor(lost));
    throw err;
  }
  // the toast says what its undo cannot bring back, rather than promising it
  const said = notKept ? `${label} (${notKept})` : label;
  // a new project's defaults are offered back only for the model it had (one imported to try it);
  // one with no classes yet but settings, answer choices or a backbone picked is work too
  if (madeByHand(record) || hadModel)
    offerUndo(replaceOffer({ kind: 'replace', label: said, record, stash, replaced }, (id) => files.get(id)));
  else void forgetStash(stash);
}

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
  for (const item of list as { expiresAt?: unknown; left?: unknown; saved?: unknown }[]) {
    const saved = parseSaved(item?.saved);
    if (!saved) continue;
    const files = await stores().storedFiles(heldBy(saved));
    const offer =
      saved.kind === 'remove'
        ? removalOffer(saved, new Map(), (id) => files.get(id))
        : saved.kind === 'move'
          ? moveOffer(saved, () => stores().project())
          : replaceOffer(saved, (id) => files.get(id));
    // held (paused) when the page went: the time it had left then
    const left = item.left !== undefined ? Number(item.left) : Number(item.expiresAt) - Date.now();
    if (left > 0) {
      if (saved.kind === 'replace') pending.add(saved.stash);
      offerUndo(offer, Math.max(left, 8_000));
    } else await offer.finalise();
  }
  // an undo that storage let put back only part of its stash left the rest there, read by nothing;
  // not without the project's lock: another tab on the same storage may have made a stash just now
  if (!holdsProjectLock()) return;
  await forgetOrphanStashes(pending).catch((err: unknown) =>
    console.warn(`Stashes no undo needs were not cleared from browser storage: ${(err as Error).message}`),
  );
}
