import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import type { RgbImage } from '../src/core/data/crop';
import { modelInputInto } from '../src/core/data/model-input';
import { FeatureCache } from '../src/core/features/cache';
import { releasePretrained, restorePretrained } from '../src/core/finetune/weights';
import { trainPipeline } from '../src/core/pipeline';
import { createRng } from '../src/core/random';
import type { TrainOutcome } from '../src/core/train/outcome';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { loadLocalBackbone, useBackend } from './helpers';

/*
 * A float32 fine-tuning run on a cache an earlier float16 run filled (its rows reused, or lifted to
 * a higher boundary from them) still reports the validation answers of the model it delivers.
 */

// the real threshold needs hundreds of MB of activations: forced here for the first run only
const precision = vi.hoisted(() => ({ forceHalf: false }));
vi.mock('../src/core/finetune/cache-precision', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/core/finetune/cache-precision')>();
  return {
    ...real,
    cachePrecision: (...args: Parameters<typeof real.cachePrecision>) =>
      real.cachePrecision(...args) || precision.forceHalf,
  };
});

let v1: Backbone;
beforeAll(async () => {
  await useBackend('wasm');
  v1 = await loadLocalBackbone('mobilenet-v1-0.25');
});
afterAll(() => v1?.dispose());

/** two classes of noisy textures tinted apart only a little: the head stays unsure, so float16 shows in its answers */
function image(i: number): RgbImage {
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
}
const classes = ['warm', 'cool'];
const images = Array.from({ length: 16 }, (_, i) => ({ id: `img${i}`, label: i % 2 }));
const decode = async (id: string) => image(Number(id.slice(3)));

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

/** class probabilities of every validation image through the delivered pieces: the installed backbone, then the head */
async function deliveredAnswers(run: TrainOutcome) {
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

async function run(cache: FeatureCache, unfreeze: number, half: boolean): Promise<TrainOutcome> {
  precision.forceHalf = half;
  return trainPipeline({ backbone: v1, classes, images, decode, cache, settings: { ...settings, unfreeze } });
}

describe('a float32 fine-tuning run after a float16 one', () => {
  it.each([
    ['reuses its float16 rows', 2],
    ['lifts its float16 rows to a higher boundary', 1],
  ])('that %s reports the answers of the model it delivers', async (_, unfreeze) => {
    const cache = new FeatureCache();
    const first = await run(cache, 2, true);
    first.head.dispose();
    const second = await run(cache, unfreeze, false);
    if (unfreeze !== 2) expect(second.lifted).toBeGreaterThan(0);

    const delivered = await deliveredAnswers(second);
    expect(second.valPredictions.map((v) => v.probabilities)).toEqual(delivered);
    const right = second.valPredictions.filter((v) => v.predicted === v.label).length;
    expect(second.valAccuracy).toBe(right / second.valPredictions.length);

    second.head.dispose();
    restorePretrained(v1, cache);
    releasePretrained(v1);
  });
});
