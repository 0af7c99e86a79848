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
  recipe: { done: 0, total: 0 },
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
    // its views are extracted after the images, in the same count (core/pipeline.ts: images + views):
    // their stage is there before they are counted (tests/run-progress-resumed.test.ts)
    expect(names(run(), true)).toEqual(['images', 'views', 'epoch']);
    const views = run({ extract: { done: 18, total: 26 } });
    expect(names(views, true)).toEqual(['images', 'views', 'epoch']);
    const { stages, current, fraction } = runStages(views, true);
    expect(stages[current]).toMatchObject({ name: 'views', done: 8, total: 16 });
    // half the views: half-way through the second of three stages, not held at a quarter
    expect(fraction).toBeCloseTo(0.5);
    const training = runStages(run({ status: 'training', extract: { done: 26, total: 26 }, epochs: 30 }), true);
    expect(training.stages[training.current].name).toBe('epoch');
    expect(training.fraction).toBeCloseTo(2.5 / 3);
  });

  it('a fresh head-only run with views still shows its first model ahead', () => {
    expect(names(run(), false)).toEqual(['images', 'first model', 'views', 'epoch']);
    const first = run({ phase: 'first', extract: { done: 10, total: 10 }, epochsPlanned: 8, firstImages: 10 });
    expect(runStages(first, false).stages[runStages(first, false).current].name).toBe('first model');
  });

  it("the run's own phase events decide, whatever was expected", () => {
    // a first phase that came after all (the page's guess was wrong): its stages are shown
    const first = run({ phase: 'first', extract: { done: 4, total: 10 }, epochsPlanned: 8, firstImages: 4 });
    expect(names(first, true)).toEqual(['images', 'first model', 'rest + views', 'epoch']);
  });

  it('no first model without views, when fine-tuning, or for a resumed run', () => {
    // (the automatic recipe still cross-validates on the plain features)
    expect(names(run({ settings: { ...DEFAULT_SETTINGS, augmentViews: 0 } }), false)).toEqual([
      'images',
      'recipe',
      'epoch',
    ]);
    expect(names(run({ settings: { ...DEFAULT_SETTINGS, unfreeze: 1, augmentViews: 2 } }), false)).toEqual([
      'images',
      'views',
      'epoch',
    ]);
    expect(names(run({ epochs: 3 }), false)).toEqual(['images', 'views', 'epoch']);
  });
});

describe("the automatic recipe's cross-validation as a stage of its own", () => {
  const auto = { ...DEFAULT_SETTINGS };
  /** a two-phase run under the automatic recipe (its first model trained no epoch: the count is no matter here), its 16 views extracted */
  const choosing = (done: number, total: number) =>
    run({
      settings: auto,
      phase: 'final',
      first: { valAccuracy: 0.9, epochs: [], seconds: 3, images: { train: 8, val: 2 }, besideFull: true },
      firstImages: 10,
      extract: { done: 16, total: 16 },
      epochsPlanned: DEFAULT_SETTINGS.epochs,
      recipe: { done, total },
    });

  it('sits between the augmented views and the epochs of a head-only run with views', () => {
    expect(names(run({ settings: auto }), false)).toEqual(['images', 'first model', 'views', 'recipe', 'epoch']);
    const { stages, current } = runStages(choosing(2, 6), false);
    expect(stages[current]).toMatchObject({ name: 'recipe', done: 2, total: 6 });
    expect(stages.map((s) => s.name).indexOf('recipe')).toBe(stages.map((s) => s.name).indexOf('views') + 1);
    // before its first fold is done its count is not known yet, but it is the stage under way
    const first = runStages(choosing(0, 0), false);
    expect(first.stages[first.current]).toMatchObject({ name: 'recipe', total: null });
  });

  it('moves the bar forward with each fold, never back, on to the epochs', () => {
    const fractions = [0, 1, 2, 3, 4, 5, 6].map((done) => runStages(choosing(done, done ? 6 : 0), false).fraction);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThan(fractions[i - 1]);
    // the plan came and the first batch trained: the recipe is behind, the epochs under way
    const training = runStages(
      { ...choosing(6, 6), status: 'training', epochsPlanned: 25, extract: { done: 16, total: 16 } },
      false,
    );
    expect(training.stages[training.current].name).toBe('epoch');
    expect(training.stages.find((s) => s.name === 'recipe')).toMatchObject({ done: 6, total: 6 });
    expect(training.fraction).toBeGreaterThanOrEqual(fractions.at(-1)!);
    expect(runStages({ ...choosing(6, 6), status: 'training', epochs: 10, epochsPlanned: 25 }, false).fraction).toBe(
      (4 + 10 / 25) / 5,
    );
  });

  it('is there for a head-only run without views too, and stays once it trains', () => {
    const plain = { ...auto, augmentViews: 0 };
    expect(names(run({ settings: plain }), false)).toEqual(['images', 'recipe', 'epoch']);
    const cv = runStages(
      run({ settings: plain, extract: { done: 10, total: 10 }, recipe: { done: 3, total: 6 } }),
      false,
    );
    expect(cv.stages[cv.current]).toMatchObject({ name: 'recipe', done: 3, total: 6 });
    expect(cv.fraction).toBeCloseTo((1 + 0.5) / 3);
    const training = run({
      settings: plain,
      status: 'training',
      epochs: 4,
      epochsPlanned: 25,
      recipe: { done: 6, total: 6 },
    });
    expect(names(training, false)).toEqual(['images', 'recipe', 'epoch']);
  });

  it('is absent under the manual recipe, when fine-tuning, and for a resumed run that has its recipe', () => {
    expect(names(run(), false)).not.toContain('recipe');
    expect(names(run({ settings: { ...auto, recipe: 'manual' } }), false)).not.toContain('recipe');
    expect(names(run({ settings: { ...auto, unfreeze: 1 } }), false)).not.toContain('recipe');
    expect(names(run({ settings: { ...auto, unfreeze: 1, augmentViews: 0 } }), false)).not.toContain('recipe');
    // its finished epochs charted again while it extracts, then trains on without a cross-validation
    expect(names(run({ settings: auto, epochs: 80, epochsPlanned: 100 }), false)).toEqual(['images', 'views', 'epoch']);
    expect(names(run({ settings: auto, status: 'training', epochs: 81, epochsPlanned: 100 }), false)).toEqual([
      'images',
      'views',
      'epoch',
    ]);
  });
});
