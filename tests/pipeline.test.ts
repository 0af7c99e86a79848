import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { readDatasetDir } from '../src/core/data/dataset-dir';
import { decodeImageFile } from '../src/core/data/decode-node';
import { FeatureCache } from '../src/core/features/cache';
import { StoppedError } from '../src/core/features/extract';
import { datasetProblems } from '../src/core/data/problems';
import { DatasetError } from '../src/core/data/train-val';
import { viewMatrix } from '../src/core/features/matrix';
import {
  FIRST_MODEL_EPOCHS,
  trainPipeline,
  type LabelledImage,
  type PipelineEvent,
  type TrainOutcome,
} from '../src/core/pipeline';
import { predictProbabilities } from '../src/core/train/predict';
import { toModelInput } from '../src/core/data/preprocess';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { fakeBackbone, localCandidate, SIGN_DIGITS, solidImage, useBackend } from './helpers';

let backbone: Backbone;
let classes: string[];
let images: LabelledImage[];
const cache = new FeatureCache();
// the plain path: no augmented views (their own test below)
const settings: TrainSettings = { ...DEFAULT_SETTINGS, recipe: 'manual', epochs: 5, augmentViews: 0 };

beforeAll(async () => {
  await useBackend('wasm');
  backbone = (
    await loadBackbone(getBackboneSpec('mobilenet-v1-0.25'), [localCandidate(getBackboneSpec('mobilenet-v1-0.25'))])
  ).backbone;
  // 3 classes × 8 real photos
  const ds = await readDatasetDir(SIGN_DIGITS);
  classes = ds.classes.slice(0, 3);
  images = classes.flatMap((_, label) =>
    ds.files
      .filter((f) => f.label === label)
      .slice(0, 8)
      .map((f) => ({ id: f.path, label })),
  );
});

afterAll(() => backbone?.dispose());

describe('datasetProblems', () => {
  it('accepts a good dataset', () => {
    expect(datasetProblems(['cat', 'dog'], [2, 5])).toEqual([]);
  });

  it('names each problem', () => {
    expect(datasetProblems(['only'], [10])).toEqual(['Training needs at least 2 classes; there is 1.']);
    expect(datasetProblems([], [])).toEqual(['Training needs at least 2 classes; there are 0.']);
    expect(datasetProblems(['Cat', 'dog', ' cat '], [3, 3, 3])).toEqual(['Two classes are named " cat ".']);
    expect(datasetProblems(['cat', 'dog'], [1, 0])).toEqual([
      'Class "cat" has 1 readable image; it needs at least 2 (one to train on, one to validate).',
      'Class "dog" has 0 readable images; it needs at least 2 (one to train on, one to validate).',
    ]);
    expect(datasetProblems(['cat', '  '], [2, 2])).toEqual(['Class 2 has no name.']);
  });
});

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

