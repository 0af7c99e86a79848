import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateBackbone } from '../src/core/backbones/backbone';
import { customBackboneSpec, inspectLayersModel } from '../src/core/backbones/custom';
import type { ArtifactCache } from '../src/core/backbones/load';
import { modelArtifacts } from '../src/core/export/export-files';
import { FeatureCache } from '../src/core/features/cache';
import type { ImportedModel } from '../src/core/model-import/read-model-zip';
import { customModelsApi } from '../src/worker/custom-models-api';
import { studioBackbone } from '../src/worker/studio-backbone';
import { useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

/** Four 3×3 stride-2 convolutions without padding: any input size, but a small one leaves no map at all. */
function shrinking(input: (number | null)[] = [null, null, 3], head = false): tf.LayersModel {
  const layers: tf.layers.Layer[] = [0, 1, 2, 3].map((i) =>
    tf.layers.conv2d({
      ...(i === 0 && { inputShape: input }),
      filters: 4,
      kernelSize: 3,
      strides: 2,
      padding: 'valid',
      activation: 'relu',
      name: `c${i}`,
    }),
  );
  if (head)
    layers.push(
      tf.layers.globalAveragePooling2d({ name: 'pool' }),
      tf.layers.dense({ units: 2, activation: 'softmax', name: 'out' }),
    );
  return tf.sequential({ name: 'shrinking', layers });
}

const cache = (): ArtifactCache & { map: Map<string, tf.io.ModelArtifacts> } => {
  const map = new Map<string, tf.io.ModelArtifacts>();
  return {
    map,
    get: async (k) => map.get(k),
    put: async (k, a) => void map.set(k, a),
    delete: async (k) => void map.delete(k),
    keys: async () => [...map.keys()],
  };
};

function worker(imported: () => ImportedModel | null = () => null) {
  const artifactCache = cache();
  const backbone = studioBackbone({
    ready: async () => ({}) as never,
    switchedTo: async () => undefined,
    artifactCache,
    cache: new FeatureCache(),
    replaced: () => undefined,
  });
  const { api } = customModelsApi({
    ready: async () => undefined,
    adopt: backbone.adopt,
    describe: backbone.describe,
    requireBackbone: backbone.require,
    imported,
    cache: artifactCache,
  });
  return { api, artifactCache };
}

describe('input sizes that cannot work', () => {
  it('a fixed size outside 16…1024 is named as such, not as "any image size"', () => {
    for (const side of [8, 2048]) {
      const found = { ...inspectLayersModel(shrinking(), new ArrayBuffer(4)), inputSize: side };
      const choose = () => customBackboneSpec(found, { featureLayer: 'c0', pixelRange: { min: 0, max: 1 } });
      expect(choose).toThrow(`takes ${side}×${side} images`);
      expect(choose).not.toThrow(/any image size/);
    }
  });

  it('an any-size model at a size that leaves no feature map is refused with the smallest size that works', async () => {
    const model = shrinking();
    const artifacts = await modelArtifacts(model);
    const found = inspectLayersModel(model, artifacts.weightData!);
    model.dispose();
    const at = (inputSize: number) =>
      instantiateBackbone(
        customBackboneSpec(found, { featureLayer: 'c3', pixelRange: { min: 0, max: 1 }, inputSize }),
        artifacts,
      );
    const before = tf.memory().numTensors;
    const refused = await at(16).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(refused).toMatch(/at 16×16 pixels .*c3.* has no pixels left/);
    const smallest = Number(/at least (\d+) pixels/.exec(refused!)?.[1]);
    expect(smallest).toBe(31);
    expect(tf.memory().numTensors).toBe(before);
    await expect(at(smallest - 1)).rejects.toThrow(`at least ${smallest} pixels`);
    const bb = await at(smallest);
    const features = bb.extract(tf.ones([1, smallest, smallest, 3]) as tf.Tensor4D);
    expect(features.shape).toEqual([1, 4]);
    features.dispose();
    bb.dispose();
  });

  it('the form says so in those words, and nothing is cached for the choice', async () => {
    const { api, artifactCache } = worker();
    const model = shrinking();
    const artifacts = await modelArtifacts(model);
    model.dispose();
    const modelJson = JSON.stringify({
      modelTopology: artifacts.modelTopology,
      format: 'layers-model',
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    });
    await api.inspectBackbone(
      [new File([modelJson], 'model.json'), new File([artifacts.weightData as ArrayBuffer], 'weights.bin')],
      () => undefined,
    );
    const use = (inputSize: number) =>
      api.useCustomBackbone({ featureLayer: 'c3', pixelRange: { min: 0, max: 1 }, inputSize }, () => undefined);
    const err = await use(24).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(err).toMatch(/^shrinking .*choose an input size of at least 31 pixels/);
    expect(artifactCache.map.size).toBe(0);
    expect((await use(64)).id).toMatch(/-64-/);
  });

  it('continuing an imported any-size model runs it at the size it was imported with', async () => {
    const model = shrinking([null, null, 3], true);
    const { api } = worker(() => ({
      model,
      labels: ['a', 'b'],
      inputSize: 96,
      cropMode: 'center',
      pixelRange: { min: -1, max: 1 },
      source: 'studio',
      name: 'shrinking.zip',
    }));
    const started = await api.continueImported();
    expect(started.spec.inputSize).toBe(96);
  });
});
