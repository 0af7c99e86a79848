import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { decodeImageFile } from '../src/core/data/decode-node';
import { FeatureCache } from '../src/core/features/cache';
import { viewMatrix } from '../src/core/features/matrix';
import { trainPipeline, type LabelledImage, type PipelineEvent } from '../src/core/pipeline';
import { predictProbabilities } from '../src/core/train/predict';
import { toModelInput } from '../src/core/data/preprocess';
import { loadSignDigitPhotos, plainSettings as settings } from './helpers-pipeline-photos';

let backbone: Backbone;
let classes: string[];
let images: LabelledImage[];
const cache = new FeatureCache();

beforeAll(async () => {
  ({ backbone, classes, images } = await loadSignDigitPhotos());
});

afterAll(() => backbone?.dispose());

describe('trainPipeline on real photos (MobileNet v1 α0.25)', () => {
  it('extracts, splits, trains and evaluates; a second run reuses every cached feature', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const events: PipelineEvent[] = [];
    const first = await trainPipeline({
      backbone,
      classes,
      images,
      decode: decodeImageFile,
      cache,
      settings,
      onEvent: (e) => events.push(e),
    });
    expect(first.history).toHaveLength(5);
    expect(first.stopped).toBe(false);
    expect(first.extracted).toBe(24);
    expect(first.images).toEqual({ train: 18, val: 6 }); // round(8 · 0.2) = 2 per class
    expect(first.skipped).toEqual([]);
    expect(first.classes).toEqual(classes);
    // validation predictions: the split's validation images, two of each class, with their true labels
    const byId = new Map(images.map((i) => [i.id, i.label]));
    expect(first.valPredictions).toHaveLength(6);
    expect(new Set(first.valPredictions.map((p) => p.id)).size).toBe(6);
    for (const p of first.valPredictions) {
      expect(byId.get(p.id)).toBe(p.label);
      expect(p.predicted).toBeGreaterThanOrEqual(0);
      expect(p.predicted).toBeLessThan(3);
    }
    expect(first.valPredictions.map((p) => p.label).sort()).toEqual([0, 0, 1, 1, 2, 2]);
    // confusion, per-class metrics and accuracy agree with the predictions
    const right = first.valPredictions.filter((p) => p.predicted === p.label).length;
    expect(first.valAccuracy).toBeCloseTo(right / 6, 12);
    expect(first.confusion.flat().reduce((a, b) => a + b, 0)).toBe(6);
    expect(first.perClass.map((c) => c.count)).toEqual([2, 2, 2]);
    // real features from a real backbone separate these digits better than chance
    // 5 steps at the default rate: validation loss (no dropout) already falls
    expect(first.history.at(-1)!.valLoss).toBeLessThan(first.history[0].valLoss);
    expect(first.seconds.extract).toBeGreaterThan(0);
    expect(first.seconds.train).toBeGreaterThan(0);
    // events: extraction progress to 24/24, one batch per epoch (18 < 32), 5 epochs
    expect(events.filter((e) => e.type === 'extract').at(-1)).toEqual({ type: 'extract', done: 24, total: 24 });
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(5);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(5);
    // the cache now holds 24 pooled 256-d vectors under the centre-crop key
    expect(cache.stats()).toEqual({ entries: 24, bytes: 24 * 384 * 4 });

    const second = await trainPipeline({ backbone, classes, images, decode: decodeImageFile, cache, settings });
    expect(second.extracted).toBe(0);
    // same features, same seed: the same run
    const strip = (h: typeof first.history) => h.map(({ seconds: _s, ...m }) => m);
    expect(strip(second.history)).toEqual(strip(first.history));
    expect(second.valPredictions).toEqual(first.valPredictions);

    // probabilities for one image with the trained head
    const input = toModelInput(await decodeImageFile(images[0].id), 224, 'center', backbone.spec.pixelRange);
    const probs = predictProbabilities(backbone, first.head, input);
    expect(probs.shape).toEqual([3]);
    const p = Array.from(await probs.data());
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    tf.dispose([input, probs]);

    first.head.dispose();
    second.head.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('with cached features, a longer run fits the training images', async () => {
    const run = await trainPipeline({
      backbone,
      classes,
      images,
      decode: decodeImageFile,
      cache,
      settings: { ...settings, epochs: 40, learningRate: 0.01 },
    });
    expect(run.extracted).toBe(0);
    expect(run.history.at(-1)!.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(run.valAccuracy).toBeGreaterThan(1 / 3);
    run.head.dispose();
  });

  it('a different crop mode is a different cache table', async () => {
    const few = images.filter((_, i) => i % 4 === 0); // 6 images, 2 per class
    const run = await trainPipeline({
      backbone,
      classes,
      images: few,
      decode: decodeImageFile,
      cache,
      settings: { ...settings, epochs: 1, cropMode: 'pad' },
    });
    expect(run.extracted).toBe(6);
    run.head.dispose();
  });

  it('augmented views are extracted once, for training images only, and each epoch sees one view per image', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const own = new FeatureCache();
    const events: PipelineEvent[] = [];
    const augmented = { ...settings, epochs: 3, augmentViews: 2 };
    const first = await trainPipeline({
      backbone,
      classes,
      images,
      decode: decodeImageFile,
      cache: own,
      settings: augmented,
      onEvent: (e) => events.push(e),
    });
    expect(first.extracted).toBe(24 + 2 * 18);
    expect(events.filter((e) => e.type === 'extract').at(-1)).toEqual({ type: 'extract', done: 60, total: 60 });
    // 18 training images (not 54 rows) in batches of 32: one batch per epoch
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(3);
    const valIds = new Set(first.valPredictions.map((p) => p.id));
    const trainIds = images
      .map((i) => i.id)
      .filter((id) => !valIds.has(id))
      .sort();
    const plain = own.table(FeatureCache.viewKey(backbone.spec.id, 'pooled', 'center', 0));
    for (const k of [1, 2]) {
      const view = own.table(FeatureCache.viewKey(backbone.spec.id, 'pooled', 'center', k));
      expect([...view.keys()].sort()).toEqual(trainIds);
      // a mirrored or cropped photo gives other features than the photo itself
      expect(Array.from(view.get(trainIds[0])!)).not.toEqual(Array.from(plain.get(trainIds[0])!));
    }
    const second = await trainPipeline({
      backbone,
      classes,
      images,
      decode: decodeImageFile,
      cache: own,
      settings: augmented,
    });
    expect(second.extracted).toBe(0);
    const strip = (h: typeof first.history) => h.map(({ seconds: _s, ...m }) => m);
    expect(strip(second.history)).toEqual(strip(first.history));
    // without views the same seed trains differently: the views really reach the head
    const none = await trainPipeline({
      backbone,
      classes,
      images,
      decode: decodeImageFile,
      cache: own,
      settings: { ...augmented, augmentViews: 0 },
    });
    expect(none.extracted).toBe(0);
    expect(strip(none.history)).not.toEqual(strip(first.history));
    [first, second, none].forEach((r) => r.head.dispose());
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('skips unreadable images and trains on the rest', async () => {
    const broken = [...images, { id: 'broken-1', label: 0 }];
    const events: PipelineEvent[] = [];
    const decode = (id: string) =>
      id.startsWith('broken') ? Promise.reject(new Error('not a readable image (truncated)')) : decodeImageFile(id);
    const run = await trainPipeline({
      backbone,
      classes,
      images: broken,
      decode,
      cache,
      settings: { ...settings, epochs: 1 },
      onEvent: (e) => events.push(e),
    });
    expect(run.skipped).toEqual([{ id: 'broken-1', reason: 'not a readable image (truncated)' }]);
    expect(events).toContainEqual({ type: 'skipped', id: 'broken-1', reason: 'not a readable image (truncated)' });
    expect(run.images.train + run.images.val).toBe(24);
    expect(run.extracted).toBe(0);
    run.head.dispose();
  });
});

describe('viewMatrix', () => {
  it("stacks each image's views and says which rows are whose", () => {
    const plain = new Map([
      ['a', Float32Array.of(1, 1)],
      ['b', Float32Array.of(2, 2)],
    ]);
    const mirror = new Map([['a', Float32Array.of(3, 3)]]); // b is a validation image: no views
    const { x, labels, views } = viewMatrix(
      [plain, mirror],
      [
        { id: 'a', label: 1 },
        { id: 'b', label: 0 },
      ],
      2,
    );
    expect(x.arraySync()).toEqual([
      [1, 1],
      [3, 3],
      [2, 2],
    ]);
    expect(Array.from(labels)).toEqual([1, 0]);
    expect(views).toEqual([[0, 1], [2]]);
    x.dispose();
  });
});
