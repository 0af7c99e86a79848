import { AUTO_BATCH, AUTO_LR, RECIPE_EPOCHS, RECIPE_SHAPES } from '../core/train/recipe-shape';
import type { RECIPE_CHOSEN } from '../core/train/settings';
import type { TrainSummary } from '../worker/protocol';

/** The fields the automatic head recipe sets itself that the form shows as values (feature normalisation is a select of its own). */
export type DecidedKey = Exclude<(typeof RECIPE_CHOSEN)[number], 'featureNorm'>;

export interface RecipeDecided {
  /** one short value per field, as it reads in the field's place */
  values: Record<DecidedKey, string>;
  /** the values are what a run used, not the recipe's plan */
  fromRun: boolean;
}

const choices = (xs: readonly number[]) =>
  xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}` : `${xs[0]}`;
const range = (xs: readonly number[]) => {
  const sorted = [...new Set(xs)].sort((a, b) => a - b);
  return sorted.length > 1 ? `${sorted[0]} to ${sorted.at(-1)}` : `${sorted[0]}`;
};
const units = (n: string) => (n === '0' ? '0 (linear head)' : n);

/**
 * What the automatic recipe sets each field it decides to, a value short enough for the field's
 * own place: before a run its plan (the candidates cross-validation picks from, the values it
 * fixes); once the run shown chose, what that run trained with. A user met eight empty boxes
 * saying "auto" and read the form as broken. A result kept before `trainedWith` was recorded has
 * the recipe's choice alone: the rest is what the recipe always fixes.
 */
export function recipeDecided(
  result: Pick<TrainSummary, 'recipe' | 'trainedWith' | 'images'> | null | undefined,
): RecipeDecided {
  const chosen = result?.recipe?.chosen;
  if (!chosen)
    return {
      fromRun: false,
      values: {
        epochs: choices(RECIPE_EPOCHS),
        learningRate: `${AUTO_LR}`,
        batchSize: `all (up to ${AUTO_BATCH})`,
        hiddenUnits: units(range(RECIPE_SHAPES.map((r) => r.hiddenUnits))),
        dropout: range(RECIPE_SHAPES.map((r) => r.dropout)),
        weightDecay: range(RECIPE_SHAPES.map((r) => r.weightDecay)),
        lrSchedule: 'constant',
        earlyStopPatience: 'off',
      },
    };
  const used = result.trainedWith;
  const batch = used?.batchSize ?? AUTO_BATCH;
  const patience = used?.earlyStopPatience ?? 0;
  return {
    fromRun: true,
    values: {
      epochs: `${chosen.epochs}`,
      learningRate: `${used?.learningRate ?? AUTO_LR}`,
      // a batch holds at most the training images
      batchSize: batch >= result.images.train ? `${result.images.train} (all)` : `${batch}`,
      hiddenUnits: units(`${chosen.hiddenUnits}`),
      dropout: `${chosen.dropout}`,
      weightDecay: `${chosen.weightDecay}`,
      lrSchedule: used?.lrSchedule ?? 'constant',
      earlyStopPatience: patience > 0 ? `${patience}` : 'off',
    },
  };
}
