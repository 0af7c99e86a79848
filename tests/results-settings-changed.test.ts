import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import type { RunRecord } from '../src/state/run-record';
import { changedSinceRun } from '../src/ui/run-changes';
import { recipeChoice } from '../src/ui/settings-rules';
import { applyRecipe, type HeadRecipe } from '../src/core/train/recipe-shape';

const run = (settings: RunRecord['settings']) => ({ settings }) as RunRecord;
/** a linear head under L2 1 for 25 epochs, as the automatic recipe chooses it */
const chosen: HeadRecipe = { hiddenUnits: 0, dropout: 0, weightDecay: 1, standardise: true, views: true, epochs: 25 };

describe('what changed since the run whose results are shown', () => {
  it('names a moved freeze boundary and a changed field, old value first', () => {
    // what fine-tuning brings with it (its own views, schedule, recipe) is said too: the next run uses them
    expect(changedSinceRun({ ...DEFAULT_SETTINGS, unfreeze: 2 }, run(DEFAULT_SETTINGS))[0]).toBe(
      'trainable blocks 0 → 2',
    );
    expect(changedSinceRun({ ...DEFAULT_SETTINGS, seed: 7 }, run({ ...DEFAULT_SETTINGS, seed: 1 }))).toEqual([
      'seed 1 → 7',
    ]);
  });

  it('says nothing when the settings are the run’s, or the run did not record them', () => {
    expect(changedSinceRun({ ...DEFAULT_SETTINGS }, run(DEFAULT_SETTINGS))).toEqual([]);
    expect(changedSinceRun({ ...DEFAULT_SETTINGS, unfreeze: 2 }, run(undefined))).toEqual([]);
    expect(changedSinceRun(DEFAULT_SETTINGS, undefined)).toEqual([]);
  });

  it('after an automatic run, compares the manual recipe with what it trained (where Set by hand starts)', () => {
    const asked = { ...DEFAULT_SETTINGS, recipe: 'auto' as const };
    const auto = { settings: asked, trainedWith: applyRecipe(asked, chosen) } as RunRecord;
    const byHand = { ...asked, ...recipeChoice(asked, 'manual', chosen) };
    // nothing typed since: the run trains the same head again, so nothing is said
    expect(changedSinceRun(byHand, auto)).toEqual([]);
    expect(changedSinceRun({ ...byHand, learningRate: 0.005 }, auto)).toEqual(['lr 0.01 → 0.005']);
    // views are a field of both recipes: the automatic one had turned them off, the manual one trains them
    const plain = { settings: asked, trainedWith: applyRecipe(asked, { ...chosen, views: false }) } as RunRecord;
    expect(changedSinceRun(byHand, plain)).toEqual(['views 0 → 2']);
  });

  it('under the automatic recipe, the fields it chooses itself are no change', () => {
    const asked = { ...DEFAULT_SETTINGS, recipe: 'auto' as const };
    // Set by hand, then Back to automatic: the fields keep the run's choice, which the recipe chooses again
    const back = { ...asked, learningRate: 0.01, epochs: 25, batchSize: 1024, hiddenUnits: 0, weightDecay: 1 };
    expect(changedSinceRun(back, run(asked))).toEqual([]);
    expect(changedSinceRun({ ...back, seed: 3 }, run(asked))).toEqual(['seed 1 → 3']);
    // blocks unfrozen: the fields train as typed, and are said
    expect(changedSinceRun({ ...back, unfreeze: 1 }, run(asked))).toContain('lr 0.001 → 0.01');
  });

  it("says the automatic recipe's batch as every image, and its feature scaling in words", () => {
    const asked = { ...DEFAULT_SETTINGS, recipe: 'auto' as const };
    const auto = { settings: asked, trainedWith: applyRecipe(asked, chosen) } as RunRecord;
    const manual = { ...asked, ...recipeChoice(asked, 'manual', chosen), batchSize: 32, featureNorm: 'none' as const };
    expect(changedSinceRun(manual, auto)).toEqual(['batch all → 32', 'feature scaling standardised → none']);
  });
});
