// The automatic head recipe's candidates and what it reports, free of TF.js so the page can show them.
import { augmentViewsFor, DEFAULT_SETTINGS, RECIPE_CHOSEN, resolveSettings, type TrainSettings } from './settings';

/** What the automatic recipe decides about the head; everything else comes from the settings. */
export interface HeadRecipe {
  hiddenUnits: number;
  dropout: number;
  weightDecay: number;
  /** standardise each feature with the training rows' mean and deviation (folded into the head afterwards) */
  standardise: boolean;
  /** train on the cached augmented views too (one random view per image and epoch) */
  views: boolean;
  epochs: number;
  /**
   * what the head's logits are divided by, fitted on the cross-validation folds and folded into
   * the delivered head (temperature.ts); absent: 1 (a choice kept before it was fitted)
   */
  temperature?: number;
}

/** A head shape tried by cross-validation; its epochs are read off one run's history. */
export type RecipeShape = Omit<HeadRecipe, 'epochs' | 'temperature'>;

/**
 * The automatic recipe trains a linear softmax head on standardised features, full batch (every
 * training image once per epoch, one random augmented view each) with Adam at AUTO_LR: on
 * standardised features that is a convex problem a few dozen full-batch steps nearly solve, so
 * cross-validation can train every candidate of a fold at once in seconds (recipe.ts). What it
 * chooses is the L2 strength and the epoch count; hidden layers lost to it on the suite and
 * cost most of the time (docs/accuracy.md).
 */
export const AUTO_LR = 0.01;
/** Batch size of the automatic recipe: the whole training split for up to this many images. */
export const AUTO_BATCH = 1024;

/** The settings a recipe trains with (the base settings' class weighting and seed). */
export function applyRecipe(base: TrainSettings, r: HeadRecipe): TrainSettings {
  return {
    ...base,
    hiddenUnits: r.hiddenUnits,
    dropout: r.dropout,
    weightDecay: r.weightDecay,
    epochs: r.epochs,
    learningRate: AUTO_LR,
    batchSize: AUTO_BATCH,
    lrSchedule: 'constant',
    earlyStopPatience: 0,
    featureNorm: r.standardise ? 'standardise' : 'none',
    augmentViews: r.views ? augmentViewsFor(base) : 0,
  };
}

/**
 * What a switch from the automatic recipe to the manual one fills in from the automatic recipe's
 * choice for the run shown: the manual defaults (a hidden layer of 512, dropout 0.5, lr 0.001) threw
 * away a linear head at lr 0.01 that had just done well. A field typed before (not at its default)
 * keeps what was typed; the views are a field of both recipes, left as they are.
 */
export function carriedByHand(s: TrainSettings, chosen: HeadRecipe): Partial<TrainSettings> {
  const applied = applyRecipe(s, chosen);
  const patch: Partial<TrainSettings> = {};
  for (const key of RECIPE_CHOSEN)
    if (s[key] === undefined || s[key] === DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS])
      Object.assign(patch, { [key]: applied[key] });
  return patch;
}

/**
 * L2 up to 1: with the earlier map's 128-192 features joined (backbones/backbone.ts) the wider grid
 * scored 90.4 on the suite against 90.1 for the grid that stopped at 0.1 (docs/accuracy.md).
 */
export const RECIPE_SHAPES: readonly RecipeShape[] = Object.freeze(
  [1e-3, 1e-2, 3e-2, 1e-1, 0.3, 1].map((weightDecay) => ({
    hiddenUnits: 0,
    dropout: 0,
    weightDecay,
    standardise: true,
    views: true,
  })),
);
export const RECIPE_EPOCHS: readonly number[] = Object.freeze([25, 50, 100]);
export const RECIPE_FOLDS = 3;

export function describeRecipe(r: RecipeShape & { epochs?: number }): string {
  const head = r.hiddenUnits > 0 ? `hidden ${r.hiddenUnits}, dropout ${r.dropout}` : 'linear';
  const parts = [
    head,
    `L2 ${r.weightDecay}`,
    r.standardise ? 'standardised' : 'raw features',
    r.views ? 'augmented views' : 'plain images',
  ];
  return r.epochs ? [...parts, `${r.epochs} epochs`].join(', ') : parts.join(', ');
}

/** The settings form's line under the automatic recipe: with views off it trains on the plain images alone. */
export function autoRecipeHint(settings: TrainSettings): string {
  const rows =
    augmentViewsFor(settings) > 0
      ? 'the training images and their augmented views'
      : 'the plain training images (augmented views are off)';
  // what it does for the person first; the method's name after, and that the validation images play
  // no part (the head's shape, linear on standardised features, is in the recipe's table below it)
  return `picks the settings for you: each candidate is tried on ${RECIPE_FOLDS} slices of ${rows}, and the best kept (${RECIPE_FOLDS}-fold cross-validation; the validation images play no part)`;
}

export interface CvRow {
  recipe: HeadRecipe;
  /** mean accuracy over the held-out folds */
  accuracy: number;
  /** mean held-out loss, the tie-break */
  loss: number;
}

export interface RecipeChoice {
  chosen: HeadRecipe;
  /** every candidate, best first */
  table: CvRow[];
  folds: number;
  seconds: number;
}

/**
 * Hidden units of the head a run with these settings trains: the automatic recipe's, whose
 * candidates share one head shape, else the settings' own.
 */
export function plannedHiddenUnits(settings: TrainSettings): number {
  const shapes = new Set(RECIPE_SHAPES.map((r) => r.hiddenUnits));
  return resolveSettings(settings).recipe === 'auto' && shapes.size === 1
    ? RECIPE_SHAPES[0].hiddenUnits
    : settings.hiddenUnits;
}
