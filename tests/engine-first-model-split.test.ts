import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { POOLED_BOUNDARY } from '../src/core/backbones/backbone';
import { trainValSplit } from '../src/core/data/train-val';
import { FeatureCache } from '../src/core/features/cache';
import { trainPipeline, type TrainOutcome } from '../src/core/pipeline';
import type { FirstModelBudget } from '../src/core/pipeline-first';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { fakeBackbone, solidImage, useBackend } from './helpers';

const images = [0, 1].flatMap((label) => Array.from({ length: 40 }, (_, i) => ({ id: `c${label}-${i}`, label })));

describe('trainValSplit: an unreadable image moves no other image across', () => {
  it('drops out of the split drawn over every image, every other image keeping its side', () => {
    const settings = { valSplit: 0.2, seed: 1 };
    const all = trainValSplit(images, { has: () => true }, settings);
    for (const bad of ['c0-7', 'c0-33', 'c1-0']) {
      const without = trainValSplit(images, { has: (id) => id !== bad }, settings);
      const ids = (l: { id: string }[]) => l.map((i) => i.id);
      expect(ids(without.train)).toEqual(ids(all.train).filter((id) => id !== bad));
      expect(ids(without.val)).toEqual(ids(all.val).filter((id) => id !== bad));
    }
  });

  it('still keeps a class on both sides when its only image on one side cannot be read', () => {
    // 3 images at 20 %: one to validate, two to train
    const small = [0, 1].flatMap((label) => Array.from({ length: 3 }, (_, i) => ({ id: `s${label}-${i}`, label })));
    const settings = { valSplit: 0.2, seed: 3 };
    const all = trainValSplit(small, { has: () => true }, settings);
    const onlyVal = all.val.find((i) => i.label === 0)!.id;
    const without = trainValSplit(small, { has: (id) => id !== onlyVal }, settings);
    for (const side of [without.train, without.val]) expect(side.filter((i) => i.label === 0)).toHaveLength(1);
    // a class left with no training image gets one of its validation images back
    const two = [0, 1].flatMap((label) => Array.from({ length: 3 }, (_, i) => ({ id: `t${label}-${i}`, label })));
    const half = { valSplit: 0.5, seed: 3 };
    const split = trainValSplit(two, { has: () => true }, half);
    const onlyTrain = split.train.find((i) => i.label === 1)!.id;
    const fixed = trainValSplit(two, { has: (id) => id !== onlyTrain }, half);
    expect(fixed.train.filter((i) => i.label === 1)).toHaveLength(1);
    expect(fixed.val.filter((i) => i.label === 1)).toHaveLength(1);
  });
});

describe('trainPipeline: a first model on part of the images, one image unreadable', () => {
  beforeAll(() => useBackend('wasm'));
  const BAD = 'c0-33';
  const decode = async (id: string) => {
    if (id === BAD) throw new Error('corrupt');
    return solidImage(8, 8, [Number(id[1]) * 100, (Number(id.split('-')[1]) * 37) % 256, 10]);
  };
  const settings: TrainSettings = {
    ...DEFAULT_SETTINGS,
    recipe: 'manual',
    epochs: 4,
    augmentViews: 2,
    batchSize: 8,
    earlyStopPatience: 0,
  };
  const now: FirstModelBudget = { seconds: 0, minTrainPerClass: 2, minValPerClass: 1, finishWithinSeconds: 0 };

  it('never validates the full model, nor judges the first, on images the first model trained on', async () => {
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    let first: TrainOutcome | null = null;
    let firstTrained = new Set<string>();
    const final = await trainPipeline({
      classes: ['a', 'b'],
      images,
      decode,
      settings,
      backbone: fakeBackbone(),
      cache,
      firstModelBudget: now,
      onFirstModel: (f) => {
        first = f;
        // what the first model saw: the plain rows extracted so far, less the images it validated on
        const table = cache.table(FeatureCache.key('fake', POOLED_BOUNDARY, settings.cropMode));
        const validated = new Set(f.valPredictions.map((p) => p.id));
        firstTrained = new Set(images.filter((i) => table.has(i.id) && !validated.has(i.id)).map((i) => i.id));
      },
    });
    const f = first as TrainOutcome | null;
    if (!f) throw new Error('no first model');
    // a part, not every image, and the unreadable one was skipped
    expect(f.partOf).toBeDefined();
    expect(firstTrained.size).toBe(f.images.train);
    expect(final.skipped.map((s) => s.id)).toEqual([BAD]);
    expect(final.images.train + final.images.val).toBe(79);
    const leaked = final.valPredictions.filter((p) => firstTrained.has(p.id)).map((p) => p.id);
    expect(leaked).toEqual([]);
    expect(final.firstOnAllVal).toBeDefined();
    f.head.dispose();
    final.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
