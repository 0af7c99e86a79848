import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import type { TrainedModel } from '../src/core/train-model';
import { buildHead } from '../src/core/train/head';
import { FeatureCache } from '../src/core/features/cache';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { studioModel } from '../src/worker/studio-model';
import { fakeBackbone, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

/** a run's result as core/train-model.ts hands it over, with a real (tiny) head */
function trained(classes: string[]): TrainedModel {
  const head = buildHead(3, classes.length, 0, 0, 1);
  return {
    outcome: { head, classes, valPredictions: [], history: [], valAccuracy: 1 } as unknown as TrainedModel['outcome'],
    card: { trainableParams: head.model.countParams(), frozenParams: 0 } as TrainedModel['card'],
    trainedOn: 'cpu',
    startedFrom: null,
    settings: { ...DEFAULT_SETTINGS },
  };
}

describe('the worker model in use (worker/studio-model.ts)', () => {
  it('answers with the kept head on the loaded backbone, replaces it with the next one, and frees what it drops', async () => {
    let backbone: Backbone | null = null;
    const model = studioModel({
      backbone: () => backbone,
      requireBackbone: () => {
        if (!backbone) throw new Error('Load a backbone first');
        return backbone;
      },
      cache: new FeatureCache(),
      runActive: () => false,
    });
    expect(() => model.classifier()).toThrow('Load a backbone first');
    backbone = fakeBackbone();
    expect(() => model.classifier()).toThrow('Train a model first (or import one)');

    const before = tf.memory().numTensors;
    const first = trained(['a', 'b']);
    // the automatic recipe's choice: a linear head at its own rate, not the form's fields
    first.settings = { ...DEFAULT_SETTINGS, hiddenUnits: 0, learningRate: 0.01 };
    const summary = model.keep(first, DEFAULT_SETTINGS, { epoch: 4 } as never);
    expect(summary).toMatchObject({ backend: 'cpu', resumedFrom: 4, startedFrom: null, classes: ['a', 'b'] });
    expect(summary.settings).toEqual(DEFAULT_SETTINGS);
    expect(summary.trainedWith).toMatchObject({ hiddenUnits: 0, learningRate: 0.01 });
    expect(summary).not.toHaveProperty('head');
    const c = model.classifier();
    expect(c.classes).toEqual(['a', 'b']);
    const input = tf.zeros([8, 8, 3]) as tf.Tensor3D;
    const probs = c.run(input);
    expect(probs.shape).toEqual([2]);
    tf.dispose([input, probs]);

    // the final model replaces the first: the first head's weights go
    model.keep(trained(['a', 'b', 'c']), DEFAULT_SETTINGS, undefined);
    expect(model.classifier().classes).toEqual(['a', 'b', 'c']);
    model.dropTrained();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => model.classifier()).toThrow('Train a model first (or import one)');
  });
});