describe('trainPipeline failures', () => {
  const fakeImages = (perClass: number[]) =>
    perClass.flatMap((n, label) => Array.from({ length: n }, (_, i) => ({ id: `c${label}-${i}`, label })));
  const decodeFake = async (id: string) =>
    solidImage(8, 8, [Number(id[1]) * 100, (Number(id.split('-')[1]) * 37) % 256, 10]);

  it('throws DatasetError when one class has no readable image', async () => {
    const before = tf.memory().numTensors;
    const decode = (id: string) =>
      id.startsWith('c1') ? Promise.reject(new Error('not a readable image (bad)')) : decodeFake(id);
    const err = await trainPipeline({
      backbone: fakeBackbone(),
      classes: ['a', 'b', 'c'],
      images: fakeImages([4, 4, 4]),
      decode,
      cache: new FeatureCache(),
      settings,
    }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(DatasetError);
    expect(err!.message).toBe(
      'Class "b" has 0 readable images; it needs at least 2 (one to train on, one to validate).',
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws DatasetError for a single class or duplicate names', async () => {
    const base = { backbone: fakeBackbone(), decode: decodeFake, cache: new FeatureCache(), settings };
    await expect(trainPipeline({ ...base, classes: ['a'], images: fakeImages([4]) })).rejects.toThrow(
      /at least 2 classes; there is 1/,
    );
    await expect(trainPipeline({ ...base, classes: ['a', 'A'], images: fakeImages([3, 3]) })).rejects.toBeInstanceOf(
      DatasetError,
    );
  });

  it('stops during extraction or the first epoch with StoppedError, and after an epoch with stopped=true', async () => {
    const before = tf.memory().numTensors;
    const base = {
      classes: ['a', 'b'],
      images: fakeImages([20, 20]),
      decode: decodeFake,
      settings: { ...settings, batchSize: 4 },
    };
    await expect(
      trainPipeline({ ...base, backbone: fakeBackbone(), cache: new FeatureCache(), shouldStop: () => true }),
    ).rejects.toBeInstanceOf(StoppedError);
    let batches = 0;
    // a head of a few steps is no model: the page keeps the one it had, as after a stop during extraction
    await expect(
      trainPipeline({
        ...base,
        backbone: fakeBackbone(),
        cache: new FeatureCache(),
        onEvent: (e) => e.type === 'batch' && batches++,
        shouldStop: () => batches >= 3,
      }),
    ).rejects.toBeInstanceOf(StoppedError);
    expect(batches).toBe(3);
    let epochs = 0;
    const stopped = await trainPipeline({
      ...base,
      backbone: fakeBackbone(),
      cache: new FeatureCache(),
      onEvent: (e) => e.type === 'epoch' && epochs++,
      shouldStop: () => epochs >= 1,
    });
    expect(stopped.stopped).toBe(true);
    expect(stopped.history).toHaveLength(1);
    stopped.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  describe('two phases: a first model on plain features, then the full model with augmented views', () => {
    const twoPhase = { ...settings, epochs: 20, augmentViews: 2, batchSize: 4, earlyStopPatience: 0 };
    const base = { classes: ['a', 'b'], images: fakeImages([10, 10]), decode: decodeFake, settings: twoPhase };

    it('hands over a first model before any view is extracted, then trains the full one', async () => {
      const before = tf.memory().numTensors;
      const cache = new FeatureCache();
      const backbone = fakeBackbone();
      const events: PipelineEvent[] = [];
      let first: TrainOutcome | null = null;
      let viewsAtFirst = -1;
      const final = await trainPipeline({
        ...base,
        backbone,
        cache,
        onEvent: (e) => events.push(e),
        onFirstModel: (f) => {
          first = f;
          viewsAtFirst = cache.table(FeatureCache.viewKey(backbone.spec.id, 'pooled', twoPhase.cropMode, 1)).size;
        },
      });
      const f = first as TrainOutcome | null;
      if (!f) throw new Error('no first model');
      expect(viewsAtFirst).toBe(0);
      expect(f.phase).toBe('first');
      expect(f.history).toHaveLength(FIRST_MODEL_EPOCHS);
      expect(f.extracted).toBe(20);
      expect(final.phase).toBe('final');
      expect(final.history).toHaveLength(20);
      expect(final.extracted).toBe(20 + 2 * final.images.train);
      expect(final.head).not.toBe(f.head);
      // phase events bracket the first model's epochs; the views' progress counts the views alone
      const phases = events.flatMap((e, i) => (e.type === 'phase' ? [[i, e.phase, e.epochs] as const] : []));
      expect(phases.map(([, p, n]) => [p, n])).toEqual([
        ['first', FIRST_MODEL_EPOCHS],
        ['final', 20],
      ]);
      expect(events.slice(phases[0][0], phases[1][0]).filter((e) => e.type === 'epoch')).toHaveLength(
        FIRST_MODEL_EPOCHS,
      );
      expect(events.filter((e) => e.type === 'extract').at(-1)).toEqual({
        type: 'extract',
        done: 2 * final.images.train,
        total: 2 * final.images.train,
      });
      f.head.dispose();
      final.head.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('Stop while the views are extracted keeps the first model', async () => {
      const before = tf.memory().numTensors;
      let first: TrainOutcome | null = null;
      const kept = await trainPipeline({
        ...base,
        backbone: fakeBackbone(),
        cache: new FeatureCache(),
        onFirstModel: (f) => (first = f),
        shouldStop: () => first !== null,
      });
      expect(kept.head).toBe((first as TrainOutcome | null)?.head);
      expect(kept.stopped).toBe(true);
      expect(kept.phase).toBe('first');
      kept.head.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('Stop while the automatic recipe cross-validates keeps the first model, as Stop while the views are extracted does', async () => {
      const before = tf.memory().numTensors;
      let first: TrainOutcome | null = null;
      const events: PipelineEvent[] = [];
      const auto = { ...base, settings: { ...twoPhase, recipe: 'auto' as const } };
      const kept = await trainPipeline({
        ...auto,
        backbone: fakeBackbone(),
        cache: new FeatureCache(),
        onEvent: (e) => events.push(e),
        onFirstModel: (f) => (first = f),
        // one fold done: Stop arrives in the middle of the cross-validation
        shouldStop: () => events.some((e) => e.type === 'recipe'),
      });
      expect(kept.head).toBe((first as TrainOutcome | null)?.head);
      expect(kept.stopped).toBe(true);
      expect(kept.phase).toBe('first');
      const final = events.slice(events.findIndex((e) => e.type === 'phase' && e.phase === 'final'));
      expect(final.filter((e) => e.type === 'recipe')).toEqual([{ type: 'recipe', done: 1, total: 3 }]);
      expect(final.some((e) => e.type === 'batch' || e.type === 'epoch')).toBe(false);
      kept.head.dispose();
      // a run with no model yet (no first model) stops as it does during extraction
      let folds = 0;
      await expect(
        trainPipeline({
          ...auto,
          backbone: fakeBackbone(),
          cache: new FeatureCache(),
          onEvent: (e) => e.type === 'recipe' && folds++,
          shouldStop: () => folds > 0,
        }),
      ).rejects.toBeInstanceOf(StoppedError);
      expect(folds).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('a first model kept by Stop after the automatic recipe chose does not carry that choice (it trained the fields as set)', async () => {
      const before = tf.memory().numTensors;
      let first: TrainOutcome | null = null;
      let fullBatches = 0;
      const events: PipelineEvent[] = [];
      const kept = await trainPipeline({
        ...base,
        settings: { ...twoPhase, recipe: 'auto' as const },
        backbone: fakeBackbone(),
        cache: new FeatureCache(),
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'batch' && events.some((x) => x.type === 'phase' && x.phase === 'final')) fullBatches++;
        },
        onFirstModel: (f) => (first = f),
        // the full model is stopped at its first step, once the recipe has chosen: the first model validates better
        shouldStop: () => fullBatches >= 1,
      });
      expect(events.some((e) => e.type === 'recipe')).toBe(true);
      expect(kept.phase).toBe('first');
      expect(kept.stopped).toBe(true);
      expect(kept.recipe).toBeNull();
      if (kept.head !== (first as TrainOutcome | null)?.head) (first as TrainOutcome | null)?.head.dispose();
      kept.head.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('Stop while the full model trains keeps whichever model validates better; without onFirstModel there is one phase', async () => {
      const before = tf.memory().numTensors;
      let first: TrainOutcome | null = null;
      let batches = 0;
      const kept = await trainPipeline({
        ...base,
        backbone: fakeBackbone(),
        cache: new FeatureCache(),
        onEvent: (e) => e.type === 'batch' && first && batches++,
        onFirstModel: (f) => (first = f),
        shouldStop: () => batches >= 2,
      });
      const f = first as TrainOutcome | null;
      expect(kept.stopped).toBe(true);
      expect(kept.valAccuracy).toBeGreaterThanOrEqual(f!.valAccuracy);
      if (kept.head !== f!.head) f!.head.dispose();
      kept.head.dispose();
      const events: PipelineEvent[] = [];
      const single = await trainPipeline({
        ...base,
        backbone: fakeBackbone(),
        cache: new FeatureCache(),
        onEvent: (e) => events.push(e),
      });
      expect(events.some((e) => e.type === 'phase')).toBe(false);
      expect(single.phase).toBeUndefined();
      single.head.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
