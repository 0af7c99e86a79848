import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

// only the stage logic is under test: the stores the component reads stay out of it
vi.mock('../src/state/training', () => ({ useTraining: () => undefined }));
vi.mock('../src/state/backbone', () => ({ useBackbone: () => undefined }));
vi.mock('../src/state/model-in-use', () => ({ useModelInUse: () => undefined }));

const { runStages } = await import('../src/ui/RunProgress');
type Progress = Parameters<typeof runStages>[0];

/** 10 images, 8 of them training images with the head-only default of augmented views (2 each) */
const run = (over: Partial<Progress> = {}): Progress => ({
  status: 'extracting',
  extract: { done: 0, total: 10 },
  runImages: 10,
  warmup: { done: 0, total: 0 },
  epochs: 0,
  epochsPlanned: DEFAULT_SETTINGS.epochs,
  phase: null,
  first: null,
  firstImages: null,
  settings: { ...DEFAULT_SETTINGS, recipe: 'manual', hiddenUnits: 100 },
  ...over,
});
const names = (p: Progress, continuing: boolean) => runStages(p, continuing).stages.map((s) => s.name);

describe('the run stages under the progress bar', () => {
  it('continuing an imported head with views is one phase: no first model stage to wait under', () => {
    expect(names(run(), true)).toEqual(['images', 'epoch']);
    // its views are extracted after the images, in the same count (core/pipeline.ts: images + views)
    const views = run({ extract: { done: 18, total: 26 } });
    expect(names(views, true)).toEqual(['images', 'augmented views', 'epoch']);
    const { stages, current, fraction } = runStages(views, true);
    expect(stages[current]).toMatchObject({ name: 'augmented views', done: 8, total: 16 });
    // half the views: half-way through the second of three stages, not held at a quarter
    expect(fraction).toBeCloseTo(0.5);
    const training = runStages(run({ status: 'training', extract: { done: 26, total: 26 }, epochs: 30 }), true);
    expect(training.stages[training.current].name).toBe('epoch');
    expect(training.fraction).toBeCloseTo(2.5 / 3);
  });

  it('a fresh head-only run with views still shows its first model ahead', () => {
    expect(names(run(), false)).toEqual(['images', 'first model, epoch', 'augmented views', 'epoch']);
    const first = run({ phase: 'first', extract: { done: 10, total: 10 }, epochsPlanned: 8, firstImages: 10 });
    expect(runStages(first, false).stages[runStages(first, false).current].name).toBe('first model, epoch');
  });

  it("the run's own phase events decide, whatever was expected", () => {
    // a first phase that came after all (the page's guess was wrong): its stages are shown
    const first = run({ phase: 'first', extract: { done: 4, total: 10 }, epochsPlanned: 8, firstImages: 4 });
    expect(names(first, true)).toEqual(['images', 'first model, epoch', 'other images + views', 'epoch']);
  });

  it('no first model without views, when fine-tuning, or for a resumed run', () => {
    expect(names(run({ settings: { ...DEFAULT_SETTINGS, augmentViews: 0 } }), false)).toEqual(['images', 'epoch']);
    expect(names(run({ settings: { ...DEFAULT_SETTINGS, unfreeze: 1, augmentViews: 2 } }), false)).toEqual([
      'images',
      'epoch',
    ]);
    expect(names(run({ epochs: 3 }), false)).toEqual(['images', 'epoch']);
  });
});
