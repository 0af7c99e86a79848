import { beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { trainPipeline, type TrainOutcome } from '../src/core/pipeline';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { fakeBackbone, useBackend } from './helpers';
import { decodeRedByClass, imagesPerClass } from './helpers-pipeline';

/*
 * Under the automatic recipe the first model trains the defaults, early stopping among them; the
 * user never asked for it, so "Early stopping was off for this run … add images" is not the first
 * model's to say. Under the manual recipe the first model trains the fields as set, and says it.
 */

beforeAll(() => useBackend('cpu'));

async function firstOf(settings: TrainSettings) {
  let first: TrainOutcome | null = null;
  const final = await trainPipeline({
    classes: ['a', 'b'],
    // too few training images a class for an inner split
    images: imagesPerClass([5, 5]),
    settings,
    backbone: fakeBackbone(),
    cache: new FeatureCache(),
    decode: decodeRedByClass,
    onFirstModel: (f) => (first = f),
  });
  const f = first as TrainOutcome | null;
  if (!f) throw new Error('no first model');
  f.head.dispose();
  final.head.dispose();
  return { first: f, final };
}

describe('the first model and early stopping it could not do', () => {
  it('says nothing under the automatic recipe', async () => {
    const { first, final } = await firstOf({ ...DEFAULT_SETTINGS, recipe: 'auto', augmentViews: 2 });
    expect(first.phase).toBe('first');
    expect(first.earlyStopSkipped ?? null).toBeNull();
    expect(final.earlyStopSkipped ?? null).toBeNull();
  });

  it('says so under the manual recipe, where the user turned early stopping on', async () => {
    const { first } = await firstOf({
      ...DEFAULT_SETTINGS,
      recipe: 'manual',
      augmentViews: 2,
      epochs: 3,
      earlyStopPatience: 5,
    });
    expect(first.phase).toBe('first');
    expect(first.earlyStopSkipped).toMatchObject({ smallestClass: expect.any(Number) });
  });
});
