import { describe, expect, it } from 'vitest';
import { repairSettings } from '../src/core/train/settings-repair';
import { DEFAULT_SETTINGS, validateSettings } from '../src/core/train/settings';

describe('repairing saved settings of a fine-tuning run', () => {
  const saved = { ...DEFAULT_SETTINGS, unfreeze: 3, frozenBlocks: ['block_12'], learningRate: 0.01, epochs: 12 };

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
