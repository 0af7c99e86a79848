import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { summarise } from '../src/cli/summary';
import { modelCard } from '../src/core/export/model-card';
import type { TrainOutcome } from '../src/core/pipeline';
import { buildHead } from '../src/core/train/head';
import { chooseRecipe, type RecipeShape } from '../src/core/train/recipe';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { fakeBackbone } from './helpers';
import {
  bestTemperature,
  foldTemperature,
  lossAtTemperatures,
  priorWeight,
  spreadAtTemperatures,
  TEMPERATURES,
} from '../src/core/train/temperature';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

/** mean cross-entropy of softmax(logits / t), by hand */
function loss(logits: number[][], labels: number[], t: number): number {
  return (
    logits.reduce((sum, row, i) => {
      const z = row.map((v) => v / t);
      const max = Math.max(...z);
      const log = max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
      return sum + log - z[labels[i]];
    }, 0) / logits.length
  );
}

/** mean over rows of -log softmax(row / t)[c]: every row scored as if its label were `c` */
const loss0 = (logits: number[][], c: number, t: number) => loss(logits, new Array<number>(logits.length).fill(c), t);

describe('temperature scaling', () => {
  it('tries a geometric grid from 0.05 to 2 that holds 1 (no change)', () => {
    expect(TEMPERATURES[0]).toBe(0.05);
    expect(TEMPERATURES.at(-1)).toBe(2);
    expect(TEMPERATURES).toContain(1);
    for (let i = 1; i < TEMPERATURES.length; i++) expect(TEMPERATURES[i]).toBeGreaterThan(TEMPERATURES[i - 1]);
  });

  it("scores each head's held-out loss at every temperature, as by hand, and picks the lowest", () => {
    // two heads over three rows: the first sure and right (sharpening helps), the second sure and wrong once
    const heads = [
      [
        [0.4, 0.1, 0],
        [0, 0.5, 0.1],
        [0.1, 0, 0.6],
      ],
      [
        [3, 0, 0],
        [0, 3, 0],
        [4, 0, 0],
      ],
    ];
    const labels = [0, 1, 2];
    const logits = tf.tensor3d(labels.map((_, r) => heads.map((h) => h[r])));
    const y = tf.tensor1d(labels, 'int32');
    const before = tf.memory().numTensors;
    const out = lossAtTemperatures(logits, y);
    expect(tf.memory().numTensors).toBe(before + 1);
    const got = out.arraySync();
    tf.dispose([out, logits, y]);
    heads.forEach((h, k) => TEMPERATURES.forEach((t, j) => expect(got[k][j]).toBeCloseTo(loss(h, labels, t), 4)));
    // right but unsure: sharpened; confidently wrong once: softened
    expect(bestTemperature(got[0])).toBeLessThan(0.2);
    expect(bestTemperature(got[1])).toBeGreaterThan(1);
    expect(bestTemperature([])).toBe(1);
    expect(bestTemperature([NaN, 2, 1, 1])).toBe(TEMPERATURES[2]);
  });

  it('a prior of one imagined row keeps all-right held-out rows from sharpening without end', () => {
    // one head, four rows, every one right: alone they ask for the grid's sharpest temperature
    const rowsOf = [
      [2, 0, 0],
      [0, 1.5, 0],
      [0, 0, 2.5],
      [1.8, 0.2, 0],
    ];
    const labels = [0, 1, 2, 0];
    const logits = tf.tensor3d(rowsOf.map((r) => [r]));
    const y = tf.tensor1d(labels, 'int32');
    const before = tf.memory().numTensors;
    const [lossT, spreadT] = [lossAtTemperatures(logits, y), spreadAtTemperatures(logits)];
    expect(tf.memory().numTensors).toBe(before + 2);
    const [loss, spread] = [lossT.arraySync()[0], spreadT.arraySync()[0]];
    tf.dispose([lossT, spreadT, logits, y]);
    // the spread is the mean over rows and classes of -log p, by hand
    TEMPERATURES.forEach((t, j) =>
      expect(spread[j]).toBeCloseTo([0, 1, 2].reduce((sum, c) => sum + loss0(rowsOf, c, t), 0) / 3, 4),
    );
    expect(bestTemperature(loss)).toBe(TEMPERATURES[0]);
    expect(priorWeight(4)).toBeCloseTo(0.2);
    const humble = bestTemperature(loss, { spread, weight: priorWeight(4) });
    expect(humble).toBeGreaterThan(0.3);
    // with many rows the prior weighs next to nothing: the same rows a hundred times sharpen further
    expect(bestTemperature(loss, { spread, weight: priorWeight(400) })).toBeLessThan(humble);
  });

  it('folded into the head, divides its logits (same answers, sharper probabilities) and leaks nothing', () => {
    for (const hidden of [0, 4]) {
      const head = buildHead(5, 3, hidden, 0, 2);
      const x = tf.randomNormal([4, 5], 0, 1, 'float32', 9) as tf.Tensor2D;
      const plain = tf.tidy(() => (head.model.predict(x) as tf.Tensor2D).log().arraySync());
      const before = tf.memory().numTensors;
      foldTemperature(head, 0.25);
      expect(tf.memory().numTensors).toBe(before);
      const folded = tf.tidy(() => (head.model.predict(x) as tf.Tensor2D).arraySync());
      plain.forEach((logp, r) => {
        const expected = tf.tidy(() => tf.softmax(tf.tensor1d(logp).div(0.25)).arraySync() as number[]);
        folded[r].forEach((p, c) => expect(p).toBeCloseTo(expected[c], 4));
        expect(folded[r].indexOf(Math.max(...folded[r]))).toBe(logp.indexOf(Math.max(...logp)));
      });
      x.dispose();
      head.dispose();
    }
  });

  it('the automatic recipe sharpens the flat answers of a strongly regularised linear head', async () => {
    // three well separated classes: under L2 1 the head is right and unsure; its folds say how sure to be
    const n = 60;
    const dim = 4;
    const plain = new Float32Array(n * dim);
    const labels = new Int32Array(n);
    let s = 7;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
    for (let i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (let d = 0; d < dim; d++) plain[i * dim + d] = (d === labels[i] ? 4 : 0) + rnd();
    }
    const strong: RecipeShape[] = [{ hiddenUnits: 0, dropout: 0, weightDecay: 1, standardise: true, views: false }];
    const before = tf.memory().numTensors;
    const choice = await chooseRecipe(
      { plain, views: [], labels, numClasses: 3, featureSize: dim },
      { ...DEFAULT_SETTINGS, seed: 1 },
      { shapes: strong, epochs: [100] },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(choice.table[0].accuracy).toBeGreaterThan(0.9);
    expect(TEMPERATURES).toContain(choice.chosen.temperature);
    expect(choice.chosen.temperature).toBeLessThan(0.5);
  });

  it('the model card and the CLI summary give the temperature folded in', () => {
    const facts = {
      classCounts: [10, 10],
      valAccuracy: 0.9,
      perClass: [],
      boundary: 'pool',
      trainableParams: 10,
      frozenParams: 20,
      backend: 'wasm',
      recipe: 'linear, L2 1, standardised, plain images, 50 epochs',
    };
    const card = (temperature?: number) =>
      modelCard(fakeBackbone(), ['a', 'b'], DEFAULT_SETTINGS, { ...facts, ...(temperature && { temperature }) });
    expect(card(0.316)).toContain("Calibration: the head's logits are divided by 0.316 (temperature scaling");
    expect(card(1)).not.toContain('Calibration:');
    expect(card()).not.toContain('Calibration:');
    const chosen = { hiddenUnits: 0, dropout: 0, weightDecay: 1, standardise: true, views: false, epochs: 50 };
    const outcome = {
      classes: ['a', 'b'],
      images: { train: 16, val: 4 },
      valAccuracy: 0.75,
      valLoss: 0.5,
      valAccuracyInterval: [0.3, 0.95],
      perClass: [
        { count: 2, accuracy: 1, precision: 1, f1: 1 },
        { count: 2, accuracy: 0.5, precision: 1, f1: 0.667 },
      ],
      confusion: [],
      seconds: { extract: 1, train: 1 },
      history: [],
      skipped: [],
      recipe: { chosen: { ...chosen, temperature: 0.316 }, table: [], folds: 3, seconds: 0.1 },
    } as unknown as TrainOutcome;
    const json = summarise('b', 'wasm', outcome, DEFAULT_SETTINGS, 2);
    expect(json.recipe?.temperature).toBe(0.316);
    expect(json.valLoss).toBe(0.5);
    // a choice kept before temperatures were fitted reads as none
    expect(
      summarise('b', 'wasm', { ...outcome, recipe: { ...outcome.recipe!, chosen } }, DEFAULT_SETTINGS, 2).recipe
        ?.temperature,
    ).toBe(1);
  });
});
