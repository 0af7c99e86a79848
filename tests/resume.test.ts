import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../src/core/random';
import type { Checkpoint } from '../src/core/train/epochs';
import { buildHead, headVariables } from '../src/core/train/head';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { trainHead, type TrainData } from '../src/core/train/trainer';
import { gaussian, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

function data(): TrainData {
  const rng = createRng(3);
  const make = (n: number) => {
    const x: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = i % 2;
      for (let d = 0; d < 4; d++) x.push((c ? 1.5 : -1.5) + gaussian(rng));
      labels.push(c);
    }
    return { x: tf.tensor2d(x, [n, 4]), labels: Int32Array.from(labels) };
  };
  const tr = make(40);
  const va = make(10);
  // early stopping watches an inner split of the training images; here the held-out set doubles as it
  return {
    x: tr.x,
    labels: tr.labels,
    xVal: va.x,
    valLabels: va.labels,
    xStop: va.x,
    stopLabels: va.labels,
    numClasses: 2,
  };
}

const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  epochs: 6,
  batchSize: 8,
  hiddenUnits: 6,
  earlyStopPatience: 2,
  recipe: 'manual',
};

describe('checkpoints and resume (backend fallback continues from the last completed epoch)', () => {
  it('a checkpoint holds each finished epoch; resuming from it runs only the remaining epochs from its weights', async () => {
    const before = tf.memory().numTensors;
    const d = data();
    const head = buildHead(4, 2, 6, 0.3, 1);
    const checkpoints: Checkpoint[] = [];
    const full = await trainHead(
      head,
      d,
      { ...settings, earlyStopPatience: 0 },
      { onCheckpoint: (c) => checkpoints.push(c) },
    );
    expect(checkpoints.map((c) => c.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(checkpoints[2].history).toEqual(full.history.slice(0, 3));
    expect(checkpoints[5].values.map((v) => Array.from(v))).toEqual(
      headVariables(head).map((v) => Array.from(v.dataSync())),
    );

    // a new head (as on a fresh backend) resumes after epoch 3 with epoch 3's weights
    const fresh = buildHead(4, 2, 6, 0.3, 99);
    const epochsSeen: number[] = [];
    const resumed = await trainHead(
      fresh,
      d,
      { ...settings, earlyStopPatience: 0 },
      {
        resume: checkpoints[2],
        onEvent: (e) => e.type === 'epoch' && epochsSeen.push(e.metrics.epoch),
      },
    );
    expect(epochsSeen).toEqual([4, 5, 6]);
    expect(resumed.history.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(resumed.history.slice(0, 3)).toEqual(full.history.slice(0, 3));

    // resuming at the last epoch trains nothing and leaves exactly the checkpoint's weights
    const last = buildHead(4, 2, 6, 0.3, 7);
    const done = await trainHead(last, d, settings, { resume: checkpoints[5] });
    expect(done.history).toHaveLength(6);
    expect(headVariables(last).map((v) => Array.from(v.dataSync()))).toEqual(
      checkpoints[5].values.map((v) => Array.from(v)),
    );

    [head, fresh, last].forEach((h) => h.dispose());
    tf.dispose([d.x, d.xVal]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('carries the early-stopping state across a resume, so the best epoch is still restored', async () => {
    const before = tf.memory().numTensors;
    const d = data();
    const head = buildHead(4, 2, 6, 0.3, 1);
    const checkpoints: Checkpoint[] = [];
    await trainHead(head, d, settings, { onCheckpoint: (c) => checkpoints.push(c) });
    const cp = checkpoints[1];
    expect(cp.early?.bestEpoch).not.toBeNull();
    const again = buildHead(4, 2, 6, 0.3, 5);
    const r = await trainHead(again, d, settings, { resume: cp });
    expect(r.bestEpoch).not.toBeNull();
    expect(r.bestEpoch! >= cp.early!.bestEpoch!).toBe(true);
    [head, again].forEach((h) => h.dispose());
    tf.dispose([d.x, d.xVal]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
