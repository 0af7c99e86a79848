// The automatic head recipe's candidates and what it reports, free of TF.js so the page can show them.

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
}

/** A head shape tried by cross-validation; its epochs are read off one run's history. */
export type RecipeShape = Omit<HeadRecipe, 'epochs'>;

/**
 * The candidates (issue #18): linear vs a hidden layer, two L2 strengths, augmented views on/off,
 * all on standardised features (raw features trained worse under Adam 1e-3 in the sweep; docs/accuracy.md).
 */
export const RECIPE_SHAPES: readonly RecipeShape[] = Object.freeze([
  { hiddenUnits: 0, dropout: 0, weightDecay: 1e-4, standardise: true, views: true },
  { hiddenUnits: 0, dropout: 0, weightDecay: 1e-3, standardise: true, views: true },
  { hiddenUnits: 512, dropout: 0.5, weightDecay: 1e-4, standardise: true, views: true },
  { hiddenUnits: 0, dropout: 0, weightDecay: 1e-4, standardise: true, views: false },
]);
export const RECIPE_EPOCHS: readonly number[] = Object.freeze([10, 20, 30]);
export const RECIPE_FOLDS = 3;

export function describeRecipe(r: RecipeShape & { epochs?: number }): string {
  const head = r.hiddenUnits > 0 ? `hidden ${r.hiddenUnits}, dropout ${r.dropout}` : 'linear';
  const parts = [head, `L2 ${r.weightDecay}`, r.standardise ? 'standardised' : 'raw features', r.views ? 'augmented views' : 'plain images'];
  return r.epochs ? [...parts, `${r.epochs} epochs`].join(', ') : parts.join(', ');
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

