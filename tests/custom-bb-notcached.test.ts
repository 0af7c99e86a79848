import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { customBackboneSpec, inspectLayersModel } from '../src/core/backbones/custom';
import type { ArtifactCache } from '../src/core/backbones/load';
import { modelArtifacts } from '../src/core/export/export-files';
import { FeatureCache } from '../src/core/features/cache';
import { customModelsApi } from '../src/worker/custom-models-api';
import { studioBackbone } from '../src/worker/studio-backbone';
import { useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

/** storage full: nothing can be put in the offline cache */
const fullCache = (): ArtifactCache => ({
  get: async () => undefined,
  put: async () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  },
  delete: async () => undefined,
  keys: async () => [],
});

/** someone's own small CNN; `seed` makes its weights (and so its id) its own */
async function tinyCnn(seed: number) {
  const init = tf.initializers.glorotUniform({ seed });
  const model = tf.sequential({
    name: `cnn_${seed}`,
    layers: [
      tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 4, kernelSize: 3, kernelInitializer: init, name: 'stem' }),
      tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, kernelInitializer: init, name: 'stage2' }),
      tf.layers.globalAveragePooling2d({ name: 'pool' }),
      tf.layers.dense({ units: 3, name: 'classifier' }),
    ],
  });
  const artifacts = await modelArtifacts(model);
  const modelJson = JSON.stringify({
    modelTopology: artifacts.modelTopology,
    format: 'layers-model',
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
  });
  const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
  const spec = customBackboneSpec(inspectLayersModel(model, artifacts.weightData!), {
    featureLayer: 'stage2',
    pixelRange: { min: 0, max: 1 },
  });
  model.dispose();
  return { modelJson, weights, spec };
}

function worker() {
  const artifactCache = fullCache();
  const backbone = studioBackbone({
    ready: async () => ({}) as never,
    switchedTo: async () => undefined,
    artifactCache,
    cache: new FeatureCache(),
    replaced: () => undefined,
  });
  const custom = customModelsApi({
    ready: async () => undefined,
    adopt: backbone.adopt,
    describe: backbone.describe,
    requireBackbone: backbone.require,
    imported: () => null,
    cache: artifactCache,
  });
  return { backbone, api: custom.api };
}

const OFFLINE = 'http://127.0.0.1:9/no-models/';

describe('a brought backbone the offline cache would not take (storage full)', () => {
  it('from the form: moves to another backend from the picked files', async () => {
    await useBackend('cpu');
    const { backbone, api } = worker();
    const { modelJson, weights } = await tinyCnn(1);
    const files = [new File([modelJson], 'model.json'), new File([weights], 'weights.bin')];
    await api.inspectBackbone(files, () => undefined);
    const info = await api.useCustomBackbone(
      { featureLayer: 'stage2', pixelRange: { min: 0, max: 1 } },
      () => undefined,
    );
    expect(info.notCached).toMatch(/quota/);
    await useBackend('wasm');
    try {
      const moved = await backbone.moveToActive(OFFLINE, () => undefined);
      expect(moved?.id).toBe(info.id);
      // a calibration's copy too
      const copy = await backbone.copy(OFFLINE);
      expect(copy.spec.id).toBe(info.id);
      copy.dispose();
    } finally {
      await useBackend('cpu');
    }
  });

  it('from a project zip: listed with why it was not kept, and loadable by its id for this visit', async () => {
    const { backbone, api } = worker();
    const { modelJson, weights, spec } = await tinyCnn(2);
    const brought = await api.bringBackbone(spec, modelJson, [{ name: 'weights.bin', bytes: weights }]);
    expect(brought).toMatchObject({ id: spec.id, notCached: expect.stringMatching(/quota/) });
    const info = await backbone.loadFrom(spec.id, OFFLINE, () => undefined);
    expect(info.id).toBe(spec.id);
    const features = backbone.require().extract(tf.zeros([1, 32, 32, 3]) as tf.Tensor4D);
    expect(features.shape).toEqual([1, 6]);
    features.dispose();
    // removed: its files go from memory too
    await api.forgetBackboneFiles(spec.id);
    await useBackend('wasm');
    try {
      await expect(backbone.moveToActive(OFFLINE, () => undefined)).rejects.toThrow(/no longer holds a copy/);
    } finally {
      await useBackend('cpu');
    }
  });
});
