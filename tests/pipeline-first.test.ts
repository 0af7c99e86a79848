import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelledImage } from '../src/core/data/train-val';
import { FeatureCache } from '../src/core/features/cache';
import {
  FIRST_MODEL_EPOCHS,
  FIRST_MODEL_MAX_EPOCHS,
  firstModelEpochs,
  trainPipeline,
  type PipelineEvent,
  type TrainOutcome,
} from '../src/core/pipeline';
import { firstModelOrder, firstModelPart, type FirstModelBudget } from '../src/core/pipeline-first';
import { DEFAULT_SETTINGS, resolveSettings, type TrainSettings } from '../src/core/train/settings';
import { fakeBackbone, solidImage, useBackend } from './helpers';

const image = (label: number, i: number, split: 'train' | 'val'): LabelledImage & { split: string } => ({
  id: `c${label}-${split}-${i}`,
  label,
  split,
});
const many = (label: number, n: number, split: 'train' | 'val') =>
  Array.from({ length: n }, (_, i) => image(label, i, split));

describe('firstModelOrder: any prefix is a stratified sample', () => {
  it('takes the classes in turn and interleaves each class’s training and validation images in proportion', () => {
    const train = [...many(0, 8, 'train'), ...many(1, 4, 'train')];
    const val = [...many(0, 2, 'val'), ...many(1, 1, 'val')];
    const order = firstModelOrder(train, val);
    expect(order).toHaveLength(15);
    expect(new Set(order.map((i) => i.id)).size).toBe(15);
    // round robin while both classes have images, then the bigger class alone
    expect(order.slice(0, 10).map((i) => i.label)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(order.slice(10).every((i) => i.label === 0)).toBe(true);
    // class 0: 8 training and 2 validation images, one validation image in each half
    const c0 = order.filter((i) => i.label === 0).map((i) => i.split);
    expect(c0[0]).toBe('train');
    expect(c0.slice(0, 5).filter((s) => s === 'val')).toHaveLength(1);
    expect(c0.slice(5).filter((s) => s === 'val')).toHaveLength(1);
    // each list keeps its own order within a class
    const c0train = order.filter((i) => i.label === 0 && i.split === 'train').map((i) => i.id);
    expect(c0train).toEqual(many(0, 8, 'train').map((i) => i.id));
  });

  it('handles a class with no validation image and an empty split', () => {
    expect(firstModelOrder([], [])).toEqual([]);
    const order = firstModelOrder([...many(0, 3, 'train'), ...many(1, 1, 'train')], many(0, 1, 'val'));
    expect(order.map((i) => i.id)).toEqual(['c0-train-0', 'c1-train-0', 'c0-train-1', 'c0-val-0', 'c0-train-2']);
  });
});

describe('firstModelPart: when the first model stops waiting', () => {
  const budget: FirstModelBudget = { seconds: 3, minTrainPerClass: 2, minValPerClass: 1, finishWithinSeconds: 1 };
  const setup = (perClassTrain: number, perClassVal: number, classes = 2) => {
    const train = Array.from({ length: classes }, (_, c) => many(c, perClassTrain, 'train')).flat();
    const val = Array.from({ length: classes }, (_, c) => many(c, perClassVal, 'val')).flat();
    const order = firstModelOrder(train, val);
    const part = firstModelPart(order, new Set(val.map((i) => i.id)), classes, budget);
    return { order, part };
  };

  it('waits for the time budget and for every class to have its training and validation minimum', () => {
    const { order, part } = setup(20, 5);
    // nothing settled: never enough, however long it took
    expect(part.enough(100)).toBe(false);
    // two of each class's first images: training images only so far
    order.slice(0, 4).forEach((i) => part.settle(i, true));
    expect(part.covered()).toBe(false);
    expect(part.enough(100)).toBe(false);
    order.slice(4, 12).forEach((i) => part.settle(i, true));
    expect(part.covered()).toBe(true);
    expect(part.settled).toBe(12);
    // covered, but the budget's seconds have not passed yet
    expect(part.enough(2.9)).toBe(false);
    // 3 s for 12 images: the other 38 would take 9.5 s more, so the first model goes ahead
    expect(part.enough(3)).toBe(true);
  });

  it('an unreadable image does not count, and when the rest is quick it extracts them all', () => {
    const { order, part } = setup(2, 1);
    // a class's only validation image cannot be read: that class is never covered
    for (const i of order) part.settle(i, !(i.label === 1 && i.id.includes('val')));
    expect(part.covered()).toBe(false);
    // ...but every image has settled: that is always enough
    expect(part.enough(0)).toBe(true);

    const quick = setup(20, 5);
    quick.order.slice(0, 45).forEach((i) => quick.part.settle(i, true));
    // 45 images in 3 s: the last 5 take a third of a second, under finishWithinSeconds
    expect(quick.part.enough(3)).toBe(false);
    expect(quick.part.enough(30)).toBe(true);
  });

  it('a class smaller than the minimum needs all it has', () => {
    const train = [...many(0, 10, 'train'), ...many(1, 1, 'train')];
    const val = [...many(0, 3, 'val'), ...many(1, 1, 'val')];
    const order = firstModelOrder(train, val);
    const part = firstModelPart(order, new Set(val.map((i) => i.id)), 2, budget);
    order.slice(0, 6).forEach((i) => part.settle(i, true));
    expect(part.covered()).toBe(true);
  });
});

describe('trainPipeline: a first model on part of the images', () => {
  beforeAll(() => useBackend('wasm'));
  const images = [0, 1].flatMap((label) => Array.from({ length: 24 }, (_, i) => ({ id: `c${label}-${i}`, label })));
  const decode = async (id: string) =>
    solidImage(8, 8, [Number(id[1]) * 100, (Number(id.split('-')[1]) * 37) % 256, 10]);
  const settings: TrainSettings = {
    ...DEFAULT_SETTINGS,
    recipe: 'manual',
    epochs: 6,
    augmentViews: 2,
    batchSize: 4,
    earlyStopPatience: 0,
  };
  // no wait at all: the first model goes ahead after the first batch of 16 covers both classes
  const now: FirstModelBudget = { seconds: 0, minTrainPerClass: 2, minValPerClass: 1, finishWithinSeconds: 0 };

  it('trains the first model on a stratified part, then the same full model as a one-phase run', async () => {
    const before = tf.memory().numTensors;
    const events: PipelineEvent[] = [];
    let first: TrainOutcome | null = null;
    const args = { classes: ['a', 'b'], images, decode, settings };
    const final = await trainPipeline({
      ...args,
      backbone: fakeBackbone(),
      cache: new FeatureCache(),
      firstModelBudget: now,
      onEvent: (e) => events.push(e),
      onFirstModel: (f) => (first = f),
    });
    const f = first as TrainOutcome | null;
    if (!f) throw new Error('no first model');
    // 48 images: 38 to train on, 10 to validate; the first batch of 16 takes 8 of each class,
    // 6 training and 2 validation images (19 and 5 a class, interleaved in proportion)
    expect(f.extracted).toBe(16);
    expect(f.images).toEqual({ train: 12, val: 4 });
    expect(f.partOf).toEqual({ train: 38, val: 10 });
    // trained on plain features: what it trained with says no views (its run label read "2 views")
    expect(f.settings?.augmentViews).toBe(0);
    expect(events.find((e) => e.type === 'phase')).toEqual({ type: 'phase', phase: 'first', epochs: 6, images: 16 });
    // the rest: 6 validation images, and 38 training images' plain rows (12 cached) and 2 views each
    expect(final.extracted).toBe(48 + 2 * 38);
    expect(final.images).toEqual({ train: 38, val: 10 });
    expect(final.partOf).toBeUndefined();
    const rest = events.slice(events.findIndex((e) => e.type === 'phase' && e.phase === 'final'));
    expect(rest.filter((e) => e.type === 'extract').at(-1)).toEqual({
      type: 'extract',
      done: 6 + 38 * 3,
      total: 6 + 38 * 3,
    });
    // the full model is the one a run without a first model trains
    const single = await trainPipeline({ ...args, backbone: fakeBackbone(), cache: new FeatureCache() });
    expect(single.valPredictions).toEqual(final.valPredictions);
    expect(single.history.map((h) => h.loss)).toEqual(final.history.map((h) => h.loss));
    [f.head, final.head, single.head].forEach((h) => h.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('Stop in the full model judges the first one on every validation image', async () => {
    const before = tf.memory().numTensors;
    let first: TrainOutcome | null = null;
    let batches = 0;
    const kept = await trainPipeline({
      classes: ['a', 'b'],
      images,
      decode,
      settings,
      backbone: fakeBackbone(),
      cache: new FeatureCache(),
      firstModelBudget: now,
      onEvent: (e) => e.type === 'batch' && first && batches++,
      onFirstModel: (f) => (first = f),
      shouldStop: () => batches >= 1,
    });
    const f = first as TrainOutcome | null;
    expect(kept.stopped).toBe(true);
    // whichever is kept, it was judged on all 10 validation images
    expect(kept.images.val).toBe(10);
    if (kept.phase === 'first') {
      expect(kept.head).toBe(f!.head);
      expect(kept.partOf).toEqual({ train: 38, val: 10 });
    } else f!.head.dispose();
    kept.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('trainPipeline: the first model under the automatic recipe', () => {
  beforeAll(() => useBackend('wasm'));
  it('trains the defaults, not fields typed earlier under the manual recipe (a learning rate of 0.5 answered Try it)', async () => {
    const before = tf.memory().numTensors;
    const images = [0, 1].flatMap((label) => Array.from({ length: 12 }, (_, i) => ({ id: `c${label}-${i}`, label })));
    const decode = async (id: string) => solidImage(8, 8, [Number(id[1]) * 100, Number(id.split('-')[1]) * 20, 10]);
    let first: TrainOutcome | null = null;
    const final = await trainPipeline({
      classes: ['a', 'b'],
      images,
      decode,
      settings: { ...DEFAULT_SETTINGS, recipe: 'auto', learningRate: 0.5, hiddenUnits: 7, augmentViews: 1 },
      backbone: fakeBackbone(),
      cache: new FeatureCache(),
      firstModelBudget: { seconds: 0, minTrainPerClass: 2, minValPerClass: 1, finishWithinSeconds: 0 },
      onFirstModel: (f) => (first = f),
    });
    const f = first as TrainOutcome | null;
    if (!f) throw new Error('no first model');
    // the knobs filled in by mode keep their head-only defaults (deleted, the first model trained without early stopping)
    expect(f.settings).toMatchObject({
      learningRate: DEFAULT_SETTINGS.learningRate,
      hiddenUnits: 512,
      earlyStopPatience: resolveSettings(DEFAULT_SETTINGS).earlyStopPatience,
      lrSchedule: 'constant',
    });
    expect(f.recipe).toBeNull();
    expect(final.recipe).not.toBeNull();
    f.head.dispose();
    final.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('firstModelEpochs', () => {
  it('keeps about the steps of a first model on 400 images, within its cap and the run’s epochs', () => {
    expect(firstModelEpochs(400, 32, 60)).toBe(FIRST_MODEL_EPOCHS);
    expect(firstModelEpochs(2000, 32, 60)).toBe(FIRST_MODEL_EPOCHS);
    // 54 images: 2 batches an epoch
    expect(firstModelEpochs(54, 32, 60)).toBe(FIRST_MODEL_MAX_EPOCHS);
    // 300 images: 10 batches an epoch, 156 steps in 16 epochs
    expect(firstModelEpochs(300, 32, 60)).toBe(16);
    expect(firstModelEpochs(54, 32, 8)).toBe(8);
  });
});
