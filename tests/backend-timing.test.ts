import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { fastest, measureBackend, warmUpShaders } from '../src/core/backend-timing';
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
    expect(tf.memory().numTensors).toBe(before);
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
