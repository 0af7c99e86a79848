import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../src/core/random';
import { buildHead, headVariables } from '../src/core/train/head';
import { epochLearningRate, scheduleFactor } from '../src/core/train/schedule';
import { DEFAULT_SETTINGS, validateSettings, type TrainSettings } from '../src/core/train/settings';
import { evaluateHead, trainHead, type TrainData } from '../src/core/train/trainer';
import { gaussian, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

const DIM = 6;
const CLASSES = 3;

function blobs(perClass: number, seed: number, labelShift = 0) {
  const crng = createRng(5);
  const centres = Array.from({ length: CLASSES }, () => Array.from({ length: DIM }, () => (crng() < 0.5 ? -2 : 2)));
  const rng = createRng(seed);
  const x: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < perClass * CLASSES; i++) {
    const c = i % CLASSES;
    for (let d = 0; d < DIM; d++) x.push(centres[c][d] + 0.7 * gaussian(rng));
    labels.push((c + labelShift) % CLASSES);
  }
  return { x, labels };
}

/**
 * Validation labels shifted by one class: the better the head fits the training set, the worse
 * its validation loss, so the best epoch is early and early stopping must fire.
 */
function contradictingData(): TrainData {
  const tr = blobs(20, 1);
  const va = blobs(6, 2, 1);
  const xVal = tf.tensor2d(va.x, [va.labels.length, DIM]);
  // the contradicting set is the inner split early stopping watches (and, here, also the validation set)
  return {
    x: tf.tensor2d(tr.x, [tr.labels.length, DIM]),
    labels: Int32Array.from(tr.labels),
    xVal,
    valLabels: Int32Array.from(va.labels),
    numClasses: CLASSES,
    xStop: xVal,
    stopLabels: Int32Array.from(va.labels),
  };
}

const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  epochs: 30,
  batchSize: 16,
  learningRate: 0.003,
  hiddenUnits: 8,
  dropout: 0.1,
  seed: 4,
  earlyStopPatience: 0,
};
const weightValues = (head: ReturnType<typeof buildHead>) => headVariables(head).map((v) => Array.from(v.dataSync()));

