import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { FeatureCache } from '../src/core/features/cache';
import { backboneBlocks, boundaryForUnfreeze, IMAGE_BOUNDARY, unfreezeFromBlock } from '../src/core/finetune/blocks';
import { keptFrozenLayers, trainedBlocks } from '../src/core/finetune/freeze';
import { buildSuffix } from '../src/core/finetune/suffix';
import { metadata } from '../src/core/export/export-files';
import { fineTunedAbove, releasePretrained, restorePretrained } from '../src/core/finetune/weights';
import { trainPipeline } from '../src/core/pipeline';
import { findLearningRate } from '../src/core/find-learning-rate';
import { buildHead, type Head } from '../src/core/train/head';
import { rowToFloat32 } from '../src/core/features/float16';
import { DEFAULT_SETTINGS, validateSettings, type TrainSettings } from '../src/core/train/settings';
import type { TrainedModel } from '../src/core/train-model';
import { studioModel } from '../src/worker/studio-model';
import { localCandidate, redGreenImages, useBackend } from './helpers';
import { modelFiles, modelZip } from './helpers-model-zip';

// wasm: the fast ops train there, so these runs need no conv backprop kernels at all.
let v1: Backbone;
beforeAll(async () => {
  await useBackend('wasm');
  v1 = (
    await loadBackbone(getBackboneSpec('mobilenet-v1-0.25'), [localCandidate(getBackboneSpec('mobilenet-v1-0.25'))])
  ).backbone;
});
afterAll(() => v1?.dispose());

/** class probabilities of a batch through the backbone and a head */
const predictBatch = (b: Backbone, head: Head, x: tf.Tensor4D) => tf.softmax(head.logits(b.extract(x)));
const snapshot = (b: Backbone, layer: string) =>
  b
    .featureModel!.getLayer(layer)
    .getWeights()
    .map((w) => Array.from(w.dataSync()));

describe('blocks', () => {
  it('MobileNet v1: stem + 13 depthwise-separable blocks, boundaries at block outputs', () => {
    const blocks = backboneBlocks(v1);
    expect(blocks).toHaveLength(14);
    expect(blocks[0]).toMatchObject({ name: 'stem', outputLayer: 'conv1_relu', outputShape: [112, 112, 8] });
    expect(blocks[0].layers.map((l) => l.name)).toEqual(['conv1', 'conv1_bn', 'conv1_relu']);
    expect(blocks[13].layers.map((l) => l.name)).toEqual([
      'conv_dw_13',
      'conv_dw_13_bn',
      'conv_dw_13_relu',
      'conv_pw_13',
      'conv_pw_13_bn',
      'conv_pw_13_relu',
    ]);
    expect(blocks.reduce((n, b) => n + b.params, 0)).toBe(v1.paramCount);
    expect(boundaryForUnfreeze(blocks, 0)).toBe('pooled');
    expect(boundaryForUnfreeze(blocks, 2)).toBe('conv_pw_11_relu');
    expect(boundaryForUnfreeze(blocks, 14)).toBe(IMAGE_BOUNDARY);
    expect(() => boundaryForUnfreeze(blocks, 15)).toThrow(/from 0 to 14/);
    expect(unfreezeFromBlock(blocks, 12)).toBe(2);
  });

  it('MobileNetV2 (nested in a Teachable Machine export): stem, inverted residuals, Conv_1', async () => {
    const spec = getBackboneSpec('mobilenet-v2-0.35');
    const { backbone: v2 } = await loadBackbone(spec, [localCandidate(spec)]);
    const blocks = backboneBlocks(v2);
    expect(blocks.map((b) => b.name)).toEqual([
      'stem',
      'expanded_conv',
      ...Array.from({ length: 16 }, (_, i) => `block_${i + 1}`),
      'Conv_1',
    ]);
    expect(blocks[2].outputLayer).toBe('block_1_project_BN');
    expect(blocks[3].outputLayer).toBe('block_2_add');
    expect(blocks[18]).toMatchObject({ outputLayer: 'out_relu', outputShape: [7, 7, 1280] });
    expect(blocks.reduce((n, b) => n + b.params, 0)).toBe(v2.paramCount);
    v2.dispose();
  });

  it('settings accept 0..block count', () => {
    expect(validateSettings({ ...DEFAULT_SETTINGS, unfreeze: 2 }, 14)).toEqual([]);
    expect(validateSettings({ ...DEFAULT_SETTINGS, unfreeze: 15 }, 14)).toEqual([
      'Unfreeze (backbone blocks to train) must be a whole number from 0 to 14',
    ]);
    expect(validateSettings({ ...DEFAULT_SETTINGS, unfreeze: 1 }, 0)[0]).toMatch(/graph model/);
  });
});

