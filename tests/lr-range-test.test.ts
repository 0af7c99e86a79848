import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { findLearningRate, type LrFindEvent } from '../src/core/find-learning-rate';
import { trainPipeline } from '../src/core/pipeline';
import { createRng } from '../src/core/random';
import { buildHead, headVariables } from '../src/core/train/head';
import { lrRangeTest, suggestLearningRate, type LrPoint } from '../src/core/train/lr-range-test';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { fakeBackbone, gaussian, solidImage, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

const DIM = 8;
const CLASSES = 3;
const settings: TrainSettings = { ...DEFAULT_SETTINGS, hiddenUnits: 32, batchSize: 16, dropout: 0.3 };

/** Linearly separable Gaussian blobs. */
function separable(perClass: number, seed: number) {
  const crng = createRng(99);
  const centres = Array.from({ length: CLASSES }, () => Array.from({ length: DIM }, () => (crng() < 0.5 ? -2 : 2)));
  const rng = createRng(seed);
  const x: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < perClass * CLASSES; i++) {
    for (let d = 0; d < DIM; d++) x.push(centres[i % CLASSES][d] + 0.5 * gaussian(rng));
    labels.push(i % CLASSES);
  }
  return { x: tf.tensor2d(x, [labels.length, DIM]), labels: Int32Array.from(labels), numClasses: CLASSES };
}

describe('lrRangeTest', () => {
  it('sweeps the rate upwards exponentially, suggests a sensible rate, and frees every tensor', async () => {
    const data = separable(40, 1);
    const before = tf.memory().numTensors;
    const steps: number[] = [];
    const r = await lrRangeTest(data, settings, {}, { onStep: (s) => steps.push(s) });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.points.length).toBeGreaterThan(50);
    expect(r.points.length).toBeLessThanOrEqual(100);
    expect(steps).toEqual(r.points.map((_, i) => i + 1));
    expect(r.points[0].lr).toBeCloseTo(1e-7, 12);
    for (let i = 1; i < r.points.length; i++) {
      expect(r.points[i].lr).toBeGreaterThan(r.points[i - 1].lr);
      // constant ratio between neighbours: an exponential sweep
      expect(r.points[i].lr / r.points[i - 1].lr).toBeCloseTo(1e7 ** (1 / 99), 6);
    }
    expect(r.points.every((p) => Number.isFinite(p.loss))).toBe(true);
    // the loss falls from its start: the head learns inside the sweep
    expect(Math.min(...r.points.map((p) => p.loss))).toBeLessThan(r.points[0].loss * 0.7);
    expect(r.suggestion).not.toBeNull();
    expect(r.suggestion!).toBeGreaterThan(1e-4);
    expect(r.suggestion!).toBeLessThan(0.1);
    expect(r.steepest!).toBeGreaterThan(1e-5);
    expect(r.steepest!).toBeLessThan(1);
    data.x.dispose();
  });

  it('stops when the loss explodes', async () => {
    const data = separable(20, 2);
    const r = await lrRangeTest(data, { ...settings, weightDecay: 0 }, { endLr: 1e4, steps: 120 });
    expect(r.diverged).toBe(true);
    expect(r.points.length).toBeLessThan(120);
    const last = r.points.at(-1)!.loss;
    expect(last > 4 * Math.min(...r.points.slice(0, -1).map((p) => p.loss)) || !Number.isFinite(last)).toBe(true);
    data.x.dispose();
  });

  it('stopped short, it keeps the curve but suggests nothing (the lowest loss is only where it was cut)', async () => {
    const data = separable(20, 2);
    let steps = 0;
    const r = await lrRangeTest(data, settings, {}, { onStep: () => steps++, shouldStop: () => steps >= 30 });
    expect(r.stopped).toBe(true);
    expect(r.points).toHaveLength(30);
    expect(r.suggestion).toBeNull();
    data.x.dispose();
  });

  it('does not touch a trained head', async () => {
    const data = separable(10, 3);
    const head = buildHead(DIM, CLASSES, settings.hiddenUnits, settings.dropout, settings.seed);
    const values = () => headVariables(head).map((v) => Array.from(v.dataSync()));
    const before = values();
    await lrRangeTest(data, settings, { steps: 30 });
    expect(values()).toEqual(before);
    head.dispose();
    data.x.dispose();
  });
});

describe('suggestLearningRate', () => {
  it('is the minimum’s rate / 10, and the steepest fall lies before the minimum', () => {
    // a valley in log(lr) centred on 1e-2, steepest where the quadratic meets the rising tail
    const points: LrPoint[] = Array.from({ length: 61 }, (_, i) => {
      const lr = 10 ** (-6 + i / 10);
      const u = Math.log10(lr) + 2;
      return { lr, loss: 2 - 1.5 * Math.exp(-(u * u) / 2) };
    });
    const s = suggestLearningRate(points);
    expect(s.suggestion).toBeCloseTo(1e-3, 9);
    expect(s.steepest!).toBeGreaterThan(1e-4);
    expect(s.steepest!).toBeLessThan(1e-2);
    expect(suggestLearningRate(points.slice(0, 3))).toEqual({ suggestion: null, steepest: null });
  });
});

describe('findLearningRate (pipeline)', () => {
  it('extracts through the FeatureCache once, so training afterwards extracts nothing', async () => {
    const backbone = fakeBackbone();
    const colours: [number, number, number][] = [
      [200, 30, 30],
      [30, 200, 30],
      [30, 30, 200],
    ];
    const images = Array.from({ length: 30 }, (_, i) => ({ id: `img${i}`, label: i % 3 }));
    const rng = createRng(7);
    const decode = async (id: string) => {
      const c = colours[Number(id.slice(3)) % 3].map((v) => Math.max(0, Math.min(255, v + 30 * gaussian(rng)))) as [
        number,
        number,
        number,
      ];
      return solidImage(8, 8, c);
    };
    const cache = new FeatureCache();
    const events: LrFindEvent[] = [];
    const s = { ...settings, epochs: 3 };
    const before = tf.memory().numTensors;
    const r = await findLearningRate({
      backbone,
      classes: ['r', 'g', 'b'],
      images,
      decode,
      cache,
      settings: s,
      onEvent: (e) => events.push(e),
      options: { steps: 40 },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.extracted).toBe(30);
    expect(r.points.length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'extract')).toBe(true);
    expect(events.filter((e) => e.type === 'lr-step')).toHaveLength(r.points.length);
    const imagesSeen = backbone.calls.images;
    const outcome = await trainPipeline({ backbone, classes: ['r', 'g', 'b'], images, decode, cache, settings: s });
    // only the default augmented views of the training images are new; every plain row is reused
    expect(outcome.extracted).toBe(2 * outcome.images.train);
    expect(backbone.calls.images).toBe(imagesSeen + 2 * outcome.images.train);
    outcome.head.dispose();
  });
});
