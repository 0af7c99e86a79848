// The recipes the sweep compares. Each takes one (dataset, backbone, seed) case, trains on its
// training split only and returns the validation accuracy of the head it would deliver.
import * as tf from '@tensorflow/tfjs';
import { stratifiedSplit } from '../../src/core/data/split';
import { fitHead } from '../../src/core/train/fit';
import { buildHead } from '../../src/core/train/head';
import { applyRecipe, chooseRecipe, RECIPE_EPOCHS, RECIPE_SHAPES, type RecipeShape } from '../../src/core/train/recipe';
import type { ImageRows } from '../../src/core/train/rows';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/core/train/settings';
import { argmaxRows } from '../../src/core/train/metrics';
import type { Depth, Dump } from './feature-dump';

export interface Case {
  dump: Dump;
  seed: number;
}

export interface CaseResult {
  accuracy: number;
  /**
   * accuracy of the same head on each validation image's pooled features averaged with its
   * mirror's (test-time augmentation as a model graph would do it: one head, averaged features)
   */
  tta?: number;
  /** what an automatic recipe chose, for the report */
  chose?: string;
}

export interface SweepRecipe {
  /** row label; also the result cache key together with `spec` */
  name: string;
  /** what defines the recipe (changing it invalidates cached results) */
  spec: unknown;
  run(c: Case): Promise<CaseResult>;
  /** a row read off another row's cells (its `tta` figure): trains nothing of its own */
  ttaOf?: number;
}

/** One dump's rows for images `idx`: the chosen depths concatenated, optionally L2-normalised. */
function rowsOf(dump: Dump, idx: readonly number[], depths: readonly Depth[], l2 = false): ImageRows {
  const size = depths.reduce((n, d) => n + dump.sizes[d], 0);
  const view = (v: number) => {
    const out = new Float32Array(idx.length * size);
    idx.forEach((i, j) => {
      let at = j * size;
      for (const d of depths) {
        const k = ['final', 'mid1', 'mid2'].indexOf(d);
        const s = dump.sizes[d];
        out.set(dump.rows[v][k].subarray(i * s, (i + 1) * s), at);
        at += s;
      }
      if (l2) {
        const row = out.subarray(j * size, (j + 1) * size);
        const norm = Math.hypot(...row) || 1;
        row.forEach((x, m) => (row[m] = x / norm));
      }
    });
    return out;
  };
  return {
    plain: view(0),
    views: [view(1), view(2)],
    labels: Int32Array.from(idx, (i) => dump.labels[i]),
    featureSize: size,
  };
}

interface Options {
  depths?: readonly Depth[];
  l2?: boolean;
  /** average the probabilities of each validation image and its mirror */
  tta?: boolean;
}

async function fitCase(
  c: Case,
  settings: TrainSettings,
  opts: Options,
  auto?: { shapes?: readonly RecipeShape[]; epochs?: readonly number[] },
): Promise<CaseResult> {
  const { dump, seed } = c;
  const split = stratifiedSplit(dump.labels, DEFAULT_SETTINGS.valSplit, seed);
  const depths = opts.depths ?? ['final'];
  const train = rowsOf(dump, split.train, depths, opts.l2);
  const val = rowsOf(dump, split.val, depths, opts.l2);
  const numClasses = dump.classes.length;
  let s = { ...settings, seed };
  let chose: string | undefined;
  if (auto) {
    const choice = await chooseRecipe({ ...train, numClasses }, s, { shapes: auto.shapes, epochs: auto.epochs });
    s = applyRecipe(s, choice.chosen);
    chose = `${JSON.stringify(choice.chosen)} cv ${choice.seconds.toFixed(1)} s`;
  }
  const fit = await fitHead({
    train,
    val: { plain: val.plain, labels: val.labels },
    numClasses,
    settings: s,
    newHead: () => buildHead(train.featureSize, numClasses, s.hiddenUnits, s.dropout, s.seed),
  });
  let accuracy = fit.evaluation.accuracy;
  const predict = async (probs: tf.Tensor) => {
    const pred = argmaxRows((await probs.data()) as Float32Array, numClasses);
    probs.dispose();
    return pred.filter((p, i) => p === val.labels[i]).length / val.labels.length;
  };
  const rowsTensor = (rows: Float32Array) => tf.tensor2d(rows, [val.labels.length, train.featureSize]);
  if (opts.tta) {
    accuracy = await predict(
      tf.tidy(() => {
        const p = (rows: Float32Array) => tf.softmax(fit.head.logits(rowsTensor(rows)));
        return p(val.plain).add(p(val.views[0]));
      }),
    );
  }
  const tta = await predict(
    tf.tidy(() => fit.head.logits(rowsTensor(val.plain).add(rowsTensor(val.views[0])).div(2) as tf.Tensor2D)),
  );
  fit.head.dispose();
  return { accuracy, tta, chose };
}

