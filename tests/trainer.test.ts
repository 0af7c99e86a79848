import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../src/core/random';
import { buildHead } from '../src/core/train/head';
import { DEFAULT_SETTINGS, validateSettings, type TrainSettings } from '../src/core/train/settings';
import { classWeights, NonFiniteLossError } from '../src/core/train/step';
import type { TrainEvent } from '../src/core/train/epochs';
import { evaluateHead, trainHead, type TrainData } from '../src/core/train/trainer';
import { gaussian, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

const DIM = 8;
const CLASSES = 3;

/** Gaussian blobs around well separated centres; plain arrays so each test makes its own tensors. */
function blobs(perClass: number, seed: number, centresSeed = 99) {
  const crng = createRng(centresSeed);
  const centres = Array.from({ length: CLASSES }, () => Array.from({ length: DIM }, () => (crng() < 0.5 ? -2 : 2)));
  const rng = createRng(seed);
  const x: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < perClass * CLASSES; i++) {
    const c = i % CLASSES;
    for (let d = 0; d < DIM; d++) x.push(centres[c][d] + 0.5 * gaussian(rng));
    labels.push(c);
  }
  return { x, labels };
}

function trainData(perClassTrain = 30, perClassVal = 10): TrainData {
  const tr = blobs(perClassTrain, 1);
  const va = blobs(perClassVal, 2);
  return {
    x: tf.tensor2d(tr.x, [tr.labels.length, DIM]),
    labels: Int32Array.from(tr.labels),
    xVal: tf.tensor2d(va.x, [va.labels.length, DIM]),
    valLabels: Int32Array.from(va.labels),
    numClasses: CLASSES,
  };
}

const disposeData = (d: TrainData) => tf.dispose([d.x, d.xVal]);

const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  epochs: 12,
  batchSize: 16,
  learningRate: 0.01,
  hiddenUnits: 16,
  dropout: 0.2,
  weightDecay: 0.0001,
  seed: 3,
};

const withoutTime = (h: { seconds: number }[]) => h.map(({ seconds: _s, ...rest }) => rest);

describe('classWeights', () => {
  it('gives inverse-frequency weights with mean 1 over the training images', () => {
    const labels = [...new Array(10).fill(0), ...new Array(30).fill(1)];
    const w = classWeights(labels, 2);
    expect(w[0]).toBeCloseTo(2, 12);
    expect(w[1]).toBeCloseTo(2 / 3, 12);
    const mean = labels.reduce((s, l) => s + w[l], 0) / labels.length;
    expect(mean).toBeCloseTo(1, 12);
    // the small class counts as much in total as the big one
    expect(10 * w[0]).toBeCloseTo(30 * w[1], 12);
  });

  it('is 1 for balanced classes and 0 for an absent class', () => {
    expect(classWeights(Int32Array.from([0, 1, 2, 0, 1, 2]), 3)).toEqual([1, 1, 1]);
    expect(classWeights([0, 0, 2, 2], 3)).toEqual([1, 0, 1]);
  });
});

describe('buildHead', () => {
  it('builds a softmax model of the right shape, with or without a hidden layer', () => {
    for (const hidden of [0, 16]) {
      const head = buildHead(DIM, 4, hidden, 0.3, 1);
      const x = tf.randomNormal([5, DIM], 0, 1, 'float32', 1) as tf.Tensor2D;
      const probs = head.model.predict(x) as tf.Tensor;
      expect(probs.shape).toEqual([5, 4]);
      const sums = tf.tidy(() => probs.sum(1).dataSync());
      sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
      // logits() (no dropout mask) is what the exported softmax model computes
      const diff = tf.tidy(() => tf.softmax(head.logits(x)).sub(probs).abs().max().dataSync()[0]);
      expect(diff).toBeLessThan(1e-6);
      tf.dispose([x, probs]);
      head.dispose();
    }
  });

  it('initialises identically for a seed and differently across seeds', () => {
    const w = (seed: number) => {
      const head = buildHead(DIM, 3, 8, 0, seed);
      const values = head.model.getWeights().map((t) => Array.from(t.dataSync()));
      head.dispose();
      return values;
    };
    expect(w(5)).toEqual(w(5));
    expect(w(6)).not.toEqual(w(5));
  });
});

