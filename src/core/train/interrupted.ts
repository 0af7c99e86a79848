import { findBackboneSpec } from '../backbones/registry';
import type { Checkpoint } from './epochs';
import type { RecipeChoice } from './recipe-shape';
import type { TrainSettings } from './settings';
import { SPLIT_VERSION } from '../data/train-val';

/**
 * A head-only run's checkpoint with the epochs its training runs: the automatic recipe chooses
 * them (25, 50 or 100), so the settings' field does not say. Checkpoints kept before this have none.
 * Under the automatic recipe it holds the recipe too: a resumed run continues the weights under the
 * recipe they were trained with, where choosing again (on another backend, say) could pick another.
 * Checkpoints kept before that have none, and their run chooses again.
 */
export type PlannedCheckpoint = Checkpoint & { epochsPlanned?: number; recipe?: RecipeChoice };

export const withPlan = (c: Checkpoint, epochsPlanned: number, recipe?: RecipeChoice | null): PlannedCheckpoint => ({
  ...c,
  epochsPlanned,
  ...(recipe && { recipe }),
});

/** The recipe a resumed checkpoint was trained under (none: chosen again). */
export const recipeOf = (c: Checkpoint | undefined): RecipeChoice | null => {
  const recipe = (c as PlannedCheckpoint | undefined)?.recipe;
  return recipe?.chosen ? recipe : null;
};

/**
 * A run cut short (the tab reloaded or closed mid-training): its last saved checkpoint and
 * everything that must still hold for training to continue from it. The split, the augmented
 * views and the head's shape all follow from images, labels, settings and backbone, so a
 * resumed run only continues the same run when those are unchanged.
 */
export interface InterruptedRun {
  checkpoint: PlannedCheckpoint;
  settings: TrainSettings;
  classes: string[];
  images: { id: string; label: number }[];
  backboneId: string;
  savedAt: string;
  /** the split it was trained on (SPLIT_VERSION); absent: drawn by position, before version 2 */
  split?: number;
  /** the backbone's feature count its head takes; absent: kept before the built-in backbones joined an earlier map */
  features?: number;
}

/** The epochs `run` was to train ("cut short after epoch 12 of 50"). */
export const plannedEpochs = (run: InterruptedRun): number => run.checkpoint.epochsPlanned ?? run.settings.epochs;

/** A run cut short under another split than today's: no project change makes it resumable. */
export const splitOutdated = (run: InterruptedRun): boolean => (run.split ?? 1) !== SPLIT_VERSION;

/**
 * A run whose head takes fewer features than its backbone gives now (the built-in backbones joined
 * an earlier map beside the feature layer's, backbones/backbone.ts MID_POOL): its weights fit no head
 * of today's, so no project change makes it resumable either.
 */
export function featuresOutdated(run: InterruptedRun): boolean {
  const spec = findBackboneSpec(run.backboneId);
  if (!spec) return false;
  return run.features === undefined ? !!spec.poolAlso : run.features !== spec.featureSize;
}

/** Why no change to the project can make `run` resumable, in words after "by an earlier version of the studio, which"; null: one may. */
export function outdatedBy(run: InterruptedRun): string | null {
  if (splitOutdated(run)) return 'divided training and validation images differently';
  if (featuresOutdated(run)) return 'read fewer features from the backbone';
  return null;
}

/** Why the current project cannot continue `run` (null: it can). */
export function resumeProblem(
  run: InterruptedRun,
  now: { classes: string[]; images: { id: string; label: number }[]; backboneId: string | null },
): string | null {
  // by the picker's name: a brought backbone's id is a long "custom-…" string
  const outdated = outdatedBy(run);
  if (outdated) return `It was saved by an earlier version of the studio, which ${outdated}: train a new run instead.`;
  if (now.backboneId !== run.backboneId)
    return `It was trained on ${findBackboneSpec(run.backboneId)?.name ?? run.backboneId}: load that backbone to resume.`;
  if (now.classes.length !== run.classes.length || now.classes.some((c, i) => c !== run.classes[i])) {
    return 'The classes changed since (added, removed or renamed): train a new run instead.';
  }
  if (now.images.length !== run.images.length) {
    return `The project has ${now.images.length} images now and had ${run.images.length}: train a new run instead.`;
  }
  const then = new Map(run.images.map((i) => [i.id, i.label]));
  const moved = now.images.filter((i) => then.get(i.id) !== i.label).length;
  if (moved)
    return `${moved} image${moved > 1 ? 's were' : ' was'} added, removed or moved since: train a new run instead.`;
  return null;
}

/**
 * The project's images in the order the interrupted run had them (resumeProblem has checked they
 * are the same ones with the same labels): the split tells a name repeated within a class apart by
 * its place, so two such images, one moved to another class and back, would otherwise swap sides.
 */
export function inRunOrder<T extends { id: string }>(run: InterruptedRun, images: readonly T[]): T[] {
  const byId = new Map(images.map((i) => [i.id, i]));
  const ordered = run.images.flatMap((i) => byId.get(i.id) ?? []);
  return ordered.length === images.length ? ordered : [...images];
}
