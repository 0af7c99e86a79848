import { describe, expect, it, vi } from 'vitest';
import type { TrainSummary } from '../src/worker/protocol';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { earlyStopSkippedShown } = await import('../src/ui/Results');

const skipped = { smallestClass: 4, needed: 17 };
const result = (over: Partial<TrainSummary>) =>
  ({ settings: { ...DEFAULT_SETTINGS }, earlyStopSkipped: skipped, ...over }) as TrainSummary;

describe("the results' note that early stopping was off", () => {
  it('is not shown for a first model kept under the automatic recipe (one saved before the engine stopped saying it)', () => {
    expect(earlyStopSkippedShown(result({ phase: 'first' }))).toBeNull();
  });

  it('is shown for a first model under a hand recipe, and for a full model', () => {
    expect(
      earlyStopSkippedShown(result({ phase: 'first', settings: { ...DEFAULT_SETTINGS, recipe: 'manual' } })),
    ).toEqual(skipped);
    expect(
      earlyStopSkippedShown(result({ phase: 'final', settings: { ...DEFAULT_SETTINGS, recipe: 'manual' } })),
    ).toEqual(skipped);
    expect(earlyStopSkippedShown(result({ earlyStopSkipped: undefined }))).toBeNull();
  });
});
