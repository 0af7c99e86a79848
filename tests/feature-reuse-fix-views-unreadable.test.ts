import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { FeatureCache } from '../src/core/features/cache';
import { releasePretrained, restorePretrained } from '../src/core/finetune/weights';
import { trainPipeline, type PipelineEvent } from '../src/core/pipeline';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { loadLocalBackbone, useBackend } from './helpers';
import { decodeRedByClass, imagesPerClass } from './helpers-pipeline';

/*
 * Fine-tuning, like a head-only run (pipeline-views-unreadable.test.ts): an image read for its plain
 * boundary rows and not again for its augmented views is left out of training and reported as
 * skipped, instead of training on fewer views without a word.
 */

let v1: Backbone;
beforeAll(async () => {
  await useBackend('wasm');
  v1 = await loadLocalBackbone('mobilenet-v1-0.25');
});
afterAll(() => v1?.dispose());

const REASON = 'not a readable image (truncated)';
const classes = ['a', 'b'];
const images = imagesPerClass([8, 8]);
// every image of class a but one: some are training images whichever way the split falls
const FLAKY = images
  .filter((i) => i.label === 0)
  .map((i) => i.id)
  .slice(0, 7);

/** decodeRedByClass, except that each of FLAKY is readable once only */
function readOnce() {
  const seen = new Set<string>();
  return async (id: string) => {
    if (FLAKY.includes(id)) {
      if (seen.has(id)) throw new Error(REASON);
      seen.add(id);
    }
    return decodeRedByClass(id);
  };
}

describe('fine-tuning, an image whose views cannot be read after its plain rows were', () => {
  it('is skipped and reported, not trained on', async () => {
    const events: PipelineEvent[] = [];
    const cache = new FeatureCache();
    const run = await trainPipeline({
      backbone: v1,
      classes,
      images,
      decode: readOnce(),
      cache,
      settings: {
        ...DEFAULT_SETTINGS,
        recipe: 'manual',
        unfreeze: 1,
        epochs: 1,
        warmupEpochs: 0,
        augmentViews: 1,
        batchSize: 8,
        valSplit: 0.25,
        earlyStopPatience: 0,
      },
      onEvent: (e) => events.push(e),
    });
    const skipped = run.skipped.map((s) => s.id);
    expect(skipped.length).toBeGreaterThan(0);
    for (const s of run.skipped) {
      expect(FLAKY).toContain(s.id);
      expect(s.reason).toBe(REASON);
      expect(events).toContainEqual({ type: 'skipped', ...s });
    }
    expect(new Set(skipped).size).toBe(skipped.length);
    // every image trained on, validated on or skipped; none twice
    expect(run.images.train + run.images.val + skipped.length).toBe(images.length);
    expect(run.valPredictions.map((v) => v.id).filter((id) => skipped.includes(id))).toEqual([]);

    run.head.dispose();
    restorePretrained(v1, cache);
    releasePretrained(v1);
  });
});
