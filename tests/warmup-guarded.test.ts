import { describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { trainModel } from '../src/core/train-model';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { fakeBackbone, solidImage } from './helpers';
import { backendsForFile, fakeGpu } from './helpers-fake-backend';

// A head backend lost before a run began (a WebGL context nothing had noticed yet) never answers a
// read: the run's head warm-up on it must run inside that backend's guard, as the head's training
// does, or the run hangs there before its fallback can act.

// a stand-in GPU: the cpu backend and its kernels under the name 'webgpu' (not registered in Node)
backendsForFile('cpu', fakeGpu('webgpu', { carries: 'nothing', kernels: true }));

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
