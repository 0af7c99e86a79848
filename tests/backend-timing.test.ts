import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { fastest, measureBackend, warmUpShaders } from '../src/core/backend-timing';
import { barOf } from '../src/core/calibration-bar';
import { measureOrder } from '../src/worker/calibrate-backends';
import { loadLocalBackbone, useBackend } from './helpers';

let v1: Backbone;
beforeAll(async () => {
  await useBackend('wasm');
  v1 = await loadLocalBackbone('mobilenet-v1-0.25');
});
afterAll(() => v1?.dispose());

describe('measureBackend', () => {
  it('times forward passes, a head step and a fine-tuning step on wasm, and leaves no tensors', async () => {
    const before = tf.memory().numTensors;
    const t = await measureBackend(v1, 1);
    expect(t.warmupMs).toBeGreaterThan(0);
    expect(t.forwardMsBatch1).toBeGreaterThan(0);
    expect(t.forwardMsBatch8).toBeGreaterThan(0);
    expect(t.headStepMs).toBeGreaterThan(0);
    // wasm has no conv gradients: the fast ops make fine-tuning possible there
    expect(t.finetuneStepMs).toBeGreaterThan(0);
    expect(t.finetuneError).toBeUndefined();
    expect(t.once).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes a figure once, not three times, when its first run is clearly slower than the best backend so far', async () => {
    const before = tf.memory().numTensors;
    let forwards = 0;
    const counted = Object.create(v1, {
      extract: { value: (x: tf.Tensor4D) => (forwards++, v1.extract(x)) },
    }) as Backbone;
    // a bar no real backend can come near: every figure is clearly slower than it
    const tiny = { forwardMsBatch1: 1e-6, forwardMsBatch8: 1e-6, headStepMs: 1e-6, finetuneStepMs: 1e-6 };
    const t = await measureBackend(counted, 3, tiny);
    expect(t.once).toEqual(['forwardMsBatch1', 'forwardMsBatch8', 'headStepMs', 'finetuneStepMs']);
    // two warm-up passes and one timed pass per batch size (three each would be 2 + 6)
    expect(forwards).toBe(4);
    expect(t.forwardMsBatch8).toBeGreaterThan(0);
    // a bar it beats changes nothing: the medians of 3 as before
    forwards = 0;
    const huge = { forwardMsBatch1: 1e9, forwardMsBatch8: 1e9, headStepMs: 1e9, finetuneStepMs: 1e9 };
    expect((await measureBackend(counted, 3, huge)).once).toBeUndefined();
    expect(forwards).toBe(8);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('calibration order and bar', () => {
  it('measures wasm first and holds each later backend against the best figure so far', () => {
    expect(measureOrder(['webgpu', 'webgl', 'wasm', 'cpu'])).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
    expect(measureOrder(['webgpu', 'cpu'])).toEqual(['webgpu', 'cpu']);
    expect(
      barOf([
        { ok: true, forwardMsBatch1: 13, forwardMsBatch8: 60, headStepMs: 2, finetuneStepMs: 40 },
        { ok: false, forwardMsBatch1: 1 },
        { ok: true, forwardMsBatch1: 90, forwardMsBatch8: 50, headStepMs: 5, finetuneStepMs: null },
      ]),
    ).toEqual({ forwardMsBatch1: 13, forwardMsBatch8: 50, headStepMs: 2, finetuneStepMs: 40 });
    expect(barOf([])).toEqual({});
  });
});

describe('warmUpShaders', () => {
  it('runs an extraction batch and a head step on throw-away data, reports both steps and leaves no tensors', async () => {
    const before = tf.memory().numTensors;
    const steps: number[] = [];
    const ms = await warmUpShaders(v1, 32, 128, (done) => steps.push(done));
    expect(ms).toBeGreaterThan(0);
    expect(steps).toEqual([0, 1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fastest', () => {
  it('picks the fastest backend per job and skips failed or unmeasured ones', () => {
    const rows = [
      { name: 'webgl', ok: true, forwardMsBatch8: 90, headStepMs: 4, finetuneStepMs: 30 },
      { name: 'wasm', ok: true, forwardMsBatch8: 40, headStepMs: 2, finetuneStepMs: null },
      { name: 'webgpu', ok: false, error: 'device lost' },
      { name: 'cpu', ok: true, forwardMsBatch8: 900, headStepMs: 20, finetuneStepMs: 400 },
    ];
    expect(fastest(rows)).toEqual({ extraction: 'wasm', headTraining: 'wasm', fineTuning: 'webgl' });
    expect(fastest([])).toEqual({ extraction: null, headTraining: null, fineTuning: null });
  });
});
