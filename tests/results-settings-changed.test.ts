import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import type { RunRecord } from '../src/state/run-record';
import { changedSinceRun } from '../src/ui/run-changes';

const run = (settings: RunRecord['settings']) => ({ settings }) as RunRecord;

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
});
