// Head-only variants on the cached features that need more than one head or feature set per case:
// a CV that also chooses the feature set (depths) on the training split, and the probabilities of
// heads trained on different feature sets averaged.
import * as tf from '@tensorflow/tfjs';
import { stratifiedSplit } from '../../src/core/data/split';
import { argmaxRows } from '../../src/core/train/metrics';
import { applyRecipe, chooseRecipe, RECIPE_EPOCHS, type RecipeShape } from '../../src/core/train/recipe';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/core/train/settings';
import type { ImageRows } from '../../src/core/train/rows';
import {
  caseDump,
  caseHead,
  dumpAtSize,
  fitOn,
  rowsOf,
  type Case,
  type CaseResult,
  type Options,
  type SweepRecipe,
} from './case';
import type { Depth } from './feature-dump';

const AUTO: TrainSettings = { ...DEFAULT_SETTINGS, recipe: 'auto' };

/**
 * A feature set a head reads: pooled depths, at one input resolution or several concatenated
 * (Options.sizes; absent: the 224-px dump alone).
 */
export interface FeatureSet {
  depths: readonly Depth[];
  sizes?: Options['sizes'];
  pools?: Options['pools'];
}
// earlier rows list bare depth lists (kept as they were: they are part of those rows' fingerprints)
const asSet = (s: readonly Depth[] | FeatureSet): FeatureSet => ('depths' in s ? s : { depths: s as readonly Depth[] });
const label = (f: FeatureSet) =>
  `${f.sizes ? `${f.sizes.join('+')} px ` : ''}${f.depths.join('+')}${f.pools ? ` ${JSON.stringify(f.pools)}` : ''}`;

/** The case's training and validation rows of one feature set (same split as every row). */
async function setRows(c: Case, set: FeatureSet, power: boolean) {
  const dump = await caseDump(c, { sizes: set.sizes, pools: set.pools });
  const split = stratifiedSplit(dump.labels, DEFAULT_SETTINGS.valSplit, c.seed);
  return {
    train: rowsOf(dump, split.train, set.depths, false, power),
    val: rowsOf(dump, split.val, set.depths, false, power),
    numClasses: dump.classes.length,
  };
}

/**
 * The automatic recipe run once per feature set on the training split (same folds: they depend
 * on the labels and seed only); the set whose best candidate has the highest CV accuracy (lower
 * loss breaks ties, then the order listed) is trained and scored on the validation split, on the
 * plain images and (`tta`) on each image's features averaged with its mirror's. `select: 'loss'`:
 * the set whose candidates reach the lowest mean held-out loss wins instead (a smoother score
 * than a few held-out images' accuracy); the candidate within it is still the CV's own choice.
 */
export function depthCv(
  name: string,
  sets: readonly (readonly Depth[] | FeatureSet)[],
  shapes: readonly RecipeShape[],
  power = false,
  select: 'accuracy' | 'loss' = 'accuracy',
): SweepRecipe {
  const kind = sets.every((s) => !('depths' in s)) ? 'depth-cv' : 'feature-cv';
  const minLoss = (choice: Awaited<ReturnType<typeof chooseRecipe>>) => Math.min(...choice.table.map((r) => r.loss));
  return {
    name,
    spec: { settings: AUTO, sets, shapes, epochs: RECIPE_EPOCHS, power, kind, ...(select === 'loss' && { select }) },
    async run(c: Case): Promise<CaseResult> {
      const base = { ...AUTO, seed: c.seed };
      let best: { set: FeatureSet; choice: Awaited<ReturnType<typeof chooseRecipe>> } | undefined;
      const cv: string[] = [];
      for (const set of sets.map(asSet)) {
        const { train, numClasses } = await setRows(c, set, power);
        const choice = await chooseRecipe({ ...train, numClasses }, base, { shapes });
        const [a, b] = [choice.table[0], best?.choice.table[0]];
        cv.push(`${label(set)} ${a.accuracy.toFixed(4)} loss ${minLoss(choice).toFixed(4)}`);
        const better =
          select === 'loss'
            ? !best || minLoss(choice) < minLoss(best.choice)
            : !b || a.accuracy > b.accuracy || (a.accuracy === b.accuracy && a.loss < b.loss);
        if (better) best = { set, choice };
      }
      const { set, choice } = best!;
      const { train, val, numClasses } = await setRows(c, set, power);
      const fit = await fitOn(train, val, numClasses, applyRecipe(base, choice.chosen));
      const tta = await mirrorAveraged(fit.head, val, numClasses);
      fit.head.dispose();
      return {
        accuracy: fit.evaluation.accuracy,
        tta,
        chose: `${label(set)} ${JSON.stringify(choice.chosen)} (cv ${cv.join(', ')})`,
      };
    },
  };
}

