// A sweep row that lets the automatic recipe's cross-validation weigh hidden-layer heads too:
// the linear candidates are scored by chooseRecipe as the studio does, each hidden-layer shape by
// fitHead on the same folds (its held-out accuracy read off the history at every epoch option),
// and the best mean fold accuracy (lower loss on ties, linear first) is trained on the whole
// training split. Measures whether hidden layers and dropout earn a place among the candidates.
import { stratifiedFolds } from '../../src/core/data/split';
import { fitHead } from '../../src/core/train/fit';
import { buildHead } from '../../src/core/train/head';
import {
  applyRecipe,
  chooseRecipe,
  RECIPE_EPOCHS,
  RECIPE_FOLDS,
  type HeadRecipe,
  type RecipeShape,
} from '../../src/core/train/recipe';
import type { ImageRows } from '../../src/core/train/rows';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/core/train/settings';
import { caseHead, type Case, type CaseResult, type SweepRecipe } from './case';
import { GRID_TO_01 } from './grids';

const subset = (rows: ImageRows, idx: readonly number[]): ImageRows => {
  const d = rows.featureSize;
  const take = (src: Float32Array) => {
    const out = new Float32Array(idx.length * d);
    idx.forEach((i, j) => out.set(src.subarray(i * d, (i + 1) * d), j * d));
    return out;
  };
  return {
    plain: take(rows.plain),
    views: rows.views.map(take),
    labels: Int32Array.from(idx, (i) => rows.labels[i]),
    featureSize: d,
  };
};

async function hiddenCvCase(c: Case, hidden: readonly RecipeShape[]): Promise<CaseResult> {
  const base: TrainSettings = { ...DEFAULT_SETTINGS, recipe: 'auto', seed: c.seed };
  let chosen: HeadRecipe | undefined;
  // caseHead with a fixed recipe: `pick` runs inside, on the case's training rows
  const { fit } = await caseHead(c, base, {}, undefined, async (train, numClasses) => {
    const linear = await chooseRecipe({ ...train, numClasses }, base, { shapes: GRID_TO_01 });
    let best = { recipe: linear.chosen, accuracy: linear.table[0].accuracy, loss: linear.table[0].loss };
    const fold = stratifiedFolds(Array.from(train.labels), RECIPE_FOLDS, base.seed + 101);
    const epochs = [...RECIPE_EPOCHS].sort((a, b) => a - b);
    for (const shape of hidden) {
      const sums = epochs.map(() => ({ accuracy: 0, loss: 0 }));
      for (let f = 0; f < RECIPE_FOLDS; f++) {
        const fitIdx = [...fold.keys()].filter((i) => fold[i] !== f);
        const held = subset(
          train,
          [...fold.keys()].filter((i) => fold[i] === f),
        );
        const tr = subset(train, fitIdx);
        const s = applyRecipe(base, { ...shape, epochs: epochs[epochs.length - 1] });
        const r = await fitHead({
          train: tr,
          val: { plain: held.plain, labels: held.labels },
          numClasses,
          settings: s,
          newHead: () => buildHead(tr.featureSize, numClasses, shape.hiddenUnits, shape.dropout, s.seed),
        });
        r.head.dispose();
        epochs.forEach((e, j) => {
          sums[j].accuracy += r.loop.history[e - 1].valAccuracy / RECIPE_FOLDS;
          sums[j].loss += r.loop.history[e - 1].valLoss / RECIPE_FOLDS;
        });
      }
      epochs.forEach((e, j) => {
        const { accuracy, loss } = sums[j];
        if (accuracy > best.accuracy || (accuracy === best.accuracy && loss < best.loss))
          best = { recipe: { ...shape, epochs: e }, accuracy, loss };
      });
    }
    chosen = best.recipe;
    return applyRecipe(base, best.recipe);
  });
  const accuracy = fit.evaluation.accuracy;
  fit.head.dispose();
  return { accuracy, chose: JSON.stringify(chosen) };
}

const shape = (hiddenUnits: number, dropout: number, weightDecay: number): RecipeShape => ({
  hiddenUnits,
  dropout,
  weightDecay,
  standardise: true,
  views: true,
});
export const HIDDEN_CANDIDATES = [shape(100, 0, 1e-3), shape(256, 0.5, 1e-3)];

export const hiddenCv = (name: string, hidden: readonly RecipeShape[] = HIDDEN_CANDIDATES): SweepRecipe => ({
  name,
  // 'RECIPE_SHAPES' named the grid these rows were measured with, GRID_TO_01 today
  spec: { hiddenCv: hidden, linear: 'RECIPE_SHAPES' },
  run: (c) => hiddenCvCase(c, hidden),
});
