import * as tf from '@tensorflow/tfjs';
import { stratifiedFolds } from '../data/split';
import { buildHead } from './head';
import { featureStats, standardise } from './standardise';
import { trainHead } from './trainer';
import { gatherRows, type ImageRows } from './rows';
import { augmentViewsFor, type TrainSettings } from './settings';
import { RECIPE_EPOCHS, RECIPE_FOLDS, RECIPE_SHAPES, type CvRow, type HeadRecipe, type RecipeChoice, type RecipeShape } from './recipe-shape';

export * from './recipe-shape';

/** The training images' rows (plain and cached views) and how many classes there are. */
export interface RecipeData extends ImageRows {
  numClasses: number;
}

/** The settings a recipe trains with (the base settings' optimizer, batch size and seed). */
export function applyRecipe(base: TrainSettings, r: HeadRecipe): TrainSettings {
  return {
    ...base,
    hiddenUnits: r.hiddenUnits,
    dropout: r.dropout,
    weightDecay: r.weightDecay,
    epochs: r.epochs,
    featureNorm: r.standardise ? 'standardise' : 'none',
    augmentViews: r.views ? augmentViewsFor(base) : 0,
  };
}

/**
 * Chooses the head recipe by stratified k-fold cross-validation on the training images alone
 * (the validation split is never seen). Each shape trains once per fold for the longest epoch
 * count; with a constant learning rate the shorter counts are the same run's earlier epochs, so
 * epochs cost nothing extra to choose. Highest mean fold accuracy wins, lower loss breaks ties.
 */
export async function chooseRecipe(
  data: RecipeData,
  base: TrainSettings,
  opts: { folds?: number; shapes?: readonly RecipeShape[]; epochs?: readonly number[]; shouldStop?: () => boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<RecipeChoice> {
  const started = performance.now();
  const k = opts.folds ?? RECIPE_FOLDS;
  const shapes = opts.shapes ?? RECIPE_SHAPES;
  const epochOptions = [...(opts.epochs ?? RECIPE_EPOCHS)].sort((a, b) => a - b);
  const maxEpochs = epochOptions[epochOptions.length - 1];
  const fold = stratifiedFolds(Array.from(data.labels), k, base.seed + 101);
  const sums = shapes.map(() => epochOptions.map(() => ({ accuracy: 0, loss: 0 })));
  const total = k * shapes.length;
  let done = 0;
  for (let f = 0; f < k; f++) {
    const trainIdx = [...fold.keys()].filter((i) => fold[i] !== f);
    const valIdx = [...fold.keys()].filter((i) => fold[i] === f);
    for (const [s, shape] of shapes.entries()) {
      const train = gatherRows(data, trainIdx, shape.views ? data.views.length : 0);
      const val = gatherRows(data, valIdx);
      let x = train.x;
      let xVal = val.x;
      if (shape.standardise) {
        const stats = await featureStats(train.x);
        [x, xVal] = [standardise(train.x, stats), standardise(val.x, stats)];
        tf.dispose([train.x, val.x]);
      }
      const head = buildHead(data.featureSize, data.numClasses, shape.hiddenUnits, shape.dropout, base.seed);
      try {
        const settings: TrainSettings = { ...base, ...shape, epochs: maxEpochs, earlyStopPatience: 0, lrSchedule: 'constant' };
        const run = await trainHead(
          head,
          { x, labels: train.labels, views: train.views, xVal, valLabels: val.labels, numClasses: data.numClasses },
          settings,
          { shouldStop: opts.shouldStop },
        );
        if (run.stopped) throw new Error('stopped');
        epochOptions.forEach((e, j) => {
          const m = run.history[e - 1];
          sums[s][j].accuracy += m.valAccuracy / k;
          sums[s][j].loss += m.valLoss / k;
        });
      } finally {
        head.dispose();
        tf.dispose([x, xVal]);
      }
      opts.onProgress?.(++done, total);
    }
  }
  const table: CvRow[] = shapes.flatMap((shape, s) => epochOptions.map((epochs, j) => ({ recipe: { ...shape, epochs }, ...sums[s][j] })));
  table.sort((a, b) => b.accuracy - a.accuracy || a.loss - b.loss);
  return { chosen: table[0].recipe, table, folds: k, seconds: (performance.now() - started) / 1000 };
}
