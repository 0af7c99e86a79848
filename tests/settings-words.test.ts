import { describe, expect, it } from 'vitest';
import { augmentHint, batchHint, MANUAL_HINTS, valSplitHint } from '../src/ui/settings-words';

// The settings' hints say what a field does, for someone who has not met the term.

describe('settings hints', () => {
  it('says what the validation split holds out, as a share of each class', () => {
    expect(valSplitHint(0.2)).toBe('20% of each class held out: never trained on, the accuracy is measured on it');
    expect(valSplitHint(0.15)).toMatch(/^15% of each class/);
    // while the field is being typed (empty, or out of range) it still says what the field is
    for (const v of [Number.NaN, 0, 1.5])
      expect(valSplitHint(v)).toBe('the share of each class held out to measure accuracy');
  });

  it('says what augmented views are and what they cost, once', () => {
    expect(augmentHint(2, 144, false)).toBe(
      'mirrored, cropped and recoloured copies of each training image: 144 more backbone passes, once',
    );
    expect(augmentHint(2, 1600, true)).toContain('1,600 more passes through the frozen layers, once');
    // no count while the validation split is being typed ("+NaN" before)
    expect(augmentHint(2, Number.NaN, false)).toBe('mirrored, cropped and recoloured copies of each training image');
    expect(augmentHint(0, 0, false)).toBe('off: training sees each image as it is');
    expect(augmentHint(Number.NaN, 0, false)).toBe('off: training sees each image as it is');
  });

  it('gives every field the manual recipe trains one short line', () => {
    expect(Object.keys(MANUAL_HINTS).sort()).toEqual(
      ['batchSize', 'dropout', 'earlyStopPatience', 'epochs', 'hiddenUnits', 'learningRate', 'weightDecay'].sort(),
    );
    // three lines at most in a field's column of the settings grid
    for (const hint of Object.values(MANUAL_HINTS)) expect(hint.length).toBeLessThanOrEqual(64);
  });

  it('says when the batch takes every training image in one step', () => {
    // the automatic recipe's 1024, set by hand for 24 training images, read as 1024 images a step
    expect(batchHint(1024, 24)).toBe('images per step: all 24 training images at once');
    expect(batchHint(24, 24)).toBe('images per step: all 24 training images at once');
    expect(batchHint(2048, 1600)).toBe('images per step: all 1,600 training images at once');
    expect(batchHint(1024, 1600)).toBe('images per step');
    expect(batchHint(16, 24)).toBe('images per step');
    // no project yet, or the split or the batch being typed
    for (const [batch, train] of [
      [16, 0],
      [16, Number.NaN],
      [Number.NaN, 24],
    ])
      expect(batchHint(batch, train)).toBe('images per step');
  });
});