/** Accuracy of `head` on each validation image's features averaged with its mirror's. */
async function mirrorAveraged(head: { logits(x: tf.Tensor2D): tf.Tensor }, val: ImageRows, numClasses: number) {
  const n = val.labels.length;
  const t = tf.tidy(() =>
    head.logits(
      tf
        .tensor2d(val.plain, [n, val.featureSize])
        .add(tf.tensor2d(val.views[0], [n, val.featureSize]))
        .div(2) as tf.Tensor2D,
    ),
  );
  const pred = argmaxRows((await t.data()) as Float32Array, numClasses);
  t.dispose();
  return pred.filter((p, i) => p === val.labels[i]).length / n;
}

/**
 * One automatic-recipe head per feature set (each chooses its own L2 and epochs by CV); the
 * validation images' class probabilities are averaged over the heads. `tta` is the same heads'
 * probabilities averaged over each image and its mirror too (read by a row of its own).
 */
export function depthEnsemble(
  name: string,
  sets: readonly (readonly Depth[] | FeatureSet)[],
  shapes: readonly RecipeShape[],
  opts: { power?: boolean } = {},
): SweepRecipe {
  return {
    name,
    spec: { settings: AUTO, sets, shapes, epochs: RECIPE_EPOCHS, ...opts, kind: 'depth-ensemble' },
    async run(c: Case): Promise<CaseResult> {
      const sums: [number[], number[]] = [[], []];
      let labels: Int32Array = new Int32Array(0);
      const chose: string[] = [];
      for (const set of sets.map(asSet)) {
        const { val, fit, chose: ch } = await caseHead(c, AUTO, { ...set, power: opts.power }, { shapes });
        labels = val.labels;
        chose.push(`${label(set)} ${ch}`);
        const probs = async (rows: Float32Array) => {
          const p = tf.tidy(() => tf.softmax(fit.head.logits(tf.tensor2d(rows, [labels.length, val.featureSize]))));
          const out = (await p.data()) as Float32Array;
          p.dispose();
          return out;
        };
        const [plain, mirror] = [await probs(val.plain), await probs(val.views[0])];
        fit.head.dispose();
        plain.forEach((x, i) => {
          sums[0][i] = (sums[0][i] ?? 0) + x;
          sums[1][i] = (sums[1][i] ?? 0) + x + mirror[i];
        });
      }
      const accuracy = (sum: number[]) =>
        argmaxRows(Float32Array.from(sum), c.dump.classes.length).filter((p, i) => p === labels[i]).length /
        labels.length;
      return { accuracy: accuracy(sums[0]), tta: accuracy(sums[1]), chose: chose.join('; ') };
    },
  };
}

/**
 * Scale as augmentation: one head on one resolution's width of features, trained on every
 * image's 224-px views (plain, mirror, crop) and its 320-px views as six views (one drawn per image
 * and epoch, in the CV as in the final head); a validation image's class probabilities are averaged
 * over its 224- and 320-px features (`tta`: and over both mirrors too).
 */
export function scalesAsViews(name: string, depths: readonly Depth[], shapes: readonly RecipeShape[]): SweepRecipe {
  return {
    name,
    spec: { settings: AUTO, depths, shapes, epochs: RECIPE_EPOCHS, kind: 'scales-as-views' },
    async run(c: Case): Promise<CaseResult> {
      const split = stratifiedSplit(c.dump.labels, DEFAULT_SETTINGS.valSplit, c.seed);
      const at320 = await dumpAtSize(c, 320);
      const [train, val] = [split.train, split.val].map((idx) => {
        const [a, b] = [rowsOf(c.dump, idx, depths), rowsOf(at320, idx, depths)];
        return { ...a, views: [...a.views, b.plain, ...b.views] };
      });
      const numClasses = c.dump.classes.length;
      const base = { ...AUTO, seed: c.seed, augmentViews: train.views.length };
      const choice = await chooseRecipe({ ...train, numClasses }, base, { shapes });
      const fit = await fitOn(train, val, numClasses, applyRecipe(base, choice.chosen));
      const n = val.labels.length;
      // [224 plain, 224 mirror, 320 plain, 320 mirror]
      const p = [val.plain, val.views[0], val.views[2], val.views[3]].map((rows) =>
        tf.tidy(() => tf.softmax(fit.head.logits(tf.tensor2d(rows, [n, val.featureSize])))),
      );
      const score = async (ps: tf.Tensor[]) => {
        const sum = tf.tidy(() => tf.addN(ps));
        const pred = argmaxRows((await sum.data()) as Float32Array, numClasses);
        sum.dispose();
        return pred.filter((q, i) => q === val.labels[i]).length / n;
      };
      const [accuracy, tta] = [await score([p[0], p[2]]), await score(p)];
      tf.dispose(p);
      fit.head.dispose();
      return { accuracy, tta, chose: JSON.stringify(choice.chosen) };
    },
  };
}