describe('early stopping with best-weights restore', () => {
  it('stops patience epochs after the best validation loss and ends with exactly that epoch’s weights', async () => {
    const before = tf.memory().numTensors;
    const data = contradictingData();
    const head = buildHead(DIM, CLASSES, settings.hiddenUnits, settings.dropout, settings.seed);
    const r = await trainHead(head, data, { ...settings, earlyStopPatience: 3 });
    const losses = r.history.map((m) => m.stopLoss!);
    const best = losses.indexOf(Math.min(...losses)) + 1;
    expect(r.stoppedEarly).toBe(true);
    expect(r.stopped).toBe(false);
    expect(r.bestEpoch).toBe(best);
    expect(r.history).toHaveLength(best + 3);
    expect(r.history.length).toBeLessThan(settings.epochs);

    // the restored head scores exactly the best epoch's validation loss
    const evaluation = await evaluateHead(head, data.xVal, data.valLabels, CLASSES);
    expect(evaluation.loss).toBeCloseTo(losses[best - 1], 6);

    // and holds the same weights as a run that simply trained for bestEpoch epochs (same seed)
    const reference = buildHead(DIM, CLASSES, settings.hiddenUnits, settings.dropout, settings.seed);
    await trainHead(reference, data, { ...settings, epochs: best });
    expect(weightValues(head)).toEqual(weightValues(reference));
    const probe = tf.tensor2d(blobs(2, 9).x, [6, DIM]);
    const [a, b] = [head.model.predict(probe) as tf.Tensor, reference.model.predict(probe) as tf.Tensor];
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    tf.dispose([probe, a, b]);
    head.dispose();
    reference.dispose();
    tf.dispose([data.x, data.xVal]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the validation split never chooses the epoch: without an inner split nothing stops or is restored', async () => {
    const { xStop: _x, stopLabels: _l, ...data } = contradictingData();
    const head = buildHead(DIM, CLASSES, settings.hiddenUnits, settings.dropout, settings.seed);
    const r = await trainHead(head, data, { ...settings, epochs: 12, earlyStopPatience: 3 });
    expect(r.history).toHaveLength(12);
    expect(r.history.every((m) => m.stopLoss === undefined)).toBe(true);
    expect(r.stoppedEarly).toBe(false);
    head.dispose();
    tf.dispose([data.x, data.xVal]);
  });

  it('patience 0 (and an old caller without the field) turns it off: every epoch runs, no epoch is restored', async () => {
    const data = contradictingData();
    const head = buildHead(DIM, CLASSES, settings.hiddenUnits, settings.dropout, settings.seed);
    const { earlyStopPatience: _p, ...old } = settings;
    const r = await trainHead(head, data, { ...old, epochs: 8 });
    expect((await trainHead(head, data, { ...settings, epochs: 2, earlyStopPatience: 0 })).bestEpoch).toBeNull();
    expect(r.history).toHaveLength(8);
    expect(r.bestEpoch).toBeNull();
    expect(r.stoppedEarly).toBe(false);
    head.dispose();
    tf.dispose([data.x, data.xVal]);
  });

  it('reports each epoch’s learning rate under the chosen schedule', async () => {
    const data = contradictingData();
    const head = buildHead(DIM, CLASSES, settings.hiddenUnits, settings.dropout, settings.seed);
    const r = await trainHead(head, data, { ...settings, epochs: 4, lrSchedule: 'cosine' });
    expect(r.history.map((m) => m.lr)).toEqual([1, 2, 3, 4].map((e) => epochLearningRate(0.003, 'cosine', e, 4)));
    expect(r.history[0].lr).toBe(0.003);
    expect(r.history[3].lr!).toBeLessThan(r.history[2].lr!);
    head.dispose();
    tf.dispose([data.x, data.xVal]);
  });
});

describe('learning-rate schedules', () => {
  it('constant, cosine and one-cycle have their shapes', () => {
    expect(scheduleFactor('constant', 0.7)).toBe(1);
    expect(scheduleFactor('cosine', 0)).toBe(1);
    expect(scheduleFactor('cosine', 0.5)).toBeCloseTo(0.5, 12);
    expect(scheduleFactor('one-cycle', 0)).toBeCloseTo(1 / 25, 12);
    expect(scheduleFactor('one-cycle', 0.25)).toBeCloseTo(1, 12);
    expect(scheduleFactor('one-cycle', 0.99)).toBeLessThan(0.01);
  });

  it('holds warm-up epochs at the base rate and matches the old fine-tuning cosine after them', () => {
    const lrs = [1, 2, 3, 4, 5].map((e) => epochLearningRate(0.01, 'cosine', e, 5, 2));
    expect(lrs.slice(0, 2)).toEqual([0.01, 0.01]);
    // what finetune/train.ts computed before schedules were a setting
    const old = (e: number) => 0.01 * 0.5 * (1 + Math.cos((Math.PI * (e - 1 - 2)) / (5 - 2)));
    [3, 4, 5].forEach((e, i) => expect(lrs[2 + i]).toBeCloseTo(old(e), 15));
  });

  it('validates the new settings with clear messages', () => {
    expect(validateSettings({ ...DEFAULT_SETTINGS, earlyStopPatience: 5, lrSchedule: 'one-cycle' })).toEqual([]);
    expect(validateSettings({ ...DEFAULT_SETTINGS, earlyStopPatience: -1 })).toEqual([
      'Early-stopping patience must be a whole number from 0 to 1000',
    ]);
    expect(validateSettings({ ...DEFAULT_SETTINGS, lrSchedule: 'step' as never })).toEqual([
      'Learning-rate schedule must be one of constant, cosine, one-cycle',
    ]);
  });
});