describe('suffix semantics', () => {
  it("runs BatchNorm in inference mode: an image's output does not depend on its batch", async () => {
    const suffix = buildSuffix(v1, 'conv_pw_11_relu');
    const x = tf.randomUniform([3, 14, 14, 128], 0, 6, 'float32', 2) as tf.Tensor4D;
    const diff = tf.tidy(() =>
      suffix
        .apply(x)
        .slice(0, 1)
        .sub(suffix.apply(x.slice(0, 1)))
        .abs()
        .max(),
    );
    expect((await diff.data())[0]).toBeLessThan(1e-5);
    tf.dispose([x, diff]);
    suffix.dispose();
  });
});

describe('fine-tuning through trainPipeline', () => {
  const { classes, images, decode } = redGreenImages();
  const settings: TrainSettings = {
    ...DEFAULT_SETTINGS,
    unfreeze: 1,
    epochs: 2,
    batchSize: 4,
    augmentViews: 1,
    warmupEpochs: 1,
    valSplit: 0.34,
  };
  /** one head-only epoch on plain features: it puts the pretrained weights back first */
  const headOnlyRun = (cache: FeatureCache) =>
    trainPipeline({
      backbone: v1,
      classes,
      images,
      decode,
      cache,
      settings: { ...settings, unfreeze: 0, epochs: 1, augmentViews: 0 },
    });

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

  it('a fine-tuned model kept in the worker answers the same while a next run holds the pretrained weights, and gets its weights back when that run keeps nothing', async () => {
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    const original = snapshot(v1, 'conv_pw_13');
    let runActive = false;
    const model = studioModel({ backbone: () => v1, requireBackbone: () => v1, cache, runActive: () => runActive });
    const run = await trainPipeline({ backbone: v1, classes, images, decode, cache, settings });
    const card = { trainableParams: 1, frozenParams: 1 } as TrainedModel['card'];
    model.keep({ outcome: run, card, trainedOn: 'wasm', startedFrom: null, settings }, settings, undefined);
    const tuned = snapshot(v1, 'conv_pw_13');
    const input = tf.tidy(() => tf.randomUniform([224, 224, 3], -1, 1, 'float32', 5) as tf.Tensor3D);
    const answer = async () => {
      const p = model.classifier().run(input);
      const values = Array.from(await p.data());
      p.dispose();
      return values;
    };
    const kept = await answer();

    // a next run starts by putting the pretrained weights back (pipeline.ts, finetune/run.ts)...
    runActive = true;
    restorePretrained(v1, cache);
    // ...the kept model still answers as it did, and the run's backbone keeps the pretrained weights
    expect(await answer()).toEqual(kept);
    expect(snapshot(v1, 'conv_pw_13')).toEqual(original);
    await expect(model.exportBundle(() => Promise.reject(new Error('not reached')), String)).rejects.toThrow(
      /download it once the run ends/,
    );
    // the run was stopped before it kept a model: the kept one gets its weights back
    runActive = false;
    model.settle();
    expect(snapshot(v1, 'conv_pw_13')).toEqual(tuned);
    expect(fineTunedAbove(v1)).toBe(12);
    expect(await answer()).toEqual(kept);

    // a head-only model replaces it: its copy goes
    const headOnly = await headOnlyRun(cache);
    model.keep({ outcome: headOnly, card, trainedOn: 'wasm', startedFrom: null, settings }, settings, undefined);
    model.settle();
    expect(snapshot(v1, 'conv_pw_13')).toEqual(original);
    model.dropTrained();
    input.dispose();
    releasePretrained(v1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a head-only model imported after a fine-tuned run answers on the pretrained backbone; the fine-tuned model answers as before once it goes', async () => {
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    const model = studioModel({ backbone: () => v1, requireBackbone: () => v1, cache, runActive: () => false });
    const input = tf.tidy(() => tf.randomUniform([224, 224, 3], -1, 1, 'float32', 7) as tf.Tensor3D);
    const values = (p: tf.Tensor) => {
      const v = Array.from(p.dataSync());
      p.dispose();
      return v;
    };
    // model A: a head on the pretrained backbone's features, downloaded as 'head only (zip)' (an
    // untrained head: a trained one is sure of itself on any input, on either backbone)
    const headA = buildHead(v1.spec.featureSize, classes.length, 0, 0, 3);
    const answerA = values(
      tf.tidy(() => (headA.model.predict(v1.extract(input.expandDims(0) as tf.Tensor4D)) as tf.Tensor).squeeze([0])),
    );
    const zipA = modelZip(
      await modelFiles(headA.model),
      metadata({ backbone: v1, head: headA, classes, settings: { ...settings, unfreeze: 0 } }),
    );
    headA.dispose();

    // model B: the top block fine-tuned, kept (the backbone holds its weights from now on)
    const b = await trainPipeline({ backbone: v1, classes, images, decode, cache, settings });
    const card = { trainableParams: 1, frozenParams: 1 } as TrainedModel['card'];
    model.keep({ outcome: b, card, trainedOn: 'wasm', startedFrom: null, settings }, settings, undefined);
    const answerB = values(model.classifier().run(input));
    const tuned = snapshot(v1, 'conv_pw_13');

    await model.importZip(zipA);
    const imported = values(model.classifier().run(input));
    for (let i = 0; i < answerA.length; i++) expect(imported[i]).toBeCloseTo(answerA[i], 5);
    // the backbone keeps B's weights (the next run's cache and B's own answers read them)
    expect(snapshot(v1, 'conv_pw_13')).toEqual(tuned);
    expect(fineTunedAbove(v1)).toBe(12);

    // 'Use the model trained here': the import goes, B answers again from memory
    expect(model.useTrained()).toBe(true);
    expect(values(model.classifier().run(input))).toEqual(answerB);
    model.dropTrained();
    expect(model.useTrained()).toBe(false);
    input.dispose();
    restorePretrained(v1, cache);
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

  it('keptFrozenLayers and trainedBlocks only count blocks inside the unfrozen top', () => {
    const blocks = backboneBlocks(v1);
    expect(trainedBlocks(blocks, 3, ['block_12', 'block_2']).map((b) => b.name)).toEqual(['block_11', 'block_13']);
    const kept = keptFrozenLayers(blocks, 3, ['block_12', 'block_2']);
    expect(kept.has('conv_dw_12')).toBe(true);
    expect(kept.has('conv_pw_12_bn')).toBe(true);
    expect([...kept].some((l) => l.includes('_2_') || l.endsWith('_2'))).toBe(false);
    expect(trainedBlocks(blocks, 0, ['block_13'])).toEqual([]);
    expect(
      validateSettings({ ...DEFAULT_SETTINGS, unfreeze: 2, frozenBlocks: ['block_12', 'block_13'] }, 14).join(' '),
    ).toMatch(/at least one/);
  });

  it('drops cached activations above a boundary whose weights changed', () => {
    const cache = new FeatureCache();
    for (const b of ['pooled', 'conv_pw_12_relu', 'conv_pw_11_relu#view1', 'conv_pw_10_relu'])
      cache.table(FeatureCache.key('m', b, 'center')).set('a', new Float32Array(1));
    cache.table(FeatureCache.key('other', 'pooled', 'center')).set('a', new Float32Array(1));
    const blocks = backboneBlocks(v1);
    const depth = (b: string) => blocks.findIndex((x) => x.outputLayer === b);
    // fine-tuned above conv_pw_11_relu (block 11): pooled and block 12's output are stale, 11 and below are not
    expect(cache.dropWhere('m', (b) => b === 'pooled' || depth(b) > 11)).toBe(2);
    expect(cache.stats().entries).toBe(3);
    expect(cache.dropBackbone('m')).toBe(2);
    expect(cache.stats().entries).toBe(1);
  });

  it('rejects unfreeze on a graph backbone with a clear message', async () => {
    const graph = { ...v1, featureModel: null, spec: getBackboneSpec('mobilenet-v1-0.25-graph') };
    await expect(
      trainPipeline({ backbone: graph, classes, images, decode, cache: new FeatureCache(), settings }),
    ).rejects.toThrow(/graph model: its blocks cannot be fine-tuned/);
  });
});
