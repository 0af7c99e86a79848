import { describe, expect, it, vi } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import type { InterruptedRun } from '../src/core/train/interrupted';
import { augmentViewsFor, DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import type { StudioEvent } from '../src/worker/protocol';
import type { TrainingState } from '../src/state/training-types';

// only the stage logic is under test: the stores the component reads stay out of it
vi.mock('../src/state/training', () => ({ useTraining: () => undefined }));
vi.mock('../src/state/backbone', () => ({ useBackbone: () => undefined }));
vi.mock('../src/state/model-in-use', () => ({ useModelInUse: () => undefined }));

const { progressState, runStages } = await import('../src/ui/RunProgress');
const { runStart } = await import('../src/state/training-run');
const { runEvents } = await import('../src/state/training-events');

/** 10 images, 8 of them training images */
const IMAGES = 10;
const TRAIN = 8;

/**
 * A one-phase run's reports as core/pipeline.ts and core/finetune/run.ts send them, on a GPU: the
 * warm-up, the images' features (their own total), then the views in the same count (the images and
 * the training images' views), the plan, the first batch.
 */
function oneRunEvents(views: number): StudioEvent[] {
  const all = IMAGES + TRAIN * views;
  return [
    { type: 'warmup', done: 1, total: 3 },
    { type: 'warmup', done: 3, total: 3 },
    ...[0, 4, 10].map((done) => ({ type: 'extract' as const, done, total: IMAGES })),
    ...(views ? [10, 14, 18, 22, all] : []).map((done) => ({ type: 'extract' as const, done, total: all })),
    { type: 'plan', epochs: 100 },
    { type: 'batch', epoch: 81, batch: 1, batches: 1, loss: 0.5 },
  ];
}

/**
 * The stages and the bar after each report of a run the store starts as the page does
 * (training-run.ts `runStart`; a resumed run from the interrupted run it holds), the reports
 * handled as the page handles them (training-events.ts).
 */
function reports(settings: TrainSettings, resumedEpochs: number, continuing = false) {
  const history = Array.from({ length: resumedEpochs }, (_, i) => ({ epoch: i + 1 }) as EpochMetrics);
  const interrupted = resumedEpochs
    ? ({ checkpoint: { epoch: resumedEpochs, history, epochsPlanned: 100 }, settings } as unknown as InterruptedRun)
    : null;
  let state = { settings, interrupted, epochs: history } as unknown as TrainingState;
  const set = (patch: Partial<TrainingState> | ((s: TrainingState) => Partial<TrainingState>)) => {
    state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
  };
  set(runStart(IMAGES, settings, resumedEpochs ? history : null));
  const events = runEvents({ get: () => state, set, names: new Map(), firstModel: () => {}, fellBack: () => {} });
  const seen = oneRunEvents(augmentViewsFor(settings)).map((e) => {
    events.onEvent(e);
    const { stages, current, fraction } = runStages(progressState(state), continuing);
    return { event: e, names: stages.map((x) => x.name), now: stages[current], fraction };
  });
  events.finish();
  return seen;
}

/** the stages read the same from the first report on, and the bar moves forward at every one */
function expectSteady(seen: ReturnType<typeof reports>, names: string[]) {
  for (const s of seen) expect(s.names).toEqual(names);
  for (let i = 1; i < seen.length; i++) expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
  // the views' count moves the bar: it no longer waits at the epochs' mark for them
  const views = seen.filter((s) => s.event.type === 'extract' && s.event.total > IMAGES);
  // (the last one counts them all: the epochs are next)
  for (const { now, event } of views.slice(0, -1))
    expect(now).toMatchObject({ name: 'views', total: event.type === 'extract' && event.total - IMAGES });
  for (let i = 1; i < views.length; i++) expect(views[i].fraction).toBeGreaterThan(views[i - 1].fraction);
}

describe('a one-phase run with views shows them from its first report', () => {
  it('a run resumed from its checkpoint under the automatic recipe', () => {
    const seen = reports({ ...DEFAULT_SETTINGS }, 80);
    expectSteady(seen, ['GPU warm-up', 'images', 'views', 'epoch']);
    // its recipe is its checkpoint's: no cross-validation stage, and the epochs go on from 80 of 100
    expect(seen.at(-2)!.now).toMatchObject({ name: 'epoch', done: 80, total: 100 });
    expect(seen.at(-1)!.fraction).toBeCloseTo((3 + 80 / 100) / 4);
  });

  it('a run resumed under the manual recipe', () => {
    expectSteady(reports({ ...DEFAULT_SETTINGS, recipe: 'manual' }, 12), ['GPU warm-up', 'images', 'views', 'epoch']);
  });

  it('a fine-tuning run and one continuing an imported head', () => {
    expectSteady(reports({ ...DEFAULT_SETTINGS, unfreeze: 2 }, 0), ['GPU warm-up', 'images', 'views', 'epoch']);
    const continuing = { ...DEFAULT_SETTINGS, recipe: 'manual' as const, hiddenUnits: 100 };
    expectSteady(reports(continuing, 0, true), ['GPU warm-up', 'images', 'views', 'epoch']);
  });

  it('without views, it has none', () => {
    const seen = reports({ ...DEFAULT_SETTINGS, augmentViews: 0 }, 80);
    expect(seen.at(-1)!.names).toEqual(['GPU warm-up', 'images', 'epoch']);
  });
});
