import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { newestRunShown, type RunRecord } from '../src/state/run-record';
import type { TrainSummary } from '../src/worker/protocol';
import { changedSinceRun } from '../src/ui/run-changes';
import { shownRun, shownRunName } from '../src/ui/shown-run';

const epoch = { epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5, seconds: 1 };
const run = (n: number, valAccuracy: number, seed: number) =>
  ({
    n,
    label: `Run ${n}`,
    valAccuracy,
    history: [epoch],
    seconds: 3,
    settings: { ...DEFAULT_SETTINGS, seed },
  }) as RunRecord;
const model = (valAccuracy: number) =>
  ({ valAccuracy, history: [epoch], seconds: { extract: 1, train: 2 } }) as unknown as TrainSummary;

describe('what changed since the run whose model is shown', () => {
  const runs = [run(1, 0.9, 1), run(2, 0.7, 2)];

  it('is read from the run of the model in use: an older one chosen again, then a reload', () => {
    // restored after the reload, read as the newest run's (lastRunShown): run 1's model is the one in use
    const older = model(0.9);
    expect(shownRun(older, runs, true)).toBe(runs[0]);
    // the settings are run 1's: nothing changed since its run (the newest run's seed is another)
    expect(changedSinceRun({ ...DEFAULT_SETTINGS, seed: 1 }, shownRun(older, runs, true))).toEqual([]);
    expect(changedSinceRun({ ...DEFAULT_SETTINGS, seed: 1 }, runs.at(-1))).toEqual(['seed 2 → 1']);
  });

  it('is named: an older model chosen again is its own run, not "the last run"', () => {
    expect(shownRunName(model(0.9), runs, false)).toBe('run 1');
    expect(shownRunName(model(0.7), runs, true)).toBe('the last run');
    expect(shownRunName(model(0.3), runs, false)).toBe('the last run');
  });

  it('is the newest run while the model is known to be its, and none for a model of no known run', () => {
    expect(shownRun(model(0.7), runs, true)).toBe(runs[1]);
    expect(shownRun(model(0.3), runs, true)).toBe(runs[1]);
    expect(shownRun(model(0.3), runs, false)).toBeUndefined();
  });
});

describe('a model read back: is it the newest run\'s ("Last run chose:")', () => {
  const runs = [run(1, 0.9, 1), run(2, 0.7, 2)];

  it("is the newest run's only when its own record is the newest", () => {
    expect(newestRunShown(model(0.7), runs)).toBe(true);
    // an older model chosen again, then a reload
    expect(newestRunShown(model(0.9), runs)).toBe(false);
    // no record of it: not known to be the newest's
    expect(newestRunShown(model(0.3), runs)).toBe(false);
  });

  it('with no runs read back (yet), nothing says otherwise', () => {
    expect(newestRunShown(model(0.9), [])).toBe(true);
  });
});
