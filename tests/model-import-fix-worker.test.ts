import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { buildHead } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import type { TrainedModel } from '../src/core/train-model';
import { studioModel } from '../src/worker/studio-model';
import { useBackend } from './helpers';
import { modelFiles, modelZip, TM_IMAGE_METADATA, tmShapedModel } from './helpers-model-zip';

beforeAll(() => useBackend('cpu'));

/** Teachable Machine's shape, zipped with its labels */
async function tmZip(): Promise<Uint8Array> {
  const model = tmShapedModel();
  const files = await modelFiles(model);
  model.dispose();
  return modelZip(files, TM_IMAGE_METADATA);
}

function trained(): TrainedModel {
  const head = buildHead(3, 2, 0, 0, 1);
  return {
    outcome: { head, classes: ['a', 'b'], valPredictions: [], history: [], valAccuracy: 1 } as never,
    card: { trainableParams: 0, frozenParams: 0 } as TrainedModel['card'],
    trainedOn: 'cpu',
    startedFrom: null,
    settings: { ...DEFAULT_SETTINGS },
  };
}

describe('a Teachable-Machine-shaped import in the worker', () => {
  it("doesn't leak its nested head's weights when replaced, set aside or moved to another backend", async () => {
    const zip = await tmZip();
    const model = studioModel({
      backbone: () => null,
      requireBackbone: () => {
        throw new Error('Load a backbone first');
      },
      cache: new FeatureCache(),
      runActive: () => false,
    });
    const before = tf.memory().numTensors;
    await model.importZip(zip);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    // another import takes its place
    await model.importZip(zip);
    // a run's model takes its place
    model.keep(trained(), DEFAULT_SETTINGS, undefined);
    await model.dropTrained();
    expect(tf.memory().numTensors).toBe(before);

    // read again onto another backend, the copy on the one before goes
    await model.importZip(zip);
    await tf.setBackend('wasm');
    try {
      await model.followBackend();
      expect(model.imported()).not.toBeNull();
    } finally {
      await tf.setBackend('cpu');
    }
    await model.followBackend();
    model.keep(trained(), DEFAULT_SETTINGS, undefined);
    await model.dropTrained();
    expect(tf.memory().numTensors).toBe(before);
  });
});
