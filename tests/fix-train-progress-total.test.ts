import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import type { EpochMetrics } from '../src/core/train/epochs';
import type { InterruptedRun } from '../src/core/train/interrupted';
import type { TrainingState } from '../src/state/training-types';

// only the stage logic is under test: the stores the component reads stay out of it
vi.mock('../src/state/training', () => ({ useTraining: () => undefined }));
vi.mock('../src/state/backbone', () => ({ useBackbone: () => undefined }));
vi.mock('../src/state/model-in-use', () => ({ useModelInUse: () => undefined }));

const { runStages } = await import('../src/ui/RunProgress');
const { runStart } = await import('../src/state/training-run');
type Progress = Parameters<typeof runStages>[0];

/** 10 images under the automatic recipe (the default), views on: a two-phase run */
const run = (over: Partial<Progress> = {}): Progress => ({
  status: 'extracting',
  extract: { done: 0, total: 10 },
  runImages: 10,
  warmup: { done: 0, total: 0 },
  recipe: { done: 0, total: 0 },
  epochs: 0,
  epochsPlanned: DEFAULT_SETTINGS.epochs,
  phase: null,
  first: null,
  firstImages: null,
  settings: { ...DEFAULT_SETTINGS },
  ...over,
});
const epochStage = (p: Progress, continuing = false) => runStages(p, continuing).stages.at(-1)!;

describe("the epoch stage's total under the automatic recipe", () => {
  it('is unknown until the recipe has chosen, not the form field', () => {
    expect(epochStage(run())).toMatchObject({ name: 'epoch', total: null });
    // the first model trains: the full model's epochs are still to be chosen
    const first = run({ phase: 'first', status: 'training', epochs: 3, epochsPlanned: 12, firstImages: 10 });
    expect(epochStage(first).total).toBeNull();
    // the views and cross-validation: the 'final' phase event carried the form's epochs
    const views = run({ phase: 'final', extract: { done: 4, total: 16 }, epochsPlanned: DEFAULT_SETTINGS.epochs });
    expect(epochStage(views).total).toBeNull();
    // the plan came, then the epochs
    const training = run({ phase: 'final', status: 'training', extract: { done: 16, total: 16 }, epochsPlanned: 50 });
    expect(epochStage(training)).toMatchObject({ total: 50 });
  });

  it('is unknown for a one-phase automatic run until it trains', () => {
    const plain = run({ settings: { ...DEFAULT_SETTINGS, augmentViews: 0 } });
    expect(epochStage(plain).total).toBeNull();
    expect(epochStage({ ...plain, status: 'training', epochs: 1, epochsPlanned: 25 }).total).toBe(25);
  });

  it("is the settings' own under the manual recipe, and when fine-tuning", () => {
    expect(epochStage(run({ settings: { ...DEFAULT_SETTINGS, recipe: 'manual' } })).total).toBe(
      DEFAULT_SETTINGS.epochs,
    );
    expect(epochStage(run({ settings: { ...DEFAULT_SETTINGS, unfreeze: 1 } })).total).toBe(DEFAULT_SETTINGS.epochs);
  });

  it("a resumed automatic run shows its checkpoint's plan while it extracts again", () => {
    const history = Array.from({ length: 80 }, (_, i) => ({ epoch: i + 1 }) as EpochMetrics);
    const interrupted: InterruptedRun = {
      checkpoint: { epoch: 80, history, epochsPlanned: 100 } as InterruptedRun['checkpoint'],
      settings: { ...DEFAULT_SETTINGS },
      classes: ['a', 'b'],
      images: [],
      backboneId: 'fake',
      savedAt: '2026-01-01T00:00:00Z',
      split: 2,
    };
    // as the store holds it once the interrupted run is shown (training.ts: showInterrupted)
    const before = { interrupted, epochsPlanned: 100, epochs: history } as unknown as TrainingState;
    const patch = runStart(10, interrupted.settings, history);
    const state = { ...before, ...(typeof patch === 'function' ? patch(before) : patch) } as TrainingState;
    expect(state.epochsPlanned).toBe(100);
    expect(state.interrupted).toBeNull();
    const progress = run({ epochs: state.epochs.length, epochsPlanned: state.epochsPlanned });
    expect(epochStage(progress)).toMatchObject({ name: 'epoch', done: 80, total: 100 });
  });

  it('a new run starts from the settings, whatever run was interrupted', () => {
    const before = { interrupted: null, epochsPlanned: 100 } as unknown as TrainingState;
    const patch = runStart(10, { ...DEFAULT_SETTINGS, epochs: 40 }, null);
    const state = { ...before, ...(typeof patch === 'function' ? patch(before) : patch) } as TrainingState;
    expect(state.epochsPlanned).toBe(40);
  });
});
