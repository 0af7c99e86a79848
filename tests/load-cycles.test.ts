import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { exportFiles } from '../src/core/export/export-files';
import { FeatureCache } from '../src/core/features/cache';
import { releasePretrained, restorePretrained } from '../src/core/finetune/weights';
import { trainPipeline, type LabelledImage } from '../src/core/pipeline';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { loadLocalBackbone, solidImage, useBackend } from './helpers';

// Issue 8 (load): the tensor count stays flat across 5 consecutive train/export cycles, head-only
// and fine-tuning alternating, on the real backbone.
let v1: Backbone;
beforeAll(async () => {
  await useBackend('wasm');
  v1 = await loadLocalBackbone('mobilenet-v1-0.25');
});
afterAll(() => v1?.dispose());

describe('5 train/export cycles', () => {
  it('leave the tensor count where it was', async () => {
    const images: LabelledImage[] = Array.from({ length: 12 }, (_, i) => ({ id: `img${i}`, label: i % 2 }));
    const decode = async (id: string) => {
      const i = Number(id.slice(3));
      return solidImage(48, 40, i % 2 ? [30 + i, 200, 40] : [200, 30 + i, 40]);
    };
    const cache = new FeatureCache();
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    for (let cycle = 0; cycle < 5; cycle++) {
      const settings = {
        ...DEFAULT_SETTINGS,
        recipe: 'manual' as const,
        epochs: 2,
        batchSize: 4,
        valSplit: 0.34,
        unfreeze: cycle % 2,
        augmentViews: 0,
        warmupEpochs: 0,
      };
      const outcome = await trainPipeline({ backbone: v1, classes: ['red', 'green'], images, decode, cache, settings });
      const files = await exportFiles({ backbone: v1, head: outcome.head, classes: outcome.classes, settings });
      expect(files.has('model.json')).toBe(true);
      outcome.head.dispose();
      counts.push(tf.memory().numTensors);
    }
    // fine-tuning keeps the pretrained values of what it changed until they are put back
    restorePretrained(v1, cache);
    releasePretrained(v1);
    expect(tf.memory().numTensors).toBe(before);
    // once the first fine-tuning run has kept its pretrained values, repeated cycles are flat
    expect(counts[3]).toBe(counts[1]);
    expect(counts[4]).toBe(counts[2]);
  }, 120_000);
});
