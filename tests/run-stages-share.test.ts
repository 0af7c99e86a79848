import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import type { StudioEvent, TrainSummary } from '../src/worker/protocol';
import type { TrainingState } from '../src/state/training-types';
import { runStart } from '../src/state/training-run';
import { runEvents } from '../src/state/training-events';
import { progressState, runShareWords, runStages } from '../src/ui/run-stages';

const IMAGES = 80;
/** 64 training images, 16 validation images */
const TRAIN = 64;
const VIEWS = 2;

const epochEvents = (n: number): StudioEvent[] =>
  Array.from({ length: n }, (_, i) => [
    { type: 'batch' as const, epoch: i + 1, batch: 1, batches: 1, loss: 1 / (i + 1) },
    { type: 'epoch' as const, metrics: { epoch: i + 1 } as EpochMetrics },
  ]).flat();
const counts = (total: number, dones: number[]): StudioEvent[] =>
  dones.map((done) => ({ type: 'extract' as const, done, total }));

/**
 * A head-only run with views as core/pipeline.ts reports it: the first model's part of the images
 * (`part` of them; all: a complete first pass), its phase and epochs, then the 'final' phase, which
 * comes before the views' first count, the rest of the images and the views, the recipe's folds, the plan, the epochs.
 */
function twoPhaseEvents(part: number): StudioEvent[] {
  // the rest of the images, and the training images' views (core/pipeline-first.ts restOfImages)
  const total = part < IMAGES ? IMAGES - part + TRAIN * VIEWS : TRAIN * VIEWS;
  return [
    ...counts(IMAGES, [0, 8, 16, 24, part]),
    { type: 'phase', phase: 'first', epochs: 30, images: part },
    ...epochEvents(30),
    { type: 'first-model', result: { valAccuracy: 0.7, history: [] } as unknown as TrainSummary },
    { type: 'phase', phase: 'final', epochs: 60 },
    ...counts(total, [0, 20, 40, 60, 80, total]),
    ...[1, 2, 3].map((done) => ({ type: 'recipe' as const, done, total: 3 })),
    { type: 'plan', epochs: 25 },
    ...epochEvents(25),
  ];
}

/** A fine-tuning run (one phase): the images, then their views in the same count, then the epochs. */
function fineTuningEvents(): StudioEvent[] {
  const all = IMAGES + TRAIN * VIEWS;
  return [
    { type: 'warmup', done: 1, total: 3 },
    { type: 'warmup', done: 3, total: 3 },
    ...counts(IMAGES, [0, 20, 40, IMAGES]),
    ...counts(all, [IMAGES, 100, 150, all]),
    ...epochEvents(20),
  ];
}

/** The share and words after each report, the reports handled as the page handles them (training-events.ts). */
function run(settings: TrainSettings, reports: StudioEvent[]) {
  let state = { settings, interrupted: null, epochs: [] } as unknown as TrainingState;
  const set = (patch: Partial<TrainingState> | ((s: TrainingState) => Partial<TrainingState>)) => {
    state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
  };
  set(runStart(IMAGES, settings, null));
  const events = runEvents({
    get: () => state,
    set,
    names: new Map(),
    // as the store does (state/training.ts): the first model's epochs so far
    firstModel: () =>
      set((s) => ({ first: { valAccuracy: 0.7, epochs: s.epochs, seconds: 1, images: { train: 1, val: 1 } } })),
    fellBack: () => {},
  });
  const seen = reports.map((e) => {
    events.onEvent(e);
    // the epochs gathered are published (a few times a second)
    vi.advanceTimersByTime(300);
    const { stages, current, fraction } = runStages(progressState(state), false);
    return {
      event: e,
      stage: stages[current].name,
      fraction,
      words: runShareWords(stages[current], fraction, state.status === 'training'),
    };
  });
  events.finish();
  return seen;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** never back, and forward at most reports: the bar moves within each stage */
function expectForward(seen: ReturnType<typeof run>) {
  for (let i = 1; i < seen.length; i++)
    expect(seen[i].fraction, `after ${JSON.stringify(seen[i].event)}`).toBeGreaterThanOrEqual(seen[i - 1].fraction);
  const moved = seen.filter((s, i) => i > 0 && s.fraction > seen[i - 1].fraction).length;
  expect(moved).toBeGreaterThan(seen.length / 2);
  expect(seen.at(-1)!.fraction).toBeGreaterThan(0.95);
}

describe("one share of a run for the Train panel's bar and the step bar", () => {
  const headOnly = { ...DEFAULT_SETTINGS, recipe: 'auto' as const, augmentViews: VIEWS, unfreeze: 0 };

  it('a two-phase run whose first model waits for part of the images never goes back', () => {
    const seen = run(headOnly, twoPhaseEvents(36));
    expectForward(seen);
    expect(seen.map((s) => s.stage)).toEqual(
      expect.arrayContaining(['images', 'first model', 'rest + views', 'recipe', 'epoch']),
    );
    // the 'final' phase before the views' first count: the first model's image count is not the views'
    // (it marked the views as good as done, and the bar stood at the recipe's mark through them)
    const final = seen.findIndex((s) => s.event.type === 'phase' && s.event.phase === 'final');
    expect(seen[final]).toMatchObject({ stage: 'rest + views', fraction: 2 / 5 });
    const views = seen.filter((s) => s.stage === 'rest + views' && s.event.type === 'extract');
    for (let i = 1; i < views.length; i++) expect(views[i].fraction).toBeGreaterThan(views[i - 1].fraction);
  });

  it('a two-phase run whose first model had every image never goes back', () => {
    const seen = run(headOnly, twoPhaseEvents(IMAGES));
    expectForward(seen);
    const final = seen.findIndex((s) => s.event.type === 'phase' && s.event.phase === 'final');
    expect(seen[final]).toMatchObject({ stage: 'views', fraction: 2 / 5 });
    // half the views: half-way through the third of five stages
    const half = seen.find((s) => s.event.type === 'extract' && s.event.done === 60 && s.event.total === TRAIN * VIEWS);
    expect(half!.fraction).toBeCloseTo((2 + 60 / 128) / 5);
    expect(half!.words).toBe(`${Math.floor(((2 + 60 / 128) / 5) * 100)}% · views 60/128`);
  });

  it('a fine-tuning run never goes back', () => {
    const seen = run({ ...DEFAULT_SETTINGS, unfreeze: 2, augmentViews: VIEWS, epochs: 20 }, fineTuningEvents());
    expectForward(seen);
    expect([...new Set(seen.map((s) => s.stage))]).toEqual(['GPU warm-up', 'images', 'views', 'epoch']);
    expect(seen.at(-3)!.words).toMatch(/^\d+% · epoch \d+\/20$/);
  });
});
