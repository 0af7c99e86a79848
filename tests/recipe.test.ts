import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCliArgs } from '../src/cli/args';
import { stratifiedFolds } from '../src/core/data/split';
import { fitHead } from '../src/core/train/fit';
import { buildHead } from '../src/core/train/head';
import { wilsonInterval } from '../src/core/train/interval';
import { applyRecipe, chooseRecipe, type RecipeShape } from '../src/core/train/recipe';
import { DEFAULT_SETTINGS, resolveSettings, type TrainSettings } from '../src/core/train/settings';
import { featureStats, foldStandardisation, standardise } from '../src/core/train/standardise';
import { gatherRows } from '../src/core/train/rows';
import { trainHead } from '../src/core/train/trainer';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

const DIM = 6;
/** Three separable classes whose features sit far from zero on very different scales. */
function rows(n: number, seed: number, flipLabels = false) {
  let s = seed;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
  const plain = new Float32Array(n * DIM);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    labels[i] = flipLabels ? (c + 1) % 3 : c;
    for (let d = 0; d < DIM; d++) plain[i * DIM + d] = (d === c ? 3 : 0) * 10 ** (d % 3) + 50 + rnd() * 10 ** (d % 3);
  }
  return { plain, labels };
}

describe('Wilson score interval', () => {
  it('matches the textbook values and stays inside [0, 1]', () => {
    const [lo, hi] = wilsonInterval(90, 100);
    expect(lo).toBeCloseTo(0.8256, 3);
    expect(hi).toBeCloseTo(0.9448, 3);
    const [lo1, hi1] = wilsonInterval(20, 20);
    expect(hi1).toBe(1);
    expect(lo1).toBeCloseTo(0.8389, 3);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe('stratified folds', () => {
  it('puts about a third of every class in each of 3 folds', () => {
    const labels = Array.from({ length: 30 }, (_, i) => i % 3);
    const fold = stratifiedFolds(labels, 3, 1);
    for (let f = 0; f < 3; f++) {
      for (let c = 0; c < 3; c++) {
        const n = labels.filter((l, i) => l === c && fold[i] === f).length;
        expect(n === 3 || n === 4).toBe(true);
      }
      expect(fold.filter((x) => x === f)).toHaveLength(10);
    }
  });
});

describe('standardisation folded into the head', () => {
  it('the folded head on raw features predicts what the trained head does on standardised ones', async () => {
    const { plain } = rows(30, 3);
    const x = tf.tensor2d(plain, [30, DIM]);
    const stats = await featureStats(x);
    const z = standardise(x, stats);
    const head = buildHead(DIM, 3, 4, 0, 1);
    const before = tf.tidy(() => head.logits(z));
    foldStandardisation(head, stats);
    const after = tf.tidy(() => head.logits(x));
    const [a, b] = [await before.data(), await after.data()];
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 3));
    tf.dispose([x, z, before, after]);
    head.dispose();
  });
});

describe('automatic head recipe', () => {
  const shapes: RecipeShape[] = [
    { hiddenUnits: 0, dropout: 0, weightDecay: 1e-4, standardise: true, views: false },
    { hiddenUnits: 0, dropout: 0, weightDecay: 1e-4, standardise: false, views: false },
  ];
  const base: TrainSettings = { ...DEFAULT_SETTINGS, batchSize: 8, learningRate: 0.01, seed: 3 };

  it('chooses by cross-validation on the training rows alone, a table row per shape and epoch count, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const { plain, labels } = rows(36, 5);
    const choice = await chooseRecipe({ plain, views: [], labels, numClasses: 3, featureSize: DIM }, base, {
      shapes,
      epochs: [2, 30],
    });
    expect(choice.table).toHaveLength(4);
    expect(choice.folds).toBe(3);
    // the best row, with the temperature its held-out folds bear out
    expect(choice.chosen).toEqual({ ...choice.table[0].recipe, temperature: expect.any(Number) as number });
    for (let i = 1; i < choice.table.length; i++)
      expect(choice.table[i - 1].accuracy).toBeGreaterThanOrEqual(choice.table[i].accuracy);
    // raw features 50 units from zero on scales 1-100 train badly at this rate; standardised ones do not
    expect(choice.chosen.standardise).toBe(true);
    expect(choice.table[0].accuracy).toBeGreaterThan(0.8);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with fewer training images than folds it folds fewer times and scores numbers, not NaN (2 classes of 2 images)', async () => {
    const { plain, labels } = rows(2, 7);
    const choice = await chooseRecipe({ plain, views: [], labels, numClasses: 3, featureSize: DIM }, base, {
      shapes,
      epochs: [2, 5],
    });
    expect(choice.folds).toBe(2);
    for (const row of choice.table) {
      expect(Number.isFinite(row.accuracy)).toBe(true);
      expect(Number.isFinite(row.loss)).toBe(true);
    }
  });

  it('scores each candidate exactly as trainHead would train it alone with the settings applyRecipe gives', async () => {
    const { plain, labels } = rows(36, 11);
    const data = { plain, views: [], labels, numClasses: 3, featureSize: DIM };
    const linear: RecipeShape[] = [1e-3, 1e-1].map((weightDecay) => ({
      hiddenUnits: 0,
      dropout: 0,
      weightDecay,
      standardise: true,
      views: false,
    }));
    const choice = await chooseRecipe(data, base, { shapes: linear, epochs: [3, 8] });
    const fold = stratifiedFolds(Array.from(labels), 3, base.seed + 101);
    for (const row of choice.table) {
      const settings = applyRecipe(base, row.recipe);
      let [accuracy, loss] = [0, 0];
      for (let f = 0; f < 3; f++) {
        const pick = (held: boolean) => [...fold.keys()].filter((i) => (fold[i] === f) === held);
        const [train, val] = [gatherRows(data, pick(false)), gatherRows(data, pick(true))];
        const stats = await featureStats(train.x);
        const [x, xVal] = [standardise(train.x, stats), standardise(val.x, stats)];
        const head = buildHead(DIM, 3, 0, 0, settings.seed);
        const run = await trainHead(
          head,
          { x, labels: train.labels, xVal, valLabels: val.labels, numClasses: 3 },
          settings,
        );
        accuracy += run.history[row.recipe.epochs - 1].valAccuracy / 3;
        loss += run.history[row.recipe.epochs - 1].valLoss / 3;
        head.dispose();
        tf.dispose([train.x, val.x, x, xVal]);
      }
      expect(row.accuracy).toBeCloseTo(accuracy, 6);
      expect(row.loss).toBeCloseTo(loss, 4);
    }
  });

  it('the validation rows never change the choice', async () => {
    const { plain, labels } = rows(36, 5);
    const data = { plain, views: [], labels, numClasses: 3, featureSize: DIM };
    const a = await chooseRecipe(data, base, { shapes, epochs: [2, 6] });
    // whatever the validation set holds, the choice is a function of the training rows only
    const chosen = applyRecipe(base, a.chosen);
    const val = rows(12, 9, true);
    const fit = await fitHead({
      train: data,
      val,
      numClasses: 3,
      settings: chosen,
      newHead: () => buildHead(DIM, 3, chosen.hiddenUnits, chosen.dropout, chosen.seed),
    });
    const b = await chooseRecipe(data, base, { shapes, epochs: [2, 6] });
    expect(b.chosen).toEqual(a.chosen);
    // labels flipped on validation: the delivered head is honestly bad there
    expect(fit.evaluation.accuracy).toBeLessThan(0.5);
    fit.head.dispose();
  });

  it('early stopping holds out an inner split of the training images and never watches validation', async () => {
    // 20 a class: 3 of each held out (fewer than MIN_INNER_PER_CLASS and early stopping is off)
    const { plain, labels } = rows(60, 7);
    const s: TrainSettings = {
      ...base,
      recipe: 'manual',
      hiddenUnits: 0,
      dropout: 0,
      epochs: 8,
      earlyStopPatience: 2,
      augmentViews: 0,
    };
    const val = rows(12, 9);
    const fit = await fitHead({
      train: { plain, views: [], labels, featureSize: DIM },
      val,
      numClasses: 3,
      settings: s,
      newHead: () => buildHead(DIM, 3, 0, 0, 3),
    });
    expect(fit.held).toBe(9);
    expect(fit.earlyStopSkipped).toBeNull();
    expect(fit.loop.history.every((m) => m.stopLoss !== undefined)).toBe(true);
    fit.head.dispose();
  });
});

describe('settings resolved once', () => {
  it('the studio and the CLI train with identical settings for the same choices', async () => {
    // the studio's store as the page has it (vite defines the models base there)
    vi.stubGlobal('__MODELS_BASE__', '/models/');
    const { useTraining } = await import('../src/state/training');
    const studio = (patch: Partial<TrainSettings>) => resolveSettings({ ...useTraining.getState().settings, ...patch });
    const cli = (argv: string[]) =>
      resolveSettings(parseCliArgs(['photos', ...argv], {} as NodeJS.ProcessEnv).settings);
    expect(cli([])).toEqual(studio({}));
    expect(cli(['--unfreeze', '2'])).toEqual(studio({ unfreeze: 2 }));
    expect(cli(['--unfreeze', '2', '--patience', '5'])).toEqual(studio({ unfreeze: 2, earlyStopPatience: 5 }));
    expect(cli(['--hidden', '100', '--epochs', '50'])).toEqual(
      studio({ hiddenUnits: 100, epochs: 50, recipe: 'manual' }),
    );
    // the mode's defaults
    expect(studio({}).recipe).toBe('auto');
    expect(studio({ unfreeze: 2 })).toMatchObject({
      recipe: 'manual',
      earlyStopPatience: 0,
      lrSchedule: 'cosine',
      augmentViews: 4,
    });
    // fine-tuning trains on raw features: the studio records what ran; the CLI refuses the flag it would ignore
    expect(studio({ unfreeze: 2, featureNorm: 'standardise' }).featureNorm).toBe('none');
    expect(() => cli(['--unfreeze', '2', '--feature-norm', 'standardise'])).toThrow(
      /--feature-norm standardise is for head-only training/,
    );
    expect(studio({ recipe: 'manual' })).toMatchObject({
      earlyStopPatience: 10,
      lrSchedule: 'constant',
      augmentViews: 2,
    });
  });
});
