import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BackendLostError, isBackendFault } from '../src/core/backend-fault';
import { FeatureCache } from '../src/core/features/cache';
import { findLearningRate } from '../src/core/find-learning-rate';
import { trainModel } from '../src/core/train-model';
import { trainPipeline } from '../src/core/pipeline';
import { predictProbabilities } from '../src/core/train/predict';
import { moveHeadToActiveBackend, onBackend } from '../src/core/train/head-backend';
import { buildHead, headVariables } from '../src/core/train/head';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { withFallback, type Fallback } from '../src/worker/fallback';
import { fakeBackbone, solidImage, useBackend } from './helpers';

const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  recipe: 'manual',
  epochs: 6,
  augmentViews: 0,
  batchSize: 8,
  hiddenUnits: 16,
  learningRate: 0.01,
};
const images = [0, 1, 2].flatMap((label) => Array.from({ length: 10 }, (_, i) => ({ id: `c${label}-${i}`, label })));
// each class its own hue, each image a little different
const decode = async (id: string) =>
  solidImage(8, 8, [Number(id[1]) * 100, (Number(id.split('-')[1]) * 23) % 256, 200 - Number(id[1]) * 60]);
const onCpu = () => tf.engine().findBackend('cpu')!.numDataIds();

beforeAll(async () => {
  await useBackend('cpu'); // registers and starts cpu, so its data can be counted
  await useBackend('wasm');
});

describe('head training on another backend than extraction', () => {
  it('extracts on the active backend, trains the head on the other, and brings it home', async () => {
    const before = tf.memory().numTensors;
    const cpuBefore = onCpu();
    const run = (headBackend?: { name: string; guard?: <T>(w: () => Promise<T>) => Promise<T> }) =>
      trainPipeline({
        backbone: fakeBackbone(),
        classes: ['a', 'b', 'c'],
        images,
        decode,
        cache: new FeatureCache(),
        settings,
        headBackend,
      });
    const here = await run();
    let guardedOn = '';
    const split = await run({
      name: 'cpu',
      guard: (work) => ((guardedOn = tf.getBackend()), work()),
    });
    expect(here.backends).toEqual({ extraction: 'wasm', training: 'wasm' });
    expect(split.backends).toEqual({ extraction: 'wasm', training: 'cpu' });
    expect(guardedOn).toBe('cpu');
    expect(tf.getBackend()).toBe('wasm');
    // the same seeded run: the two backends' float maths agree to rounding
    expect(split.history.map((h) => h.loss)).toHaveLength(6);
    split.history.forEach((h, i) => expect(h.loss).toBeCloseTo(here.history[i].loss, 3));
    expect(split.valAccuracy).toBe(here.valAccuracy);
    // the head lives on wasm again: nothing of it (or of the run) stays on cpu
    expect(onCpu()).toBe(cpuBefore);
    const input = tf.fill([8, 8, 3], 0.5) as tf.Tensor3D;
    const p = predictProbabilities(fakeBackbone(), split.head, input);
    const q = predictProbabilities(fakeBackbone(), here.head, input);
    (await p.data()).forEach((v, i) => expect(v).toBeCloseTo(q.dataSync()[i], 4));
    tf.dispose([input, p, q]);
    here.head.dispose();
    split.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('puts the home backend back and leaks nothing when training there fails', async () => {
    const before = tf.memory().numTensors;
    const err = await trainPipeline({
      backbone: fakeBackbone(),
      classes: ['a', 'b', 'c'],
      images,
      decode,
      cache: new FeatureCache(),
      settings,
      onEvent: (e) => {
        if (e.type === 'epoch' && e.metrics.epoch === 2) throw new Error('context lost on purpose');
      },
      headBackend: { name: 'cpu' },
    }).catch((e: Error) => e);
    expect((err as Error).message).toBe('context lost on purpose');
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('onBackend restores the active backend; moveHeadToActiveBackend copies values and frees the original', async () => {
    const head = await onBackend('cpu', async () => buildHead(4, 2, 3, 0, 7));
    expect(tf.getBackend()).toBe('wasm');
    const values = await Promise.all(headVariables(head).map((v) => v.data()));
    const cpuWith = onCpu();
    const copy = await moveHeadToActiveBackend(head, () => buildHead(4, 2, 3, 0, 99));
    expect(onCpu()).toBeLessThan(cpuWith);
    const copied = await Promise.all(headVariables(copy).map((v) => v.data()));
    expect(copied.map((c) => Array.from(c))).toEqual(values.map((v) => Array.from(v)));
    copy.dispose();
    await expect(onBackend('cpu', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(tf.getBackend()).toBe('wasm');
  });
});

describe('the LR finder on the head backend', () => {
  const args = () => ({
    backbone: fakeBackbone(),
    classes: ['a', 'b', 'c'],
    images,
    decode,
    cache: new FeatureCache(),
    settings,
    options: { steps: 30 },
  });

  it('sweeps where heads train and answers like a sweep at home; a failing head backend sweeps at home instead', async () => {
    const before = tf.memory().numTensors;
    const cpuBefore = onCpu();
    const home = await findLearningRate(args());
    let sweptOn = '';
    const away = await findLearningRate({
      ...args(),
      headBackend: { name: 'cpu', guard: (work) => ((sweptOn = tf.getBackend()), work()) },
    });
    expect(sweptOn).toBe('cpu');
    expect(tf.getBackend()).toBe('wasm');
    expect(away.points).toHaveLength(home.points.length);
    away.points.forEach((p, i) => expect(p.loss).toBeCloseTo(home.points[i].loss, 3));
    let steps = 0;
    const lost = await findLearningRate({
      ...args(),
      onEvent: (e) => e.type === 'lr-step' && steps++,
      headBackend: {
        name: 'cpu',
        guard: async (work) => {
          await work();
          throw new BackendLostError('cpu', 'lost on purpose');
        },
      },
    });
    // the whole sweep again at home after the failed one
    expect(steps).toBe(2 * home.points.length);
    expect(lost.points.map((p) => p.lr)).toEqual(home.points.map((p) => p.lr));
    expect(tf.getBackend()).toBe('wasm');
    expect(onCpu()).toBe(cpuBefore);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a head backend that does not start', () => {
  // tfjs answers setBackend with false, and names the backend active all the same
  beforeAll(() => {
    // tfjs warns with the factory's stack each time
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    tf.registerBackend('no-start', () => {
      throw new Error('no adapter on purpose');
    });
  });

  it('leaves the home backend active and fails as a lost backend', async () => {
    let ran = false;
    const err = await onBackend('no-start', async () => (ran = true)).catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect(tf.getBackend()).toBe('wasm');
    expect(err).toBeInstanceOf(BackendLostError);
    expect(isBackendFault(err)).toBe(true);
    expect(err).toMatchObject({ backend: 'no-start' });
  });

  it('a run falls back to training its head at home instead of failing', async () => {
    const notes: Fallback[] = [];
    const switched: string[] = [];
    const trained = await trainModel(
      {
        backbone: () => fakeBackbone(),
        cache: new FeatureCache(),
        decode,
        headBackend: 'no-start',
        fallback: (run, start) =>
          withFallback(
            run,
            ['wasm', 'cpu'],
            async (b) => void switched.push(b),
            (f) => notes.push(f),
            start,
          ),
      },
      { classes: ['a', 'b', 'c'], images, settings: { ...settings, epochs: 2 } },
    );
    expect(trained.trainedOn).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(switched).toEqual([]);
    expect(notes).toMatchObject([{ from: 'no-start', to: 'wasm' }]);
    trained.outcome.head.dispose();
  });
});
