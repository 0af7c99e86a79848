import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { buildHead } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import type { TrainedModel } from '../src/core/train-model';
import { studioModel } from '../src/worker/studio-model';
import { fakeBackbone, solidImage, useBackend } from './helpers';

const bb = fakeBackbone();

/** a kept model as a run hands it over (the first model, then the final one) */
const trained = (seed: number) =>
  ({
    outcome: {
      head: buildHead(bb.spec.featureSize, 2, 0, 0, seed),
      classes: ['a', 'b'],
      valPredictions: [
        { id: 'a0', label: 0, predicted: 0 },
        { id: 'b0', label: 1, predicted: 1 },
      ],
      history: [],
      valAccuracy: 1,
      perClass: [],
    },
    card: { classCounts: [2, 2], valAccuracy: 1, perClass: [], trainableParams: 1, frozenParams: 0 },
    trainedOn: 'cpu',
    startedFrom: null,
    settings: DEFAULT_SETTINGS,
  }) as unknown as TrainedModel;

const decode = async (id: string) => solidImage(8, 8, id === 'a0' ? [200, 0, 0] : [0, 200, 0]);
/** the worker's model on the stand-in backbone, a run going on or not */
const modelWhileRun = (active: boolean) =>
  studioModel({ backbone: () => bb, requireBackbone: () => bb, cache: new FeatureCache(), runActive: () => active });
const disposed = (m: TrainedModel) =>
  m.outcome.head.model.weights.every((w) => (w as unknown as { val: tf.Variable }).val.isDisposed);

describe('a download of the first model while the run keeps its final model', () => {
  beforeAll(() => useBackend('cpu'));

  it('the export in flight finishes, and the replaced head is disposed once it has', async () => {
    const model = modelWhileRun(true);
    const baseline = tf.memory().numTensors;
    const first = trained(1);
    model.keep(first, DEFAULT_SETTINGS, undefined);
    const download = model.exportBundle(decode, (id) => id);
    // the run ends while that export is being built
    model.keep(trained(2), DEFAULT_SETTINGS, undefined);
    expect(disposed(first)).toBe(false);
    await expect(download).resolves.toBeDefined();
    expect(disposed(first)).toBe(true);
    await model.dropTrained();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('two downloads of one head: the last to finish disposes it, and one that fails still lets it go', async () => {
    const model = modelWhileRun(true);
    const baseline = tf.memory().numTensors;
    const first = trained(3);
    model.keep(first, DEFAULT_SETTINGS, undefined);
    const failing = model.exportBundle(
      async () => {
        throw new Error('unreadable');
      },
      (id) => id,
    );
    const download = model.exportBundle(decode, (id) => id);
    model.keep(trained(4), DEFAULT_SETTINGS, undefined);
    await expect(failing).rejects.toThrow('unreadable');
    await expect(download).resolves.toBeDefined();
    expect(disposed(first)).toBe(true);
    await model.dropTrained();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('with no export in flight, keep disposes the replaced head at once', () => {
    const model = modelWhileRun(false);
    const first = trained(5);
    model.keep(first, DEFAULT_SETTINGS, undefined);
    model.keep(trained(6), DEFAULT_SETTINGS, undefined);
    expect(disposed(first)).toBe(true);
  });
});
