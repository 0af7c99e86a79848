import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { buildSuffix } from '../src/core/finetune/suffix';
import { trainFineTune, type FineTuneData } from '../src/core/finetune/train';
import { createRng } from '../src/core/random';
import { buildHead, headVariables } from '../src/core/train/head';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { gaussian, localCandidate, useBackend } from './helpers';

let v1: Backbone;
beforeAll(async () => {
  await useBackend('wasm');
  v1 = (
    await loadBackbone(getBackboneSpec('mobilenet-v1-0.25'), [localCandidate(getBackboneSpec('mobilenet-v1-0.25'))])
  ).backbone;
});
afterAll(() => v1?.dispose());

const SHAPE = [7, 7, 256];
const BOUNDARY = 'conv_pw_12_relu';
/** the block-11 map pooled to 7×7, which the backbone joins beside its features, after each activation */
const SIDE = [7, 7, 128];

/** Random non-negative activations with a class signal; validation labels shifted so val loss rises as training fits. */
function data(): FineTuneData {
  const rng = createRng(11);
  const volume = SHAPE.reduce((a, b) => a * b, 1) + SIDE.reduce((a, b) => a * b, 1);
  const row = (c: number) =>
    Float32Array.from({ length: volume }, (_, i) => Math.max(0, (i % 3 === c ? 1 : 0) + 0.5 * gaussian(rng)));
  const train = Array.from({ length: 24 }, (_, i) => [row(i % 3)]);
  return {
    train,
    labels: Int32Array.from(train, (_, i) => i % 3),
    val: Array.from({ length: 9 }, (_, i) => row(i % 3)),
    valLabels: Int32Array.from({ length: 9 }, (_, i) => (i + 1) % 3),
    // early stopping watches this inner split; labels shifted so the best epoch comes early
    stop: {
      rows: Array.from({ length: 9 }, (_, i) => row(i % 3)),
      labels: Int32Array.from({ length: 9 }, (_, i) => (i + 1) % 3),
    },
    shape: SHAPE,
    numClasses: 3,
  };
}

it('fine-tuning: early stopping restores the head and the trained blocks to the best epoch exactly', async () => {
  const settings: TrainSettings = {
    ...DEFAULT_SETTINGS,
    unfreeze: 1,
    epochs: 12,
    batchSize: 8,
    learningRate: 0.003,
    hiddenUnits: 8,
    warmupEpochs: 0,
    seed: 2,
    earlyStopPatience: 0,
  };
  const d = data();
  const before = tf.memory().numTensors;
  const values = (s: ReturnType<typeof buildSuffix>, h: ReturnType<typeof buildHead>) =>
    [...headVariables(h), ...s.variables].map((v) => Array.from(v.dataSync()));
  const run = async (s: TrainSettings) => {
    const suffix = buildSuffix(v1, BOUNDARY);
    const head = buildHead(v1.spec.featureSize, 3, s.hiddenUnits, s.dropout, s.seed);
    const r = await trainFineTune(suffix, head, d, s);
    const v = values(suffix, head);
    suffix.dispose();
    head.dispose();
    return { r, v };
  };
  const early = await run({ ...settings, earlyStopPatience: 2 });
  const losses = early.r.history.map((m) => m.stopLoss!);
  const best = losses.indexOf(Math.min(...losses)) + 1;
  expect(early.r.bestEpoch).toBe(best);
  expect(early.r.stoppedEarly).toBe(true);
  expect(early.r.history).toHaveLength(best + 2);
  // the reference plans the same epochs (the cosine schedule depends on them) and is stopped right after the best one
  let epochsDone = 0;
  const suffix = buildSuffix(v1, BOUNDARY);
  const head = buildHead(v1.spec.featureSize, 3, settings.hiddenUnits, settings.dropout, settings.seed);
  await trainFineTune(suffix, head, d, settings, {
    onEvent: (e) => (e.type === 'epoch' ? epochsDone++ : 0),
    shouldStop: () => epochsDone >= best,
  });
  expect(values(suffix, head)).toEqual(early.v);
  suffix.dispose();
  head.dispose();
  expect(tf.memory().numTensors).toBe(before);
});