const manual = (name: string, over: Partial<TrainSettings>, opts: Options = {}): SweepRecipe => {
  const settings: TrainSettings = { ...DEFAULT_SETTINGS, recipe: 'manual', ...over };
  return { name, spec: { settings, opts }, run: (c) => fitCase(c, settings, opts) };
};
const auto = (
  name: string,
  opts: Options = {},
  shapes?: readonly RecipeShape[],
  epochs?: readonly number[],
): SweepRecipe => {
  const settings: TrainSettings = { ...DEFAULT_SETTINGS, recipe: 'auto' };
  return {
    name,
    spec: { settings, opts, shapes: shapes ?? RECIPE_SHAPES, epochs: epochs ?? RECIPE_EPOCHS },
    run: (c) => fitCase(c, settings, opts, { shapes, epochs }),
  };
};
/** Linear standardised candidates with these L2 strengths, augmented views on or off. */
const linear = (l2: number[], views = true): RecipeShape[] =>
  l2.map((weightDecay) => ({ hiddenUnits: 0, dropout: 0, weightDecay, standardise: true, views }));
const WIDE = linear([1e-3, 1e-2, 3e-2, 0.1, 0.3, 1]);

const plain = { augmentViews: 0, earlyStopPatience: 0, weightDecay: 0, dropout: 0, featureNorm: 'none' } as const;

/** The row `row`'s heads on mirror-averaged validation features (CaseResult.tta). */
const ttaOf = (row: number): SweepRecipe => ({
  name: `${RECIPES[row].name}, TTA: features averaged with the mirror's`,
  spec: null,
  ttaOf: row,
  run: () => Promise.reject(new Error('a TTA row is read off its base row')),
});

export const RECIPES: SweepRecipe[] = [
  manual('linear probe (softmax, Adam 1e-3, 100 epochs, batch 32)', { ...plain, hiddenUnits: 0, epochs: 100 }),
  manual('Teachable Machine (Dense 100 ReLU, Adam 1e-3, 50 epochs, batch 16)', {
    ...plain,
    hiddenUnits: 100,
    epochs: 50,
    batchSize: 16,
    classWeights: false,
  }),
  manual('previous default (512, dropout 0.5, L2 1e-4, 2 views, 60 epochs, ES inner split)', {
    hiddenUnits: 512,
    dropout: 0.5,
    weightDecay: 1e-4,
    augmentViews: 2,
    epochs: 60,
    earlyStopPatience: 10,
  }),
  auto('automatic recipe (3-fold CV)'),
  auto('automatic recipe + TTA (mirror)', { tta: true }),
  auto('automatic recipe, final + mid1 depths', { depths: ['final', 'mid1'] }),
  auto('automatic recipe, L2-normalised rows', { l2: true }),
  manual('linear, standardised, L2 1e-4, 2 views, 40 epochs', {
    ...plain,
    hiddenUnits: 0,
    weightDecay: 1e-4,
    augmentViews: 2,
    epochs: 40,
    featureNorm: 'standardise',
  }),
  auto('automatic recipe, L2 grid 1e-3 to 1', {}, WIDE),
  auto('automatic recipe, L2 grid 1e-3 to 1, final + mid1 depths', { depths: ['final', 'mid1'] }, WIDE),
  auto('automatic recipe, L2 grid 1e-3 to 1, final + mid2 depths', { depths: ['final', 'mid2'] }, WIDE),
  auto('automatic recipe, L2 grid 1e-3 to 1, no augmented views', {}, linear([1e-3, 1e-2, 3e-2, 0.1, 0.3, 1], false)),
  auto('automatic recipe, L2 grid 1e-3 to 1, epochs 25-200', {}, WIDE, [25, 50, 100, 200]),
];
// each reads the row it names (by index) for its TTA figures
RECIPES.splice(11, 0, ...[8, 9, 10].map(ttaOf));
