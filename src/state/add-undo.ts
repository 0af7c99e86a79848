import { firstNames, plural } from '../core/data/problems';
import type { AddedIds, ProjectState } from './project';
import { currentProject } from './project-generations';
import { editableNow, forgetInWorker, offerUndo, projectUndoContext, stores } from './project-undo-context';
import type { SavedUndo } from './saved-undo';
import type { UndoOffer } from './undo';
import { NoLongerUndoable } from './undo-errors';
import { heldByUndo } from './undo-places';

/**
 * Images added (a drop, a picked folder, a class's "choose files") are offered back like a deletion:
 * the same folder dropped twice doubled every class, with only a duplicate warning to say so and
 * nothing to take it back but deleting the copies one by one. Undo takes out the images the adding
 * put in, wherever they are now, and the classes it made that are left empty. Webcam frames are not
 * offered back: each is added as it is taken, and the webcam panel deletes them.
 */

export type SavedAdd = Extract<SavedUndo, { kind: 'add' }>;

export const nothingAdded = (): AddedIds => ({ images: [], classes: [] });

/** "Added 40 images to Cats", "Added 400 images to cat, dog, bird, …": the classes that hold them now */
export function addedLabel(added: AddedIds, classes: ProjectState['classes']): string | null {
  const ids = new Set(added.images);
  const into = classes.filter((c) => c.images.some((i) => ids.has(i.id)));
  const n = into.reduce((k, c) => k + c.images.filter((i) => ids.has(i.id)).length, 0);
  if (!n) return null;
  const made = into.filter((c) => added.classes.includes(c.id));
  const names = firstNames(into.map((c) => c.name));
  // the classes its undo takes away with the images are named as new
  const newOnes =
    made.length === into.length
      ? made.length === 1
        ? ' (a new class)'
        : ' (new classes)'
      : made.length === 0
        ? ''
        : made.length <= 2
          ? ` (${made.map((c) => c.name).join(', ')} new)`
          : ` (${made.length} new)`;
  return `Added ${plural(n, 'image')} to ${names}${newOnes}`;
}

export function addOffer(saved: SavedAdd, project: () => ProjectState): UndoOffer<SavedUndo> {
  const { made } = saved;
  return {
    label: saved.label,
    saved,
    // they are in the project: the autosave keeps them as it keeps every image there
    heldImages: [],
    undo() {
      // the lock's own words end "Images you add now join the next run", no reason for an undo
      const { classes, removeImages, dropEmptyClass } = editableNow(
        made,
        project,
        'a run is using these images: undo it once the run has ended',
      );
      const ids = new Set(saved.images);
      const there = classes.flatMap((c) => c.images.filter((i) => ids.has(i.id)).map((i) => i.id));
      const present = new Set(there);
      // a deletion or a move of them still offered back goes first: undone after this one, the
      // deletion brought back images of an adding undone, and the move found them gone
      const deleted = saved.images.filter((id) => !present.has(id) && heldByUndo(id)).length;
      if (deleted)
        throw new Error(
          `${deleted} of its images ${deleted === 1 ? 'was' : 'were'} deleted since: undo that deletion first`,
        );
      const moved = there.filter(heldByUndo).length;
      if (moved)
        throw new Error(`${moved} of its images ${moved === 1 ? 'was' : 'were'} moved since: undo that move first`);
      if (!there.length) throw new NoLongerUndoable('its images were deleted since');
      removeImages(there);
      // a class it made that holds images now (moved in, dropped since) stays, with them
      saved.classes.forEach(dropEmptyClass);
      // "give it its name", "skipped 2 files": of images that are gone (unless something else was said since)
      if (saved.said !== undefined && project().notice === saved.said) project().setNotice(null);
      const gone = saved.images.length - there.length;
      if (gone)
        project().setNotice(
          `Undone: ${saved.label}, except ${plural(gone, 'image')} deleted since, which ${gone === 1 ? 'was' : 'were'} not there to take out.`,
        );
      // a deletion's undo keeps their cached features for a while; nothing will bring these back
      forgetInWorker(there);
    },
    finalise: () => undefined,
  };
}

/**
 * Offers the adding back, once it is done; nothing when nothing went in. `noticeBefore`: the notice
 * as the adding began; one it put in its place is taken back with it.
 */
export function offerAddUndo(added: AddedIds, noticeBefore: string | null): void {
  // a project store used alone (a unit test of the intake) has no undos to offer
  if (!projectUndoContext.peek()) return;
  const { classes, notice } = stores().project();
  const label = addedLabel(added, classes);
  if (!label) return;
  const said = notice !== null && notice !== noticeBefore ? notice : undefined;
  offerUndo(
    addOffer(
      {
        kind: 'add',
        label,
        images: [...added.images],
        classes: [...added.classes],
        made: currentProject(),
        ...(said !== undefined && { said }),
      },
      () => stores().project(),
    ),
  );
}

/** Images chosen for one class (its card's "choose files"), offered back once they are in. */
export async function addImagesUndoable(classId: string, files: File[]): Promise<void> {
  const added = nothingAdded();
  const noticeBefore = stores().project().notice;
  await stores().project().addImages(classId, files, { added });
  offerAddUndo(added, noticeBefore);
}
