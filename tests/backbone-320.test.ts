import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { declaredAt } from '../src/core/backbones/input-size';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { backboneBlocks } from '../src/core/finetune/blocks';
import { loadLocalBackbone, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

const input = (shape: (number | null)[]) => ({
  class_name: 'InputLayer',
  config: { batch_input_shape: shape, name: 'input_1' },
});

describe('declaredAt: the declared image input of a model, resized', () => {
  it('changes every square image input, nested models included, on a copy', () => {
    const topology = {
      class_name: 'Sequential',
      config: {
        layers: [
          {
            class_name: 'Model',
            config: { layers: [input([null, 224, 224, 3]), { class_name: 'Conv2D', config: {} }] },
          },
        ],
      },
    };
    const artifacts = { modelTopology: topology };
    const resized = declaredAt(artifacts, 320);
    expect(JSON.stringify(resized.modelTopology)).toContain('[null,320,320,3]');
    expect(JSON.stringify(resized.modelTopology)).not.toContain('224');
    // the cached files keep what they were
    expect(JSON.stringify(topology)).toContain('[null,224,224,3]');
  });

  it('leaves alone a model already at the size, one with free dimensions, and non-square or non-RGB inputs', () => {
    for (const shape of [
      [null, 320, 320, 3],
      [null, null, null, 3],
      [null, 224, 160, 3],
      [null, 224, 224, 1],
    ]) {
      const artifacts = { modelTopology: { config: { layers: [input(shape)] } } };
      expect(declaredAt(artifacts, 320)).toBe(artifacts);
    }
  });
});

describe('the "at 320 px" backbones', () => {
  it.each([
    // the feature layer's channels and the joined earlier map's (backbone.ts MID_POOL)
    ['mobilenet-v1-0.25', 256 + 128, 'conv1'],
    ['mobilenet-v2-0.35', 1280 + 192, 'Conv1'],
  ])(
    '%s@320 runs the same weights on 320-px images: a 10×10 map, the same features wide',
    async (id, width, firstConv) => {
      const start = tf.memory().numTensors;
      const at224 = await loadLocalBackbone(id);
      const at320 = await loadLocalBackbone(`${id}@320`);
      expect(at320.spec.inputSize).toBe(320);
      expect(at320.featureModel!.inputs[0].shape).toEqual([null, 320, 320, 3]);
      expect(at320.featureModel!.outputs[0].shape).toEqual([null, 10, 10, width]);
      expect(at320.paramCount).toBe(at224.paramCount);
      const kernel = (b: typeof at224) => b.featureModel!.getLayer(firstConv).getWeights()[0].dataSync();
      expect(Array.from(kernel(at320))).toEqual(Array.from(kernel(at224)));
      // the same blocks to unfreeze, their maps larger
      const blocks = backboneBlocks(at320);
      expect(blocks.length).toBe(getBackboneSpec(`${id}@320`).blockCount);
      expect(blocks.at(-1)!.outputShape.slice(0, 2)).toEqual([10, 10]);
      const features = tf.tidy(() =>
        at320.extract(tf.randomUniform([2, 320, 320, 3], -1, 1, 'float32', 3) as tf.Tensor4D),
      );
      expect(features.shape).toEqual([2, width]);
      expect(Array.from(await features.data()).some((v) => v > 0)).toBe(true);
      features.dispose();
      at224.dispose();
      at320.dispose();
      expect(tf.memory().numTensors).toBe(start);
    },
  );
});
