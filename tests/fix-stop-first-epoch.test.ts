import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { FeatureCache } from '../src/core/features/cache';
import { StoppedError } from '../src/core/features/extract';
import { fineTunedAbove, releasePretrained } from '../src/core/finetune/weights';
import { trainPipeline, type PipelineEvent, type TrainOutcome } from '../src/core/pipeline';
import type { Checkpoint } from '../src/core/train/epochs';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import type { TrainedModel } from '../src/core/train-model';
import { studioModel } from '../src/worker/studio-model';
import { fakeBackbone, localCandidate, redGreenImages, solidImage, useBackend } from './helpers';

// Stop pressed before a run's first epoch ended handed over a head of a few steps (and, fine-tuning,
// wrote its suffix into the backbone): the page replaced a good model with a near-chance one.

const fakeImages = (perClass: number[]) =>
  perClass.flatMap((n, label) => Array.from({ length: n }, (_, i) => ({ id: `c${label}-${i}`, label })));
const decodeFake = async (id: string) =>
  solidImage(8, 8, [Number(id[1]) * 100, (Number(id.split('-')[1]) * 37) % 256, 10]);
/** Stop once `n` batches have run (counted from the batch events) */
const stopAfterBatches = (n: number) => {
  let batches = 0;
  return {
    onEvent: (e: PipelineEvent) => void (e.type === 'batch' && batches++),
    shouldStop: () => batches >= n,
    batches: () => batches,
  };
};

describe('head only: Stop before the first epoch ends', () => {
  beforeAll(() => useBackend('wasm'));
  const settings: TrainSettings = {
    ...DEFAULT_SETTINGS,
    recipe: 'manual',
    epochs: 5,
    batchSize: 4,
    augmentViews: 0,
    earlyStopPatience: 0,
  };
  const base = { classes: ['a', 'b'], images: fakeImages([20, 20]), decode: decodeFake };

  it('with no augmented views: the run delivers no model (StoppedError), as a stop during extraction', async () => {
    const before = tf.memory().numTensors;
    const stop = stopAfterBatches(3);
    await expect(
      trainPipeline({ ...base, settings, backbone: fakeBackbone(), cache: new FeatureCache(), ...stop }),
    ).rejects.toBeInstanceOf(StoppedError);
    expect(stop.batches()).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("a two-phase run stopped in its first model's first epoch hands no first model over", async () => {
    const before = tf.memory().numTensors;
    const stop = stopAfterBatches(3);
    let firsts = 0;
    await expect(
      trainPipeline({
        ...base,
        settings: { ...settings, augmentViews: 2 },
        backbone: fakeBackbone(),
        cache: new FeatureCache(),
        onFirstModel: () => firsts++,
        ...stop,
      }),
    ).rejects.toBeInstanceOf(StoppedError);
    expect(firsts).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("a two-phase run stopped in its full model's first epoch keeps its first model", async () => {
    const before = tf.memory().numTensors;
    let first: TrainOutcome | null = null;
    let fullBatches = 0;
    const kept = await trainPipeline({
      ...base,
      settings: { ...settings, augmentViews: 2 },
      backbone: fakeBackbone(),
      cache: new FeatureCache(),
      onFirstModel: (f) => (first = f),
      onEvent: (e) => void (e.type === 'batch' && first && fullBatches++),
      shouldStop: () => fullBatches >= 3,
    });
    const f = first as TrainOutcome | null;
    expect(f).not.toBeNull();
    expect(kept.phase).toBe('first');
    expect(kept.stopped).toBe(true);
    expect(kept.head).toBe(f!.head);
    expect(kept.history.length).toBeGreaterThan(0);
    kept.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a resumed run stopped in its first new epoch still delivers the epochs its checkpoint holds', async () => {
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    let checkpoint: Checkpoint | null = null;
    const one = await trainPipeline({
      ...base,
      settings: { ...settings, epochs: 1 },
      backbone: fakeBackbone(),
      cache,
      onCheckpoint: (c) => (checkpoint = c),
    });
    one.head.dispose();
    expect(checkpoint).not.toBeNull();
    const stop = stopAfterBatches(3);
    const resumed = await trainPipeline({
      ...base,
      settings,
      backbone: fakeBackbone(),
      cache,
      resume: checkpoint!,
      ...stop,
    });
    expect(resumed.stopped).toBe(true);
    expect(resumed.history).toHaveLength(1);
    resumed.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fine-tuning: Stop before the first epoch ends', () => {
  let v1: Backbone;
  beforeAll(async () => {
    await useBackend('wasm');
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    v1 = (await loadBackbone(spec, [localCandidate(spec)])).backbone;
  });
  afterAll(() => v1?.dispose());
  const snapshot = (layer: string) =>
    v1
      .featureModel!.getLayer(layer)
      .getWeights()
      .map((w) => Array.from(w.dataSync()));

  it('delivers no model and writes nothing back: the fine-tuned model kept before gets its own weights back', async () => {
    const before = tf.memory().numTensors;
    const { classes, images, decode } = redGreenImages();
    const settings: TrainSettings = {
      ...DEFAULT_SETTINGS,
      unfreeze: 1,
      epochs: 2,
      batchSize: 2,
      augmentViews: 0,
      warmupEpochs: 0,
      valSplit: 0.34,
      earlyStopPatience: 0,
    };
    const cache = new FeatureCache();
    const original = snapshot('conv_pw_13');
    // a good fine-tuned model, kept as the worker keeps it
    const model = studioModel({ backbone: () => v1, requireBackbone: () => v1, cache, runActive: () => false });
    const good = await trainPipeline({ backbone: v1, classes, images, decode, cache, settings });
    const card = { trainableParams: 1, frozenParams: 1 } as TrainedModel['card'];
    model.keep({ outcome: good, card, trainedOn: 'wasm', startedFrom: null, settings }, settings, undefined);
    const tuned = snapshot('conv_pw_13');
    expect(tuned).not.toEqual(original);

    const stop = stopAfterBatches(3);
    await expect(
      trainPipeline({ backbone: v1, classes, images, decode, cache, settings, ...stop }),
    ).rejects.toBeInstanceOf(StoppedError);
    expect(stop.batches()).toBe(3);
    // the stopped run's suffix was not installed: the backbone holds the weights the run started from
    expect(fineTunedAbove(v1)).toBeNull();
    expect(snapshot('conv_pw_13')).toEqual(original);
    // and the model kept before gets its own back once the run has ended (worker: model.settle())
    model.settle();
    expect(snapshot('conv_pw_13')).toEqual(tuned);
    model.dropTrained();
    releasePretrained(v1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
