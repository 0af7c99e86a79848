import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateBackbone } from '../src/core/backbones/backbone';
import { customBackboneSpec, inspectLayersModel, weightFingerprint } from '../src/core/backbones/custom';
import { loadBackbone } from '../src/core/backbones/load';
import { modelArtifacts } from '../src/core/export/export-files';
import { getBackboneSpec, registerBackbone } from '../src/core/backbones/registry';
import { inspectModelDir, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

const inspectDir = inspectModelDir;

/** A small CNN of someone's own: 48×48 input, two stages, a classifier on top. */
function tinyCnn(input: (number | null)[] = [48, 48, 3]): tf.LayersModel {
  return tf.sequential({
    name: 'my_cnn',
    layers: [
      tf.layers.conv2d({
        inputShape: input,
        filters: 4,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        name: 'stem',
      }),
      tf.layers.conv2d({
        filters: 8,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        name: 'stage2_a',
      }),
      tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', name: 'stage2_b' }),
      tf.layers.globalAveragePooling2d({ name: 'pool' }),
      tf.layers.dense({ units: 5, activation: 'softmax', name: 'classifier' }),
    ],
  });
}

describe('a backbone someone brings', () => {
  it('MobileNet v1 from its files: spatial layers deepest first, stage ends marked, the classifier left out, the last 7×7 map recommended', async () => {
    const { found } = await inspectDir('mobilenet_v1_0.25_224');
    expect(found.inputSize).toBe(224);
    expect(found.recommended).toBe('conv_pw_13_relu');
    expect(found.layers[0]).toMatchObject({ name: 'conv_pw_13_relu', shape: [7, 7, 256], stageEnd: true });
    expect(found.layers.filter((l) => l.stageEnd).map((l) => l.name)).toEqual([
      'conv_pw_13_relu',
      'conv_pw_11_relu',
      'conv_pw_5_relu',
      'conv_pw_3_relu',
      'conv_pw_1_relu',
    ]);
    // conv_preds is 1×1×1000: logits, not a feature map
    expect(found.layers.some((l) => l.name === 'conv_preds' || l.name.startsWith('reshape'))).toBe(false);
  });

  it('the Teachable Machine export (a model nested in a model) is opened up', async () => {
    const { found } = await inspectDir('mobilenet_v2_0.35_224_tm');
    expect(found.recommended).toBe('out_relu');
    expect(found.layers[0].shape).toEqual([7, 7, 1280]);
  });

  it('a small CNN of its own becomes a backbone with the chosen layer and pixel range, and extracts pooled features', async () => {
    const before = tf.memory().numTensors;
    const model = tinyCnn();
    const artifacts = await modelArtifacts(model);
    const found = inspectLayersModel(model, artifacts.weightData!);
    model.dispose();
    expect(found.layers.map((l) => [l.name, l.shape, l.stageEnd])).toEqual([
      ['stage2_b', [24, 24, 8], true],
      ['stage2_a', [24, 24, 8], false],
      ['stem', [48, 48, 4], true],
    ]);
    const spec = customBackboneSpec(found, { featureLayer: 'stem', pixelRange: { min: 0, max: 1 } });
    expect(spec).toMatchObject({
      inputSize: 48,
      featureSize: 4,
      featureLayer: 'stem',
      trainable: false,
      pixelRange: { min: 0, max: 1 },
    });
    registerBackbone(spec);
    expect(getBackboneSpec(spec.id)).toBe(spec);
    const backbone = await instantiateBackbone(spec, artifacts);
    const input = tf.ones([2, 48, 48, 3]) as tf.Tensor4D;
    const features = backbone.extract(input);
    expect(features.shape).toEqual([2, 4]);
    tf.dispose([input, features]);
    backbone.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('its id follows its weights, so a changed model never loads a stale cached copy', async () => {
    const a = await modelArtifacts(tinyCnn());
    const b = await modelArtifacts(tinyCnn());
    expect(weightFingerprint(a.weightData!)).toBe(weightFingerprint(a.weightData!));
    expect(weightFingerprint(a.weightData!)).not.toBe(weightFingerprint(b.weightData!));
  });

  it('refuses what cannot be a backbone, saying why', async () => {
    const dense = tf.sequential({ layers: [tf.layers.dense({ inputShape: [10], units: 3 })] });
    expect(() => inspectLayersModel(dense, new ArrayBuffer(4))).toThrow(/takes \[10\], not an RGB image/);
    const wide = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [32, 64, 3], filters: 2, kernelSize: 3 })] });
    expect(() => inspectLayersModel(wide, new ArrayBuffer(4))).toThrow(/32×64 images; the studio feeds square images/);
    const flat = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [8, 8, 3] }), tf.layers.dense({ units: 2 })],
    });
    expect(() => inspectLayersModel(flat, new ArrayBuffer(4))).toThrow(/no layer with a spatial feature map/);
    // any input size: the user picks one
    const any = tinyCnn([null, null, 3]);
    const found = inspectLayersModel(any, new ArrayBuffer(4));
    expect(found.inputSize).toBeNull();
    expect(() => customBackboneSpec(found, { featureLayer: 'stem', pixelRange: { min: -1, max: 1 } })).toThrow(
      /choose an input size/,
    );
    expect(
      customBackboneSpec(found, { featureLayer: 'stem', pixelRange: { min: -1, max: 1 }, inputSize: 96 }).inputSize,
    ).toBe(96);
    expect(() => customBackboneSpec(found, { featureLayer: 'nope', pixelRange: { min: -1, max: 1 } })).toThrow(
      /no feature layer "nope"/,
    );
    [dense, wide, flat, any].forEach((m) => m.dispose());
  });

  it('once gone from the cache, it asks for its files again', async () => {
    const model = tinyCnn();
    const spec = customBackboneSpec(inspectLayersModel(model, (await modelArtifacts(model)).weightData!), {
      featureLayer: 'stem',
      pixelRange: { min: 0, max: 1 },
    });
    model.dispose();
    const empty = { get: async () => undefined, put: async () => undefined };
    await expect(loadBackbone(spec, [], { cache: empty })).rejects.toThrow(
      /is a backbone you brought.*import its model\.json and weight files again/,
    );
  });
});
