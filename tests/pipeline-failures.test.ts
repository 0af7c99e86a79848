import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { StoppedError } from '../src/core/features/extract';
import { datasetProblems } from '../src/core/data/problems';
import { DatasetError } from '../src/core/data/train-val';
import { FIRST_MODEL_EPOCHS, trainPipeline, type PipelineEvent, type TrainOutcome } from '../src/core/pipeline';
import { fakeBackbone, solidImage } from './helpers';
import { loadSignDigitPhotos, plainSettings as settings, type SignDigitPhotos } from './helpers-pipeline-photos';

// the real-photo runs' setup (pipeline-real-photos.test.ts): the fake backbone's tensors and the
// numbers these tests check are on its wasm backend, with the real backbone held meanwhile as there
let photos: SignDigitPhotos | undefined;
beforeAll(async () => {
  photos = await loadSignDigitPhotos();
});

afterAll(() => photos?.backbone.dispose());

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
