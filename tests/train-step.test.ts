import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../src/core/random';
import { buildHead, headVariables } from '../src/core/train/head';
import { checkFinite, dropoutMask, NonFiniteLossError, setLearningRate, trainStep } from '../src/core/train/step';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

const values = async (vars: tf.Variable[]) => Promise.all(vars.map(async (v) => Array.from(await v.data())));

describe('the shared training step', () => {
  it('updates each parameter group with its own optimizer, leaves an empty or zero-rate group alone, and frees its tensors', async () => {
    const head = buildHead(4, 2, 3, 0.5, 7);
    const [hiddenKernel, hiddenBias, ...top] = headVariables(head);
    const x = tf.tensor2d([1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0], [3, 4]);
    const moving = tf.train.adam(0.1);
    const still = tf.train.adam(0.1);
    setLearningRate(still, 0);
    const before = await values([hiddenKernel, hiddenBias, ...top]);
    const tensors = tf.memory().numTensors;
    const setup = { head, numClasses: 2, weights: null, weightDecay: 1e-3, mask: dropoutMask(createRng(1), 0.5) };
    const groups = [
      { optimizer: moving, variables: top },
      { optimizer: still, variables: [hiddenKernel, hiddenBias] },
      { optimizer: moving, variables: [] },
    ];
    const step = await trainStep(setup, groups, (m) => head.logits(x, m), [0, 1, 0]);
    expect(Number.isFinite(step.loss)).toBe(true);
    expect(step.correct).toBeGreaterThanOrEqual(0);
    expect(step.correct).toBeLessThanOrEqual(3);
    const after = await values([hiddenKernel, hiddenBias, ...top]);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after.slice(2)).not.toEqual(before.slice(2));
    // the optimizers' moments are the only tensors the step may leave behind
    const moments = tf.memory().numTensors - tensors;
    moving.dispose();
    still.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(tensors);
    expect(moments).toBeGreaterThan(0);
    tf.dispose(x);
    head.dispose();
  });

  it('reports the cross-entropy as its loss and the L2 penalty apart, in what it minimised', async () => {
    const head = buildHead(4, 3, 0, 0, 5);
    const x = tf.tensor2d([1, 0, 2, 1, 0, 1, 1, 0, 1, 1, 0, -1], [3, 4]);
    const labels = [0, 2, 1];
    const decay = 0.5;
    // both figures are of the weights the step starts from
    const penalty =
      decay *
      (await Promise.all(head.kernels().map((k) => k.read().square().sum().data()))).reduce((sum, v) => sum + v[0], 0);
    const crossEntropy = tf.tidy(() =>
      tf
        .oneHot(tf.tensor1d(labels, 'int32'), 3)
        .mul(tf.logSoftmax(head.logits(x)))
        .sum(1)
        .neg()
        .mean(),
    );
    const expected = (await crossEntropy.data())[0];
    const optimizer = tf.train.adam(0.1);
    const setup = { head, numClasses: 3, weights: null, weightDecay: decay, mask: dropoutMask(createRng(1), 0) };
    const step = await trainStep(
      setup,
      [{ optimizer, variables: headVariables(head) }],
      (m) => head.logits(x, m),
      labels,
    );
    expect(penalty).toBeGreaterThan(0.1);
    expect(step.loss).toBeCloseTo(expected, 5);
    expect(step.objective).toBeCloseTo(expected + penalty, 5);
    tf.dispose([x, crossEntropy]);
    optimizer.dispose();
    head.dispose();
  });

  it('draws the same dropout masks for the same seed', async () => {
    const a = dropoutMask(createRng(3), 0.25)([2, 8]);
    const b = dropoutMask(createRng(3), 0.25)([2, 8]);
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    // kept units are scaled by 1 / (1 - rate) so the expected activation stays the same
    expect(new Set(await a.data())).toEqual(new Set([0, Math.fround(1 / 0.75)]));
    tf.dispose([a, b]);
  });

  it('stops a run on a non-finite loss, naming the rate to lower', () => {
    expect(() => checkFinite(0.5, 1, 'training', 'x')).not.toThrow();
    const advice = `Lower the learning rate (now ${DEFAULT_SETTINGS.learningRate}) and train again.`;
    expect(() => checkFinite(NaN, 3, 'training', advice)).toThrow(NonFiniteLossError);
    expect(() => checkFinite(Infinity, 3, 'training', advice)).toThrow(
      /The loss became Infinity in epoch 3: training diverged\. Lower the learning rate/,
    );
  });
});
