import { DEFAULT_BACKBONE_ID, getBackboneSpec } from '../core/backbones/registry';
import type { FreezeChoice, LiveChoices, ProjectRecord, ReviewMark } from '../core/project/record';
import type { TrainSettings } from '../core/train/settings';
import type { ProjectClass } from './project';
import { projectImage } from './project-image';
import type { RunRecord } from './run-record';
import { storeContext } from './store-context';

/**
 * The page's project as one record (classes, settings, backbone, live choices), and a record put
 * back into the stores: the autosave and its restore (state/persist.ts) and the project zip
 * (ui/project-zip-flow.ts) share both, so what one keeps the other brings back.
 */
/** What saving and restoring need of the other stores (wired by state/coordinator.ts). */
export interface PersistContext {
  /** what a record holds: the classes, the training settings, the chosen backbone */
  classes(): readonly ProjectClass[];
  settings(): TrainSettings;
  backboneId(): string;
  /** how Try it and the camera decide now */
  live(): LiveChoices;
  /** the freeze choice made on each other backbone tried */
  freezeChoices(): Record<string, FreezeChoice>;
  /** the image review's marks on images changed since the results shown */
  reviewMarks(): Record<string, ReviewMark>;
  /** the images marked "Label is right" */
  labelChecks(): string[];
  /** a record goes into the stores, with what did not come back as it was saved (`notice`); `live` absent: the defaults */
  apply(record: {
    classes: ProjectClass[];
    settings: TrainSettings;
    backboneId: string;
    live?: LiveChoices;
    freezeChoices?: Record<string, FreezeChoice>;
    reviewMarks?: Record<string, ReviewMark>;
    labelChecks?: string[];
    notice: string | null;
  }): void;
  /** the pending undos: their stored descriptions, and the image files they hold */
  savedUndos(): unknown;
  heldImageIds(): Set<string>;
  /** whether a drop or a picked folder is being added (the autosave waits for its end) */
  adding(): boolean;
  /** calls `changed` on every change a record or an undo holds and once an adding ends, `ran` with the run history; returns the unsubscribe */
  watch(changed: () => void, ran: (runs: RunRecord[]) => void): () => void;
}

export const persistContext = storeContext<PersistContext>('persist');
const stores = persistContext.get;

/** The current page state as a record (image bytes are stored separately). */
export function currentRecord(): ProjectRecord {
  return {
    version: 1,
    classes: stores()
      .classes()
      .map((c) => ({
        id: c.id,
        name: c.name,
        images: c.images.map((im) => ({ id: im.id, name: im.file.name, type: im.file.type })),
      })),
    settings: stores().settings(),
    backboneId: stores().backboneId(),
    live: stores().live(),
    ...freezeChoicesOf(stores().freezeChoices()),
    ...reviewMarksOf(stores().reviewMarks()),
    ...labelChecksOf(stores().labelChecks()),
    savedAt: new Date().toISOString(),
  };
}

/**
 * The marks of images still in the project or held by an undo (a deleted one comes back with its
 * mark): a reload kept the results and lost the marks that said they were from before the edits.
 */
function reviewMarksOf(marks: Record<string, ReviewMark>) {
  const ids = Object.keys(marks);
  if (!ids.length) return {};
  const kept = keptImageIds();
  const reviewMarks = Object.fromEntries(ids.filter((id) => kept.has(id)).map((id) => [id, marks[id]]));
  return Object.keys(reviewMarks).length ? { reviewMarks } : {};
}

/** the "Label is right" marks of images the project (or an undo) still holds */
function labelChecksOf(ids: string[]) {
  if (!ids.length) return {};
  const kept = keptImageIds();
  const labelChecks = ids.filter((id) => kept.has(id));
  return labelChecks.length ? { labelChecks } : {};
}

const keptImageIds = () =>
  new Set([
    ...stores().heldImageIds(),
    ...stores()
      .classes()
      .flatMap((c) => c.images.map((i) => i.id)),
  ]);

const freezeChoicesOf = (choices: Record<string, FreezeChoice>) =>
  Object.keys(choices).length ? { freezeChoices: choices } : {};

/** Puts a record and its image files into the stores (restore and project import share this). */
export function applyRecord(record: ProjectRecord, fileOf: (imageId: string) => File | undefined): { missing: number } {
  let missing = 0;
  const classes: ProjectClass[] = record.classes.map((c) => ({
    id: c.id,
    name: c.name,
    images: c.images.flatMap((im) => {
      const file = fileOf(im.id);
      if (!file) {
        missing++;
        return [];
      }
      return [projectImage(im.id, file)];
    }),
  }));
  const notes: string[] = [];
  let backboneId = record.backboneId;
  try {
    getBackboneSpec(backboneId);
  } catch {
    backboneId = DEFAULT_BACKBONE_ID;
    notes.push(
      `It was made with the backbone "${record.backboneId}", which this browser does not have: it uses ${getBackboneSpec(backboneId).name} (bring the other backbone's files in the Model step to use it).`,
    );
  }
  if (record.settingsReset?.length)
    notes.push(`Saved settings that were not valid went back to their defaults: ${record.settingsReset.join(', ')}.`);
  stores().apply({
    classes,
    settings: record.settings,
    backboneId,
    live: record.live,
    freezeChoices: record.freezeChoices,
    reviewMarks: record.reviewMarks,
    labelChecks: record.labelChecks,
    notice: notes.length ? notes.join(' ') : null,
  });
  return { missing };
}
