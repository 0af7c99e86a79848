import { beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { trainPipeline, type PipelineEvent } from '../src/core/pipeline';
import type { Checkpoint } from '../src/core/train/epochs';
import type { PlannedCheckpoint } from '../src/core/train/interrupted';
import type { RecipeChoice } from '../src/core/train/recipe';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { fakeBackbone, useBackend } from './helpers';
import { decodeRedByClass, imagesPerClass } from './helpers-pipeline';

/*
 * A run under the automatic recipe resumed from its checkpoint (a GPU fallback, a reload) goes on
 * with the recipe it chose, not one chosen again: cross-validation on another backend can pick
 * another, and the checkpoint's weights were trained under the first one.
 */

beforeAll(() => useBackend('cpu'));

const settings: TrainSettings = { ...DEFAULT_SETTINGS, recipe: 'auto', augmentViews: 2 };
const base = { classes: ['a', 'b'], images: imagesPerClass([6, 6]), settings, decode: decodeRedByClass };

async function firstCheckpoint() {
  const cache = new FeatureCache();
  const backbone = fakeBackbone();
  const checkpoints: Checkpoint[] = [];
  const run = await trainPipeline({ ...base, backbone, cache, onCheckpoint: (c) => checkpoints.push(c) });
  run.head.dispose();
  return { cache, backbone, checkpoint: checkpoints[0] as PlannedCheckpoint, recipe: run.recipe! };
}

describe('a resumed automatic-recipe run', () => {
  it('keeps the recipe its checkpoint was trained under', async () => {
    const { cache, backbone, checkpoint, recipe } = await firstCheckpoint();
    expect(checkpoint.recipe).toEqual(recipe);
    // a choice cross-validation would not make here: the resumed run can only have it from the checkpoint
    const kept: RecipeChoice = { ...recipe, chosen: { ...recipe.chosen, epochs: 7, weightDecay: 0.005 } };
    const events: PipelineEvent[] = [];
    const resumed = await trainPipeline({
      ...base,
      backbone,
      cache,
      resume: { ...checkpoint, recipe: kept } as PlannedCheckpoint,
      onEvent: (e) => events.push(e),
    });
    expect(events.some((e) => e.type === 'recipe')).toBe(false);
    expect(events).toContainEqual({ type: 'plan', epochs: 7 });
    expect(resumed.recipe).toEqual(kept);
    expect(resumed.settings?.epochs).toBe(7);
    expect(resumed.settings?.weightDecay).toBe(0.005);
    expect(resumed.history).toHaveLength(7);
    resumed.head.dispose();
  });

  it('chooses again from a checkpoint kept before checkpoints held the recipe', async () => {
    const { cache, backbone, checkpoint } = await firstCheckpoint();
    const old: PlannedCheckpoint = { ...checkpoint };
    delete old.recipe;
    const events: PipelineEvent[] = [];
    const resumed = await trainPipeline({ ...base, backbone, cache, resume: old, onEvent: (e) => events.push(e) });
    expect(events.some((e) => e.type === 'recipe')).toBe(true);
    expect(resumed.recipe).not.toBeNull();
    resumed.head.dispose();
  });
});