describe('trainHead', () => {
  it('learns linearly separable blobs', async () => {
    const data = trainData();
    const head = buildHead(DIM, CLASSES, settings.hiddenUnits, settings.dropout, settings.seed);
    const events: TrainEvent[] = [];
    const { history, stopped } = await trainHead(head, data, settings, { onEvent: (e) => events.push(e) });
    expect(stopped).toBe(false);
    expect(history.map((h) => h.epoch)).toEqual(Array.from({ length: settings.epochs }, (_, i) => i + 1));
    const last = history.at(-1)!;
    expect(last.valAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(last.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(last.loss).toBeLessThan(history[0].loss);
    expect(last.valLoss).toBeLessThan(history[0].valLoss);
    expect(history.every((h) => h.seconds >= 0 && Number.isFinite(h.loss))).toBe(true);
    // 90 images at batch 16 → 6 batches per epoch; one epoch event after each epoch's batches
    const batchesPerEpoch = Math.ceil(90 / settings.batchSize);
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(settings.epochs * batchesPerEpoch);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(settings.epochs);
    expect(events[batchesPerEpoch]).toMatchObject({ type: 'epoch', metrics: { epoch: 1 } });
    expect(events[0]).toMatchObject({ type: 'batch', epoch: 1, batch: 1, batches: batchesPerEpoch });
    const evaluation = await evaluateHead(head, data.xVal, data.valLabels, CLASSES);
    expect(evaluation.accuracy).toBeCloseTo(last.valAccuracy, 12);
    expect(evaluation.predictions).toHaveLength(data.valLabels.length);
    head.dispose();
    disposeData(data);
  });

  it('charts the cross-entropy as train loss, on the scale of the validation loss, with the L2 penalty kept apart', async () => {
    const tr = blobs(30, 1);
    const x = tf.tensor2d(tr.x, [tr.labels.length, DIM]);
    // validated on its own training images: the two losses differ only by the batches' moment in the epoch
    const data = {
      x,
      labels: Int32Array.from(tr.labels),
      xVal: x,
      valLabels: Int32Array.from(tr.labels),
      numClasses: CLASSES,
    };
    const strong = { ...settings, hiddenUnits: 0, dropout: 0, weightDecay: 1, epochs: 20 };
    const head = buildHead(DIM, CLASSES, 0, 0, strong.seed);
    const { history } = await trainHead(head, data, strong);
    const last = history.at(-1)!;
    expect(history.every((h) => (h.penalty ?? 0) > 0)).toBe(true);
    expect(last.penalty).toBeGreaterThan(0.2);
    expect(Math.abs(last.loss - last.valLoss)).toBeLessThan(0.1);
    head.dispose();
    const plain = buildHead(DIM, CLASSES, 0, 0, strong.seed);
    const without = await trainHead(plain, data, { ...strong, weightDecay: 0, epochs: 2 });
    expect(without.history.every((h) => h.penalty === undefined)).toBe(true);
    plain.dispose();
    x.dispose();
  });

  it('repeats exactly for the same seed and differs for another seed', async () => {
    const run = async (seed: number) => {
      const data = trainData();
      const s = { ...settings, epochs: 4, seed };
      const head = buildHead(DIM, CLASSES, s.hiddenUnits, s.dropout, s.seed);
      const { history } = await trainHead(head, data, s);
      head.dispose();
      disposeData(data);
      return withoutTime(history);
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
  });

  it('uses class weights when asked (different loss on imbalanced data)', async () => {
    const run = async (weighted: boolean) => {
      const d = trainData();
      // keep only 3 images of class 0: strongly imbalanced
      const keep = Array.from(d.labels.keys()).filter((i) => d.labels[i] !== 0 || i < 9);
      const data: TrainData = {
        ...d,
        x: tf.gather(d.x, keep) as tf.Tensor2D,
        labels: Int32Array.from(keep, (i) => d.labels[i]),
      };
      const s = { ...settings, epochs: 1, dropout: 0, classWeights: weighted };
      const head = buildHead(DIM, CLASSES, s.hiddenUnits, s.dropout, s.seed);
      const { history } = await trainHead(head, data, s);
      head.dispose();
      tf.dispose([d.x, d.xVal, data.x]);
      return history[0].loss;
    };
    expect(await run(true)).not.toBeCloseTo(await run(false), 6);
  });

  it('stops when asked: after the first batch, stopped=true and no epoch is recorded', async () => {
    const data = trainData();
    const head = buildHead(DIM, CLASSES, settings.hiddenUnits, settings.dropout, settings.seed);
    let batches = 0;
    const result = await trainHead(head, data, settings, {
      onEvent: (e) => e.type === 'batch' && batches++,
      shouldStop: () => batches >= 1,
    });
    expect(result.stopped).toBe(true);
    expect(result.history).toEqual([]);
    expect(batches).toBe(1);
    head.dispose();
    disposeData(data);
  });

  it('throws NonFiniteLossError naming the learning rate when training diverges', async () => {
    const before = tf.memory().numTensors;
    const base = trainData();
    // Features of order 1e10 and a learning rate of 1e30: Adam moves each weight by about the
    // learning rate in the first step, so the next logits (1e10 · 1e30) overflow float32.
    const data: TrainData = { ...base, x: base.x.mul(1e10) as tf.Tensor2D };
    const s = { ...settings, learningRate: 1e30, weightDecay: 0, dropout: 0 };
    const head = buildHead(DIM, CLASSES, 0, 0, 1);
    const batches: number[] = [];
    const err = await trainHead(head, data, s, { onEvent: (e) => e.type === 'batch' && batches.push(e.loss) }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(NonFiniteLossError);
    expect(err!.message).toMatch(
      /^The loss became (Infinity|-Infinity|NaN) in epoch 1: training diverged\. Lower the learning rate \(now 1e\+30\) and train again\.$/,
    );
    // the first step was still finite: the check fires on the step that diverged
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(batches.every(Number.isFinite)).toBe(true);
    head.dispose();
    tf.dispose([base.x, base.xVal, data.x]);
    // the optimizer's slots and the class-weight tensor are freed on the error path too
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaks no tensors across a full train + evaluate cycle', async () => {
    const before = tf.memory().numTensors;
    const data = trainData(10, 5);
    const head = buildHead(DIM, CLASSES, 8, 0.3, 2);
    await trainHead(head, data, { ...settings, epochs: 3, weightDecay: 0.01, classWeights: true });
    await evaluateHead(head, data.xVal, data.valLabels, CLASSES);
    head.dispose();
    disposeData(data);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('validateSettings', () => {
  it('accepts the defaults and names each problem', () => {
    expect(validateSettings({ ...DEFAULT_SETTINGS })).toEqual([]);
    const problems = validateSettings({
      ...DEFAULT_SETTINGS,
      epochs: 0,
      batchSize: 2.5,
      learningRate: 0,
      dropout: 1,
      valSplit: 0,
      weightDecay: -1,
      hiddenUnits: -1,
      seed: -3,
      unfreeze: 99,
    });
    expect(problems).toHaveLength(9);
    expect(problems.join(' ')).toMatch(/Unfreeze/);
    expect(problems).toContain('Epochs must be a whole number from 1 to 1000');
    expect(problems).toContain('Batch size must be a whole number from 1 to 1024');
    expect(problems).toContain('Learning rate must be above 0 and at most 1');
    expect(problems).toContain('Validation split must be above 0 and below 1');
    expect(problems.join(' ')).toMatch(/Dropout.*Weight decay/);
  });

  it('checks the fine-tuning knobs only while blocks train (a hidden half-typed warm-up blocked a head-only run)', () => {
    const leftBehind = { ...DEFAULT_SETTINGS, warmupEpochs: 1.5, backboneLrScale: Number.NaN };
    expect(validateSettings({ ...leftBehind, unfreeze: 0 })).toEqual([]);
    expect(validateSettings({ ...leftBehind, unfreeze: 2 })).toEqual([
      'Warm-up epochs must be a whole number from 0 to 1000',
      'Backbone learning-rate scale must be from 0 to 10',
    ]);
  });

  it('bounds unfreeze by the backbone and refuses it on graph backbones', () => {
    expect(validateSettings({ ...DEFAULT_SETTINGS, unfreeze: 2 })).toEqual([]);
    expect(validateSettings({ ...DEFAULT_SETTINGS, unfreeze: 14 }, 14)).toEqual([]);
    expect(validateSettings({ ...DEFAULT_SETTINGS, unfreeze: 15 }, 14).join(' ')).toMatch(/Unfreeze/);
    expect(validateSettings({ ...DEFAULT_SETTINGS, unfreeze: 1 }, 0).join(' ')).toMatch(/graph model/);
  });
});

// Regression: tfjs names the variables of a second head in one process "head_hidden/kernel_1";
// weight decay must still find them.
describe('weight decay on every head', () => {
  it('a second head built in the same process still exposes its kernels for weight decay', () => {
    const first = buildHead(DIM, CLASSES, 8, 0, 1);
    const second = buildHead(DIM, CLASSES, 8, 0, 1);
    expect(first.kernels()).toHaveLength(2);
    expect(second.kernels()).toHaveLength(2);
    first.dispose();
    second.dispose();
  });
});
