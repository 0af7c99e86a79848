// Head-only variants on the cached features that need more than one head or feature set per case:
// a CV that also chooses the feature set (depths) on the training split, and the probabilities of
// heads trained on different feature sets averaged.
import * as tf from '@tensorflow/tfjs';
import { stratifiedSplit } from '../../src/core/data/split';
import { argmaxRows } from '../../src/core/train/metrics';
import { applyRecipe, chooseRecipe, RECIPE_EPOCHS, type RecipeShape } from '../../src/core/train/recipe';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/core/train/settings';
import { caseHead, fitOn, rowsOf, type Case, type CaseResult, type SweepRecipe } from './case';
import type { Depth } from './feature-dump';

const AUTO: TrainSettings = { ...DEFAULT_SETTINGS, recipe: 'auto' };

/**
 * The automatic recipe run once per feature set on the training split (same folds: they depend
 * on the labels and seed only); the set whose best candidate has the highest CV accuracy (lower
 * loss breaks ties, then the order listed) is trained and scored on the validation split.
 */
export function depthCv(
  name: string,
  sets: readonly Depth[][],
  shapes: readonly RecipeShape[],
  power = false,
): SweepRecipe {
  return {
    name,
    spec: { settings: AUTO, sets, shapes, epochs: RECIPE_EPOCHS, power, kind: 'depth-cv' },
    async run({ dump, seed }: Case): Promise<CaseResult> {
      const split = stratifiedSplit(dump.labels, DEFAULT_SETTINGS.valSplit, seed);
      const numClasses = dump.classes.length;
      const base = { ...AUTO, seed };
      let best: { depths: readonly Depth[]; choice: Awaited<ReturnType<typeof chooseRecipe>> } | undefined;
      for (const depths of sets) {
        const train = rowsOf(dump, split.train, depths, false, power);
        const choice = await chooseRecipe({ ...train, numClasses }, base, { shapes });
        const [a, b] = [choice.table[0], best?.choice.table[0]];
        if (!b || a.accuracy > b.accuracy || (a.accuracy === b.accuracy && a.loss < b.loss)) best = { depths, choice };
      }
      const { depths, choice } = best!;
      const s = applyRecipe(base, choice.chosen);
      const train = rowsOf(dump, split.train, depths, false, power);
      const val = rowsOf(dump, split.val, depths, false, power);
      const fit = await fitOn(train, val, numClasses, s);
      fit.head.dispose();
      return { accuracy: fit.evaluation.accuracy, chose: `${depths.join('+')} ${JSON.stringify(choice.chosen)}` };
    },
  };
}

/**
 * One automatic-recipe head per feature set (each chooses its own L2 and epochs by CV); the
 * validation images' class probabilities are averaged over the heads. `tta` is the same heads'
 * probabilities averaged over each image and its mirror too (read by a row of its own).
 */
export function depthEnsemble(
  name: string,
  sets: readonly Depth[][],
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
      for (const depths of sets) {
        const { val, fit, chose: ch } = await caseHead(c, AUTO, { depths, power: opts.power }, { shapes });
        labels = val.labels;
        chose.push(`${depths.join('+')} ${ch}`);
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
