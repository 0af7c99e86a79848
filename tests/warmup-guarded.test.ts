import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { trainModel } from '../src/core/train-model';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { fakeBackbone, solidImage } from './helpers';

// A head backend lost before a run began (a WebGL context nothing had noticed yet) never answers a
// read: the run's head warm-up on it must run inside that backend's guard, as the head's training
// does, or the run hangs there before its fallback can act.

const kernels = tf.getKernelsForBackend('cpu');
let previous = '';

beforeAll(async () => {
  previous = tf.getBackend();
  const cpu = tf.findBackendFactory('cpu')!;
  // a stand-in GPU: the cpu backend and its kernels under the name 'webgpu' (not registered in Node)
  tf.registerBackend('webgpu', async () => cpu(), 0);
  kernels.forEach((k) => tf.registerKernel({ ...k, backendName: 'webgpu' }));
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await tf.setBackend(previous || 'cpu');
  kernels.forEach((k) => tf.unregisterKernel(k.kernelName, 'webgpu'));
  tf.removeBackend('webgpu');
});

describe("the head's warm-up on another backend", () => {
  it('runs inside that backend’s guard, before anything is extracted', async () => {
    const log: string[] = [];
    const images = [0, 1].flatMap((label) => Array.from({ length: 6 }, (_, i) => ({ id: `c${label}-${i}`, label })));
    await trainModel(
      {
        backbone: () => fakeBackbone(),
        cache: new FeatureCache(),
        decode: async (id: string) => solidImage(8, 8, [Number(id[1]) * 200, Number(id.split('-')[1]) * 30, 90]),
        headBackend: 'webgpu',
        guard: (name) => async (work) => {
          log.push(`guard ${name}`);
          return work();
        },
      },
      {
        classes: ['a', 'b'],
        images,
        settings: { ...DEFAULT_SETTINGS, recipe: 'manual', epochs: 1, augmentViews: 0, hiddenUnits: 4, batchSize: 4 },
        onEvent: (e) => {
          if (e.type === 'extract' && !log.includes('extract')) log.push('extract');
        },
      },
    );
    expect(log[0]).toBe('guard webgpu');
    expect(log.indexOf('extract')).toBeGreaterThan(0);
  });
});
