import { madeByHand } from '../core/project/record';
import { STORAGE_SILENT } from '../core/storage/model-writer';
import { keepRuns, keepSavedModel, storageAnswers } from './model-store';
import {
  forgetStash,
  forgetTrained,
  SILENT_STASH,
  STASH_PREFIX,
  stashTrained,
  unstashTrained,
  type PageTrained,
} from './trained-stash';
import { backToProject, currentProject, generations, setGenerations } from './project-generations';
import { CONTINUING, imagesComingIn, IMAGES_BEING_ADDED } from './project-intake';
import { clearTrained, forgetInWorker, offerUndo, plural, stores, type FileOf } from './project-undo-context';
import type { SavedUndo } from './saved-undo';
import type { UndoOffer } from './undo';

/**
 * New project and Open project replace the whole project: the current one (its images, settings,
 * trained model, runs) is kept aside and offered back, as the other edits are (state/project-undo.ts).
 */

let stashes = 0;

/** The page's model held for the undo where storage could not hold it, or why it could not be; null: none asked. */
type Held = { page: PageTrained } | { failed: string } | null;

/** Its export settled: a failure is said by the toast, which would otherwise promise the model. */
const settle = (held: Promise<PageTrained> | null): Promise<Held> =>
  held
    ? held.then(
        (page) => ({ page }),
        (err: unknown) => ({ failed: ((err as Error)?.message || String(err)).replace(/[.\s]+$/, '') }),
      )
    : Promise.resolve(null);

/**
 * What the toast says storage could not keep, and whether the page holds the model meanwhile; null:
 * nothing. `trainedModel`: storage holds one of its own (older) for the undo.
 */
function heldWords(notKept: string | null, held: Held, answers: boolean, trainedModel: boolean): string | null {
  if (!held) return notKept;
  if ('page' in held) {
    if (!notKept) return null;
    const holds = 'the page holds its model until you undo or reload';
    return answers ? `${notKept}; ${holds}` : `${holds}: ${STORAGE_SILENT}`;
  }
  if (notKept) return `${notKept}; the page could not hold its model either (${held.failed})`;
  // storage never kept the page's model: the undo brings back what it did keep, which is not this one
  const instead = trainedModel ? 'the model kept before it' : 'the project without it';
  return `its latest model could not be held for the undo (${held.failed}): Undo brings back ${instead}`;
}

/**
 * What a replacement's stash could not put back. The stash keeps it (the only copy left) until the
 * next start-up forgets it (reviveUndos), but no control reads a stash once its undo has run: the
 * words promise nothing more.
 */
const noRoomFor = (lost: string) =>
  `Browser storage had no room to put back ${lost}. Free some disk space before training again: the next model would not be kept either.`;

/**
 * `held`: the page's model and runs, held here where storage could not hold them (state/trained-stash.ts
 * PageTrained); a reload loses them, and the undo the reload revives puts back what storage kept.
 */
export function replaceOffer(
  saved: Extract<SavedUndo, { kind: 'replace' }>,
  fileOf: FileOf,
  held?: PageTrained | null,
): UndoOffer<SavedUndo> {
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
    // the page's own model over what storage had (an older one, or none), and kept for a reload where storage takes it now
    if (held && (await storageAnswers())) await Promise.all([keepSavedModel(held.saved), keepRuns(held.runs)]);
    stores().restoreTrained(held ?? undefined);
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
    // images the autosave had not written yet when another project took their place: it stores them now
    heldFile: fileOf,
    async undo() {
      // a run uses the project that replaced it (its classes, settings, backbone): putting the
      // earlier one under it mixed the two, and the run's model was kept as the earlier project's
      const { locked } = stores().project();
      if (locked) throw new Error('A run is using the project that replaced it: undo when the run has ended.');
      // what replaced it is offered back in turn (replaceProject leaves out a new project's defaults),
      // under words that say what was done: 'Put the earlier project back' read as an offer to do it
      await replaceProject('Went back to the earlier project', putBack);
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
  const kept = answers && (await stores().modelKept()) !== false;
  // copied aside, the originals still in place: a refusal now loses nothing, whatever storage refused
  const { notKept, hadModel, trainedModel = false } = answers ? await stashTrained(stash) : SILENT_STASH;
  // what storage could not hold for the undo (or never kept: the stash has an older model) the undo
  // holds here; asked before the page is cleared
  const holding = settle(!kept || notKept ? stores().pageTrained() : null);
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
  // the toast says what its undo cannot bring back, rather than promising it. It waits for the held
  // model's export (most often the run's own, built already): made before, it said the page held a
  // model whose export then failed, and its Undo said it had brought that model back
  const held = await holding;
  const words = heldWords(notKept, held, answers, trainedModel);
  const said = words ? `${label} (${words})` : label;
  const page = held && 'page' in held ? held.page : null;
  // a new project's defaults are offered back only for the model it had (one imported to try it);
  // one with no classes yet but settings, answer choices or a backbone picked is work too
  if (madeByHand(record) || hadModel || page)
    offerUndo(replaceOffer({ kind: 'replace', label: said, record, stash, replaced }, (id) => files.get(id), page));
  else void forgetStash(stash);
}
