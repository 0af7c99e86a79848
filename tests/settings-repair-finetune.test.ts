import { describe, expect, it } from 'vitest';
import { repairSettings } from '../src/core/train/settings-repair';
import { DEFAULT_SETTINGS, resolveSettings, validateSettings } from '../src/core/train/settings';

describe('repairing saved settings of a fine-tuning run', () => {
  // the rate and epochs typed in the form: the manual recipe (ui/settings-rules.ts byHand)
  const saved = {
    ...DEFAULT_SETTINGS,
    unfreeze: 3,
    frozenBlocks: ['block_12'],
    learningRate: 0.01,
    epochs: 12,
    recipe: 'manual' as const,
  };

  it('a bad warm-up goes back to its default alone: the blocks, the rate and the rest stay', () => {
    const { settings, reset } = repairSettings({ ...saved, warmupEpochs: -1 });
    expect(reset).toEqual(['Warm-up epochs']);
    expect(settings).toEqual(saved);
    expect(validateSettings(settings)).toEqual([]);
  });

  it('a bad backbone learning-rate scale goes back to its default alone', () => {
    const { settings, reset } = repairSettings({ ...saved, backboneLrScale: 12, warmupEpochs: 3 });
    expect(reset).toEqual(['Backbone learning rate']);
    expect(settings).toEqual({ ...saved, warmupEpochs: 3 });
  });

  it('head only, a warm-up left behind is kept as it was (a head-only run never reads it)', () => {
    const { settings, reset } = repairSettings({ ...DEFAULT_SETTINGS, warmupEpochs: -1 });
    expect(reset).toEqual([]);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, warmupEpochs: -1 });
  });

  it('a bad unfreeze goes back to head only, and the fine-tuning fields are not judged against it', () => {
    const { settings, reset } = repairSettings({ ...DEFAULT_SETTINGS, unfreeze: -2, warmupEpochs: 3 });
    expect(reset).toEqual(['Trainable backbone blocks']);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, warmupEpochs: 3 });
  });
});

describe('settings saved before the automatic head recipe existed', () => {
  it('keep the values set by hand: the recipe is manual, as their runs trained', () => {
    const { settings, reset } = repairSettings({
      ...DEFAULT_SETTINGS,
      hiddenUnits: 128,
      epochs: 20,
      earlyStopPatience: 10,
    });
    expect(reset).toEqual([]);
    expect(settings).toMatchObject({ hiddenUnits: 128, epochs: 20, recipe: 'manual' });
  });

  it("holding that version's head defaults, they take the automatic recipe, as a new project does", () => {
    // that version stored early stopping's patience (10) with the rest; the head default now too
    const { settings } = repairSettings({ ...DEFAULT_SETTINGS, earlyStopPatience: 10, seed: 7 });
    expect(settings.recipe).toBeUndefined();
    expect(resolveSettings(settings).recipe).toBe('auto');
  });

  it('saved with a recipe, they keep it whatever the values', () => {
    expect(repairSettings({ ...DEFAULT_SETTINGS, hiddenUnits: 128, recipe: 'auto' }).settings.recipe).toBe('auto');
  });
});
