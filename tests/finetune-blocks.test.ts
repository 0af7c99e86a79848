import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { FeatureCache } from '../src/core/features/cache';
import { backboneBlocks, boundaryForUnfreeze, IMAGE_BOUNDARY, unfreezeFromBlock } from '../src/core/finetune/blocks';
import { keptFrozenLayers, trainedBlocks } from '../src/core/finetune/freeze';
import { buildSuffix } from '../src/core/finetune/suffix';
import { trainPipeline } from '../src/core/pipeline';
import { DEFAULT_SETTINGS, validateSettings } from '../src/core/train/settings';
import { localCandidate } from './helpers';
import { fineTuneRuns, mobileNetV1OnWasm } from './helpers-finetune';

let v1: Backbone;
beforeAll(async () => {
  v1 = await mobileNetV1OnWasm();
});
afterAll(() => v1?.dispose());

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
  const { classes, images, decode, settings } = fineTuneRuns(() => v1);

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
