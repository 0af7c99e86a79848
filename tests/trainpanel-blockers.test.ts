import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { FeatureCache } from '../src/core/features/cache';
import type { Decoder } from '../src/core/features/extract';
import { startCheckpoint, type HeadStart } from '../src/core/model-import/head-start';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { trainModel } from '../src/core/train-model';
import type { StartFrom } from '../src/state/model-in-use';
import { continueBlockers, startingPointFor } from '../src/ui/train-blockers';

const head: HeadStart = {
  modelName: 'signs.zip',
  labels: ['a', 'b'],
  hiddenUnits: 100,
  hidden: { kernel: new Float32Array(4 * 100), bias: new Float32Array(100) },
  out: { kernel: new Float32Array(100 * 2), bias: new Float32Array(2) },
  featureSize: 4,
};
const start: StartFrom = { modelName: head.modelName, labels: head.labels, backboneId: 'b1', hiddenUnits: 100 };
/** what "Continue training this model" leaves (state/training.ts continueFrom) */
const continued: TrainSettings = {
  ...DEFAULT_SETTINGS,
  hiddenUnits: 100,
  unfreeze: 0,
  frozenBlocks: [],
  recipe: 'manual',
};

/** the worker's first refusal of a run continuing `head` with `settings` (it refuses before any image is read) */
async function workerRefusal(settings: TrainSettings): Promise<string> {
  const backbone = { spec: { featureSize: 4 } } as unknown as Backbone;
  return trainModel(
    { backbone: () => backbone, cache: new FeatureCache(), decode: {} as Decoder },
    { classes: ['a', 'b'], images: [], settings, headStart: head },
  ).then(
    () => 'no refusal',
    (err: Error) => err.message,
  );
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Train blocked while continuing an imported model', () => {
  it('a starting point applies only on the backbone it was cut from', () => {
    expect(startingPointFor(start, 'b1')).toBe(start);
    expect(startingPointFor(start, 'b2')).toBeNull();
    expect(startingPointFor(start, undefined)).toBeNull();
    expect(startingPointFor(null, 'b1')).toBeNull();
  });

  it('nothing blocks without a starting point, or with the settings Continue set', () => {
    expect(continueBlockers(null, { ...DEFAULT_SETTINGS, unfreeze: 2, recipe: 'auto' })).toEqual([]);
    expect(continueBlockers(start, continued)).toEqual([]);
  });

  it('the automatic recipe, an unfrozen block and another head size each block Train', () => {
    // the default recipe (unset) is the automatic one: the Head recipe select's "automatic"
    const { recipe: _r, ...unset } = continued;
    expect(continueBlockers(start, unset)).toEqual([
      'Continuing signs.zip trains the head it brings: set Head recipe to manual, or start from scratch for the automatic recipe.',
    ]);
    expect(continueBlockers(start, { ...continued, recipe: 'auto' })).toHaveLength(1);
    // a fine-tuning run resolves to the manual recipe: the unfrozen block is what to change
    expect(continueBlockers(start, { ...continued, unfreeze: 1, recipe: 'auto' })).toEqual([
      'Continuing signs.zip trains its head only: freeze the whole backbone (head only), or start from scratch to fine-tune.',
    ]);
    expect(continueBlockers(start, { ...continued, hiddenUnits: 64 })).toEqual([
      "signs.zip's head has 100 hidden units: set Hidden units to 100 to continue it, or start from scratch.",
    ]);
    // every one that applies, where the worker stops at the first
    expect(continueBlockers(start, { ...continued, recipe: 'auto', hiddenUnits: 64 })).toHaveLength(2);
  });

  it("says what the worker would refuse, in the worker's own words", async () => {
    for (const settings of [
      { ...continued, recipe: 'auto' as const },
      { ...continued, unfreeze: 1 },
      { ...continued, unfreeze: 1, hiddenUnits: 64 },
      { ...continued, hiddenUnits: 64 },
      { ...continued, recipe: 'auto' as const, hiddenUnits: 0 },
    ]) {
      const said = continueBlockers(start, settings);
      expect(said.length).toBeGreaterThan(0);
      expect(await workerRefusal(settings)).toBe(said[0]);
    }
    expect(() => startCheckpoint(head, ['a', 'b'], 64, 4)).toThrow(
      continueBlockers(start, { ...continued, hiddenUnits: 64 })[0],
    );
  });
});
