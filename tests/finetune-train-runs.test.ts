import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { FeatureCache } from '../src/core/features/cache';
import { fineTunedAbove, releasePretrained, restorePretrained } from '../src/core/finetune/weights';
import { trainPipeline } from '../src/core/pipeline';
import { findLearningRate } from '../src/core/find-learning-rate';
import type { Head } from '../src/core/train/head';
import { rowToFloat32 } from '../src/core/features/float16';
import { fineTuneRuns, mobileNetV1OnWasm, snapshot } from './helpers-finetune';

let v1: Backbone;
beforeAll(async () => {
  v1 = await mobileNetV1OnWasm();
});
afterAll(() => v1?.dispose());

/** class probabilities of a batch through the backbone and a head */
const predictBatch = (b: Backbone, head: Head, x: tf.Tensor4D) => tf.softmax(head.logits(b.extract(x)));

describe('fine-tuning through trainPipeline', () => {
  const { classes, images, decode, settings, headOnlyRun } = fineTuneRuns(() => v1);

  it('trains only the unfrozen block, keeps BN statistics, reuses the cache, restores the pretrained weights', async () => {
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    const frozen = ['conv_pw_12', 'conv_pw_12_bn', 'conv_dw_13_bn', 'conv_pw_13_bn'];
    const original = Object.fromEntries([...frozen, 'conv_pw_13'].map((l) => [l, snapshot(v1, l)]));
    const first = await trainPipeline({ backbone: v1, classes, images, decode, cache, settings });
    expect(first.boundary).toBe('conv_pw_12_relu');
    expect(first.extracted).toBe(12 + first.images.train); // every image once, one view of each training image
    expect(first.history).toHaveLength(2);
    expect(fineTunedAbove(v1)).toBe(12);
    // frozen layers and every moving mean/variance bit-identical; the unfrozen kernel was written back
    expect(snapshot(v1, 'conv_pw_12')).toEqual(original.conv_pw_12);
    expect(snapshot(v1, 'conv_pw_12_bn')).toEqual(original.conv_pw_12_bn);
    for (const bn of ['conv_dw_13_bn', 'conv_pw_13_bn'])
      expect(snapshot(v1, bn).slice(2)).toEqual(original[bn].slice(2));
    expect(snapshot(v1, 'conv_pw_13')).not.toEqual(original.conv_pw_13);
    first.head.dispose();

    // same boundary: everything comes from the cache
    const second = await trainPipeline({ backbone: v1, classes, images, decode, cache, settings });
    expect(second.extracted).toBe(0);
    second.head.dispose();
    // a lower boundary is another key: the prefix runs again
    const third = await trainPipeline({
      backbone: v1,
      classes,
      images,
      decode,
      cache,
      settings: { ...settings, unfreeze: 2 },
    });
    expect(third.boundary).toBe('conv_pw_11_relu');
    expect(third.extracted).toBe(12 + third.images.train);
    third.head.dispose();
    // head-only runs put the pretrained weights back first
    const headOnly = await trainPipeline({
      backbone: v1,
      classes,
      images,
      decode,
      cache,
      settings: { ...settings, unfreeze: 0, epochs: 1 },
    });
    expect(fineTunedAbove(v1)).toBeNull();
    expect(snapshot(v1, 'conv_pw_13')).toEqual(original.conv_pw_13);
    headOnly.head.dispose();
    expect(restorePretrained(v1, cache)).toBe(false);
    releasePretrained(v1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the LR finder sweeps on pretrained features and leaves the fine-tuned weights (and the model) in place', async () => {
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    const original = snapshot(v1, 'conv_pw_13');
    const run = await trainPipeline({ backbone: v1, classes, images, decode, cache, settings });
    const tuned = snapshot(v1, 'conv_pw_13');
    expect(tuned).not.toEqual(original);
    const input = tf.tidy(() => tf.randomUniform([2, 224, 224, 3], -1, 1, 'float32', 3) as tf.Tensor4D);
    const answer = async () => {
      const p = tf.tidy(() => predictBatch(v1, run.head, input));
      const values = Array.from(await p.data());
      p.dispose();
      return values;
    };
    const beforeSweep = await answer();
    let sawPretrained = false;
    const sweep = await findLearningRate({
      backbone: v1,
      classes,
      images,
      decode,
      cache,
      settings,
      options: { steps: 12 },
      onEvent: (e) => {
        if (e.type === 'lr-step' && e.step === 1)
          sawPretrained = JSON.stringify(snapshot(v1, 'conv_pw_13')) === JSON.stringify(original);
      },
    });
    expect(sweep.extracted).toBe(12); // pooled features of the pretrained backbone, every image
    expect(sawPretrained).toBe(true);
    expect(snapshot(v1, 'conv_pw_13')).toEqual(tuned);
    expect(fineTunedAbove(v1)).toBe(12);
    expect(await answer()).toEqual(beforeSweep);
    // the pretrained rows it extracted do not pass for the fine-tuned backbone's
    const headOnlyAfter = await headOnlyRun(cache);
    expect(headOnlyAfter.extracted).toBe(12);
    headOnlyAfter.head.dispose();
    input.dispose();
    run.head.dispose();
    releasePretrained(v1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a single block switched off inside the unfrozen top stays bit-identical while the blocks around it train', async () => {
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    const original = Object.fromEntries(
      ['conv_dw_12', 'conv_pw_12', 'conv_pw_12_bn', 'conv_pw_13', 'conv_pw_11'].map((l) => [l, snapshot(v1, l)]),
    );
    // train blocks 11 and 13, keep block 12 frozen between them
    const run = await trainPipeline({
      backbone: v1,
      classes,
      images,
      decode,
      cache,
      settings: { ...settings, unfreeze: 3, frozenBlocks: ['block_12'] },
    });
    expect(run.boundary).toBe('conv_pw_10_relu');
    for (const l of ['conv_dw_12', 'conv_pw_12', 'conv_pw_12_bn']) expect(snapshot(v1, l)).toEqual(original[l]);
    expect(snapshot(v1, 'conv_pw_13')).not.toEqual(original.conv_pw_13);
    expect(snapshot(v1, 'conv_pw_11')).not.toEqual(original.conv_pw_11);
    run.head.dispose();
    restorePretrained(v1, cache);
    releasePretrained(v1);
    expect(snapshot(v1, 'conv_pw_13')).toEqual(original.conv_pw_13);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('moving the boundary up computes the new rows from the cache below it, equal to a fresh prefix pass', async () => {
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    const low = await trainPipeline({
      backbone: v1,
      classes,
      images,
      decode,
      cache,
      settings: { ...settings, unfreeze: 3, epochs: 1 },
    });
    low.head.dispose();
    const lifted = await trainPipeline({
      backbone: v1,
      classes,
      images,
      decode,
      cache,
      settings: { ...settings, unfreeze: 1, epochs: 1 },
    });
    lifted.head.dispose();
    expect(lifted.extracted).toBe(0); // nothing decoded, no prefix pass
    expect(lifted.lifted).toBe(12 + lifted.images.train);
    const fresh = new FeatureCache();
    const direct = await trainPipeline({
      backbone: v1,
      classes,
      images,
      decode,
      cache: fresh,
      settings: { ...settings, unfreeze: 1, epochs: 1 },
    });
    direct.head.dispose();
    expect(direct.extracted).toBe(12 + direct.images.train);
    const key = FeatureCache.viewKey('mobilenet-v1-0.25', 'conv_pw_12_relu', 'center', 0);
    const a = rowToFloat32(cache.peek(key)!.get('img5')!);
    const b = rowToFloat32(fresh.peek(key)!.get('img5')!);
    // the boundary activation, then the pooled block-11 map the backbone joins (made on the way up)
    expect(a.length).toBe(7 * 7 * 256 + 7 * 7 * 128);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThan(1e-3);
    restorePretrained(v1, cache);
    releasePretrained(v1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
