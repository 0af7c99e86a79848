import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import type { TrainedModel } from '../src/core/train-model';
import type { BackendInfo, ImageInput } from '../src/worker/protocol';
import { fakeBackbone, solidImage } from './helpers';
import { backendsForFile, fakeGpu } from './helpers-fake-backend';

/** what the (mocked) backend choice answers */
const chosen = vi.hoisted(() => ({ info: null as BackendInfo | null }));
vi.mock('../src/worker/backend-choice', async (original) => ({
  ...(await original<typeof import('../src/worker/backend-choice')>()),
  chooseBackend: async () => structuredClone(chosen.info!),
}));
// no IndexedDB in Node: checkpoints are not what this test is about
vi.mock('../src/core/storage/checkpoint-writer', () => ({
  checkpointWriter: () => ({ keep: () => undefined, settled: async () => undefined }),
}));

const { backendState } = await import('../src/worker/backend-state');
const { studioTraining } = await import('../src/worker/studio-training');

const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  recipe: 'manual',
  epochs: 2,
  augmentViews: 0,
  batchSize: 8,
  hiddenUnits: 8,
  learningRate: 0.01,
};
const classes = ['a', 'b', 'c'];
const images: ImageInput[] = [0, 1, 2].flatMap((label) =>
  Array.from({ length: 8 }, (_, i) => ({ id: `c${label}-${i}`, label, blob: new Blob() })),
);
const decode = async (id: string) =>
  solidImage(8, 8, [Number(id[1]) * 100, (Number(id.split('-')[1]) * 23) % 256, 200 - Number(id[1]) * 60]);

function worker() {
  const cache = new FeatureCache();
  const backends = backendState();
  const kept: TrainedModel[] = [];
  const training = studioTraining({
    backends,
    backbone: { require: () => fakeBackbone(), switchKeepingCache: async () => undefined } as never,
    images: {
      cache,
      decode,
      remember: async () => undefined,
      pipelineImages: (list: ImageInput[]) => ({ images: list.map(({ id, label }) => ({ id, label })), decode, cache }),
    } as never,
    model: {
      keep: (m: TrainedModel) => (kept.push(m), m),
      settle: () => undefined,
    } as never,
    headStartFor: () => null,
    saveFeatures: () => undefined,
  });
  return { backends, api: training.api, kept };
}

backendsForFile('cpu');

describe('a head backend the learning-rate finder found lost', () => {
  it('is not lent again: the next run trains its head at home and says so', async () => {
    const gpu = fakeGpu('lostgl', { carries: 'webgl', kernels: true }).register();
    try {
      chosen.info = {
        active: 'cpu',
        reason: 'start',
        probes: ['wasm', 'cpu', 'lostgl'].map((name) => ({ name, ok: true })),
        signature: 'sig',
        head: { name: 'lostgl', reason: 'chosen by you' },
      };
      const { backends, api, kept } = worker();
      let sweptAway = false;
      const found = await api.findLearningRate(classes, images, settings, (e) => {
        // the context goes during the sweep there, as a lost WebGL context does mid-run
        if (e.type === 'lr-step' && tf.getBackend() === 'lostgl' && !sweptAway) {
          sweptAway = true;
          gpu.gl.lost = true;
          throw new Error('WebGL context lost');
        }
      });
      expect(sweptAway).toBe(true);
      // the sweep went on at home and still answers
      expect(found.points.length).toBeGreaterThan(0);
      expect(tf.getBackend()).toBe('cpu');

      const after = await backends.ready();
      expect(after.head).toBeNull();
      // the answer says so, with the worker's state after it, for the page to show and forget the pick
      expect(found.headLost).toEqual({ from: 'lostgl', backend: after });
      expect(after.probes.find((p) => p.name === 'lostgl')).toMatchObject({ ok: false });
      expect(after.probes.find((p) => p.name === 'lostgl')!.note).toContain('WebGL context lost');
      // the lost instance is gone: a later pick of it by hand starts a fresh one
      expect(tf.engine().registry.lostgl).toBeUndefined();

      await api.train(classes, images, settings, () => undefined);
      expect(kept.at(-1)!.trainedOn).toBe('cpu');
      expect(kept.at(-1)!.outcome.backends).toEqual({ extraction: 'cpu', training: 'cpu' });
      // nothing started it again
      expect(gpu.made).toBe(1);
      kept.forEach((m) => m.outcome.head.dispose());
    } finally {
      await tf.setBackend('cpu');
      gpu.remove();
    }
  });

  it('an answer whose head backend held carries no backend change', async () => {
    chosen.info = {
      active: 'cpu',
      reason: 'start',
      probes: ['cpu'].map((name) => ({ name, ok: true })),
      signature: 'sig',
      head: null,
    };
    const found = await worker().api.findLearningRate(classes, images, settings, () => undefined);
    expect(found.points.length).toBeGreaterThan(0);
    expect(found.headLost).toBeUndefined();
  });
});
