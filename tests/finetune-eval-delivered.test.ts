import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import type { RgbImage } from '../src/core/data/crop';
import { modelInputInto } from '../src/core/data/model-input';
import { FeatureCache } from '../src/core/features/cache';
import { createRng } from '../src/core/random';
import { releasePretrained, restorePretrained } from '../src/core/finetune/weights';
import { trainPipeline } from '../src/core/pipeline';
import type { TrainOutcome } from '../src/core/train/outcome';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { loadLocalBackbone, useBackend } from './helpers';

// The real threshold needs hundreds of MB of activations: lowered to 0 here so a tiny run caches
// in float16, as large runs do.
const precision = vi.hoisted(() => ({ forceHalf: false, decided: [] as boolean[] }));
vi.mock('../src/core/finetune/cache-precision', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/core/finetune/cache-precision')>();
  return {
    ...real,
    cachePrecision: (...args: Parameters<typeof real.cachePrecision>) => {
      const half = real.cachePrecision(...args) || precision.forceHalf;
      precision.decided.push(half);
      return half;
    },
  };
});

let v1: Backbone;
beforeAll(async () => {
  await useBackend('wasm');
  v1 = await loadLocalBackbone('mobilenet-v1-0.25');
});
afterAll(() => v1?.dispose());
beforeEach(() => {
  precision.decided = [];
});

/** Two classes of noisy textures tinted apart only a little: the head stays unsure, so float16 shows in its answers. */
function noisyImages(n = 16) {
  const image = (i: number): RgbImage => {
    const rng = createRng(100 + i);
    const [w, h] = [48 + (i % 5), 40 + (i % 3)];
    const data = new Uint8Array(w * h * 3);
    for (let p = 0; p < w * h; p++) {
      const base = 60 + rng() * 140;
      data[p * 3] = base + (i % 2 ? 0 : 25);
      data[p * 3 + 1] = base * (0.6 + 0.4 * rng());
      data[p * 3 + 2] = base + (i % 2 ? 25 : 0);
    }
    return { data, width: w, height: h, channels: 3 };
  };
  return {
    classes: ['warm', 'cool'],
    images: Array.from({ length: n }, (_, i) => ({ id: `img${i}`, label: i % 2 })),
    decode: async (id: string) => image(Number(id.slice(3))),
  };
}

const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  unfreeze: 2,
  epochs: 2,
  batchSize: 4,
  augmentViews: 1,
  warmupEpochs: 1,
  valSplit: 0.5,
  hiddenUnits: 0,
};

/** Class probabilities of every validation image through the exported pieces: the backbone as installed, then the head model. */
async function deliveredAnswers(run: TrainOutcome, decode: (id: string) => Promise<RgbImage>) {
  const { inputSize, pixelRange } = v1.spec;
  const one = inputSize * inputSize * 3;
  const pixels = new Float32Array(run.valPredictions.length * one);
  for (const [i, v] of run.valPredictions.entries())
    modelInputInto(await decode(v.id), inputSize, settings.cropMode, pixelRange, pixels, i * one);
  const probs = tf.tidy(
    () =>
      run.head.model.predict(
        v1.extract(tf.tensor4d(pixels, [run.valPredictions.length, inputSize, inputSize, 3])),
      ) as tf.Tensor2D,
  );
  const rows = (await probs.array()) as number[][];
  probs.dispose();
  return rows;
}

const worstGap = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, i) => row.map((p, k) => Math.abs(p - b[i][k]))));

const cleanUp = (run: TrainOutcome, cache: FeatureCache) => {
  run.head.dispose();
  restorePretrained(v1, cache);
  releasePretrained(v1);
};

describe('fine-tuning reports the validation numbers of the model it delivers', () => {
  it.each([
    ['float16', true],
    ['float32', false],
  ])('%s boundary cache: valPredictions are the full-precision answers of backbone + head', async (_, half) => {
    precision.forceHalf = half;
    const { classes, images, decode } = noisyImages();
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    const run = await trainPipeline({ backbone: v1, classes, images, decode, cache, settings });
    expect(precision.decided).toEqual([half]);
    const boundaryRows = cache.peek(FeatureCache.viewKey(v1.spec.id, run.boundary!, settings.cropMode, 0))!;
    expect(boundaryRows.get(run.valPredictions[0].id)).toBeInstanceOf(half ? Uint16Array : Float32Array);

    const delivered = await deliveredAnswers(run, decode);
    const reported = run.valPredictions.map((v) => v.probabilities);
    expect(run.valPredictions).toHaveLength(8);
    // float16 rows moved these by about 1e-4 and the fast-ops copy by about 3e-7: now the very same numbers
    expect(reported).toEqual(delivered);
    expect(run.valPredictions.map((v) => v.predicted)).toEqual(delivered.map((p) => p.indexOf(Math.max(...p))));
    const right = run.valPredictions.filter((v) => v.predicted === v.label).length;
    expect(run.valAccuracy).toBe(right / run.valPredictions.length);

    cleanUp(run, cache);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['Stop is pressed', 'stop'],
    ['the images no longer read', 'unreadable'],
  ])('when %s after the last epoch, the run keeps its model with the numbers on the cached rows', async (_, how) => {
    precision.forceHalf = true;
    const { classes, images, decode: readable } = noisyImages();
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    let trained = false;
    let decodedAfter = 0;
    const decode = async (id: string) => {
      if (!trained) return readable(id);
      decodedAfter++;
      if (how === 'unreadable') throw new Error('file gone');
      return readable(id);
    };
    const run = await trainPipeline({
      backbone: v1,
      classes,
      images,
      decode,
      cache,
      settings,
      onEvent: (e) => {
        if (e.type === 'epoch' && e.metrics.epoch === settings.epochs) trained = true;
      },
      shouldStop: () => how === 'stop' && trained,
    });
    expect(run.history).toHaveLength(settings.epochs);
    expect(run.valPredictions).toHaveLength(8);
    // Stop ends the pass before the backbone sees a batch (only the first batch's decode was under way)
    if (how === 'stop') expect(decodedAfter).toBeLessThanOrEqual(16);
    else expect(decodedAfter).toBe(8);
    const delivered = await deliveredAnswers(run, readable);
    const reported = run.valPredictions.map((v) => v.probabilities);
    // the last epoch's validation numbers: the float16 rows through the training copy
    expect(run.valLoss).toBe(run.history[run.history.length - 1].valLoss);
    expect(worstGap(reported, delivered)).toBeGreaterThan(0);
    expect(worstGap(reported, delivered)).toBeLessThan(1e-3);
    cleanUp(run, cache);
    expect(tf.memory().numTensors).toBe(before);
  });
});
