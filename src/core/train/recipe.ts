import * as tf from '@tensorflow/tfjs';
import { stratifiedFolds } from '../data/split';
import { StoppedError } from '../features/extract';
import { createRng, shuffled } from '../random';
import { yieldToEventLoop } from '../yield';
import { featureStats, standardise } from './standardise';
import { bestTemperature, lossAtTemperatures, priorWeight, spreadAtTemperatures, TEMPERATURES } from './temperature';
import { classWeights } from './step';
import { gatherRows, takeColumns, takeRows, type ImageRows } from './rows';
import { type TrainSettings } from './settings';
import {
  applyRecipe,
  RECIPE_EPOCHS,
  RECIPE_FOLDS,
  RECIPE_SHAPES,
  type CvRow,
  type RecipeChoice,
  type RecipeShape,
} from './recipe-shape';

export * from './recipe-shape';

/** The training images' rows (plain and cached views) and how many classes there are. */
export interface RecipeData extends ImageRows {
  numClasses: number;
}

/** where TEMPERATURES holds 1: the logits as the head gives them */
const UNSCALED = TEMPERATURES.indexOf(1);

/** a candidate's held-out accuracy and loss, and its loss at each of TEMPERATURES */
type Score = { accuracy: number; loss: number; lossAt: number[]; spreadAt: number[] };

/**
 * Trains linear softmax heads for every shape of `group` (same feature treatment and views,
 * different L2) at once as one wide weight matrix: the loss is the sum of each head's own loss,
 * so each head gets exactly the gradient (and, under Adam, the update) it would get alone. Each
 * epoch mirrors trainHead (same shuffle and view draws, batches, class weights, L2), so a
 * candidate's score is the score of the run applyRecipe would make. Returns [shape][epoch option].
 */
async function crossValidateFold(
  fit: { x: tf.Tensor2D; labels: Int32Array; views?: number[][] },
  held: { x: tf.Tensor2D; labels: Int32Array },
  group: readonly RecipeShape[],
  settings: TrainSettings,
  numClasses: number,
  epochOptions: readonly number[],
  shouldStop?: () => boolean,
): Promise<Score[][]> {
  const n = fit.labels.length;
  const d = fit.x.shape[1];
  const m = group.length;
  const c = numClasses;
  const xData = (await fit.x.data()) as Float32Array;
  const rng = createRng(settings.seed + 17);
  // buildHead's linear head starts from glorot-uniform(seed + 1): every candidate starts there too
  const w0 = tf.tidy(() =>
    tf.tile(tf.initializers.glorotUniform({ seed: settings.seed + 1 }).apply([d, c]) as tf.Tensor2D, [1, m]),
  );
  const w = tf.variable(w0);
  const b = tf.tidy(() => tf.variable(tf.zeros([m * c])));
  w0.dispose();
  const decayCols = tf.tensor1d(group.flatMap((g) => new Array<number>(c).fill(g.weightDecay)));
  const classWeight = settings.classWeights ? classWeights(fit.labels, c) : new Array<number>(c).fill(1);
  const optimizer = tf.train.adam(settings.learningRate);
  /**
   * each head's rows answered right [m], mean held-out loss at each temperature [m, T] (its loss as
   * trained is the column at temperature 1, not a second pass over the same logits) and the prior's
   * spread at each temperature [m, T]
   */
  const heldOut = (x: tf.Tensor2D, y: tf.Tensor1D) => {
    const logits = x.matMul(w).add(b).reshape([-1, m, c]) as tf.Tensor3D;
    return {
      right: logits
        .argMax(2)
        .equal(y.reshape([-1, 1]))
        .sum(0),
      lossAt: lossAtTemperatures(logits, y),
      spreadAt: spreadAtTemperatures(logits),
    };
  };
  const scores: Score[][] = group.map(() => []);
  try {
    const batches = Math.ceil(n / settings.batchSize);
    for (let epoch = 1; epoch <= epochOptions[epochOptions.length - 1]; epoch++) {
      await yieldToEventLoop();
      if (shouldStop?.()) throw new StoppedError();
      const order = shuffled(
        Array.from({ length: n }, (_, i) => i),
        rng,
      );
      const rows = fit.views ? order.map((i) => fit.views![i][Math.floor(rng() * fit.views![i].length)]) : order;
      for (let k = 0; k < batches; k++) {
        const idx = order.slice(k * settings.batchSize, (k + 1) * settings.batchSize);
        const batch = rows.slice(k * settings.batchSize, (k + 1) * settings.batchSize);
        tf.tidy(() => {
          const yb = tf.tensor1d(
            idx.map((i) => fit.labels[i]),
            'int32',
          );
          const sw = tf.tensor1d(idx.map((i) => classWeight[fit.labels[i]]));
          // The gradient of Σ_heads (weighted mean cross-entropy + L2·|W_h|²), written out: the
          // autodiff of x·W needs xᵀ·g with transposeA, which the wasm backend runs 10-20× slower
          // than the same product on a transposed copy (micro-benchmark in docs/accuracy.md).
          const p = tf.softmax(takeRows(xData, d, batch).matMul(w).add(b).reshape([-1, m, c]));
          const g = p
            .sub(tf.oneHot(yb, c).reshape([-1, 1, c]))
            .mul(sw.div(sw.sum()).reshape([-1, 1, 1]))
            .reshape([-1, m * c]);
          const gw = takeColumns(xData, d, batch).matMul(g).add(w.mul(decayCols).mul(2));
          optimizer.applyGradients([
            { name: w.name, tensor: gw },
            { name: b.name, tensor: g.sum(0) },
          ]);
        });
      }
      if (!epochOptions.includes(epoch)) continue;
      const out = tf.tidy(() => {
        const { right, lossAt, spreadAt } = heldOut(held.x, tf.tensor1d(held.labels, 'int32'));
        return [right, lossAt, spreadAt];
      });
      const [right, lossAt, spreadAt] = await Promise.all(out.map((o) => o.data()));
      tf.dispose(out);
      const t = lossAt.length / m;
      group.forEach((_, s) => {
        const atT = Array.from(lossAt.subarray(s * t, (s + 1) * t));
        const spread = Array.from(spreadAt.subarray(s * t, (s + 1) * t));
        scores[s].push({ accuracy: right[s] / held.labels.length, loss: atT[UNSCALED], lossAt: atT, spreadAt: spread });
      });
    }
    return scores;
  } finally {
    optimizer.dispose();
    tf.dispose([w, b, decayCols]);
  }
}

/**
 * Chooses the head recipe by stratified k-fold cross-validation on the training images alone
 * (the validation split is never seen). Per fold, all candidates sharing a feature treatment
 * train together (crossValidateFold) for the longest epoch count; with a constant learning
 * rate the shorter counts are the same run's earlier epochs, so they cost nothing extra.
 * Highest mean fold accuracy wins, lower loss breaks ties, and among equals the first listed
 * (weaker L2 first, so stronger L2 has to earn its place).
 */
export async function chooseRecipe(
  data: RecipeData,
  base: TrainSettings,
  opts: {
    folds?: number;
    shapes?: readonly RecipeShape[];
    epochs?: readonly number[];
    shouldStop?: () => boolean;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<RecipeChoice> {
  const started = performance.now();
  // never more folds than images: an empty fold scored 0/0 and every candidate read NaN (2 classes × 2 images)
  const k = Math.max(2, Math.min(opts.folds ?? RECIPE_FOLDS, data.labels.length));
  const shapes = opts.shapes ?? RECIPE_SHAPES;
  if (shapes.some((s) => s.hiddenUnits > 0)) throw new Error('The automatic recipe cross-validates linear heads only');
  const epochOptions = [...(opts.epochs ?? RECIPE_EPOCHS)].sort((a, b) => a - b);
  const fold = stratifiedFolds(Array.from(data.labels), k, base.seed + 101, data.groups, data.order);
  const groups = [...new Set(shapes.map((s) => `${s.standardise}|${s.views}`))].map((key) =>
    shapes.filter((s) => `${s.standardise}|${s.views}` === key),
  );
  const sums = new Map(
    shapes.map((s) => [
      s,
      epochOptions.map(() => ({ accuracy: 0, loss: 0, lossAt: [] as number[], spreadAt: [] as number[] })),
    ]),
  );
  const total = k * groups.length;
  let done = 0;
  for (let f = 0; f < k; f++) {
    const trainIdx = [...fold.keys()].filter((i) => fold[i] !== f);
    const valIdx = [...fold.keys()].filter((i) => fold[i] === f);
    for (const group of groups) {
      const { standardise: std, views } = group[0];
      const train = gatherRows(data, trainIdx, views ? data.views.length : 0);
      const val = gatherRows(data, valIdx);
      let [x, xVal] = [train.x, val.x];
      try {
        if (std) {
          const stats = await featureStats(train.x);
          [x, xVal] = [standardise(train.x, stats), standardise(val.x, stats)];
        }
        const settings = applyRecipe(base, { ...group[0], epochs: 1 });
        const scores = await crossValidateFold(
          { x, labels: train.labels, views: train.views },
          { x: xVal, labels: val.labels },
          group,
          settings,
          data.numClasses,
          epochOptions,
          opts.shouldStop,
        );
        group.forEach((shape, s) =>
          scores[s].forEach((score, j) => {
            const sum = sums.get(shape)![j];
            sum.accuracy += score.accuracy / k;
            sum.loss += score.loss / k;
            score.lossAt.forEach((l, i) => (sum.lossAt[i] = (sum.lossAt[i] ?? 0) + l / k));
            score.spreadAt.forEach((l, i) => (sum.spreadAt[i] = (sum.spreadAt[i] ?? 0) + l / k));
          }),
        );
      } finally {
        tf.dispose([...new Set([train.x, val.x, x, xVal])]);
      }
      opts.onProgress?.(++done, total);
    }
  }
  // with no cached views every candidate trained on the plain images alone, whatever its shape
  // asked for: the report and the model card must not say "augmented views"
  const views = data.views.length > 0;
  const lossAt = new Map<CvRow, { lossAt: number[]; spreadAt: number[] }>();
  const table: CvRow[] = shapes.flatMap((shape) =>
    epochOptions.map((epochs, j) => {
      const { accuracy, loss, ...atT } = sums.get(shape)![j];
      const row = { recipe: { ...shape, views: shape.views && views, epochs }, accuracy, loss };
      lossAt.set(row, atT);
      return row;
    }),
  );
  // stable sort: equal rows keep the listed order
  table.sort((a, b) => b.accuracy - a.accuracy || a.loss - b.loss);
  // the winner's probabilities as its held-out folds bear them out (temperature.ts)
  // (every training row was held out once), no surer than that many rows can show
  const won = lossAt.get(table[0])!;
  const temperature = bestTemperature(won.lossAt, {
    spread: won.spreadAt,
    weight: priorWeight(data.labels.length),
  });
  const chosen = { ...table[0].recipe, temperature };
  return { chosen, table, folds: k, seconds: (performance.now() - started) / 1000 };
}
