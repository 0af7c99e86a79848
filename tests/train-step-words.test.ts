import { describe, expect, it } from 'vitest';
import { trainStepWords } from '../src/ui/layout/train-step-words';

const idle = {
  status: 'idle' as const,
  extract: { done: 0, total: 0 },
  recipe: { done: 0, total: 0 },
  phase: null,
  epochs: [],
  epochsPlanned: 0,
  trainedBefore: false,
  autoRecipe: true,
};
const epochs = (n: number) => Array.from({ length: n }, () => ({}) as never);

describe("the Train step's words in the step bar", () => {
  it('follow the extraction as a share of its features, not "preparing…" throughout', () => {
    expect(trainStepWords({ ...idle, status: 'extracting', extract: { done: 0, total: 0 } })).toBe('preparing…');
    expect(trainStepWords({ ...idle, status: 'extracting', extract: { done: 132, total: 300 } })).toBe('features 44%');
    expect(trainStepWords({ ...idle, status: 'extracting', extract: { done: 385, total: 740 }, phase: 'final' })).toBe(
      'features 52%',
    );
  });

  it('say when the automatic recipe is being chosen, and the first model apart from the full one', () => {
    const views = {
      ...idle,
      status: 'extracting' as const,
      extract: { done: 740, total: 740 },
      phase: 'final' as const,
    };
    expect(trainStepWords({ ...views, recipe: { done: 2, total: 6 } })).toBe('choosing the recipe');
    expect(trainStepWords({ ...views, recipe: { done: 6, total: 6 } })).toBe('features 100%');
    // before its first fold reports (the folds report as each ends), and not under the manual recipe
    expect(trainStepWords(views)).toBe('choosing the recipe');
    expect(trainStepWords({ ...views, autoRecipe: false })).toBe('features 100%');
    expect(trainStepWords({ ...views, phase: 'first' })).toBe('features 100%');
    expect(trainStepWords({ ...idle, status: 'training', phase: 'first', epochs: epochs(2), epochsPlanned: 17 })).toBe(
      'first model · epoch 3/17',
    );
    expect(
      trainStepWords({ ...idle, status: 'training', phase: 'final', epochs: epochs(100), epochsPlanned: 100 }),
    ).toBe('epoch 100/100');
  });

  it('name how a run ended, and results from before this visit', () => {
    expect(trainStepWords({ ...idle, status: 'warming' })).toBe('warming up…');
    expect(trainStepWords({ ...idle, status: 'done' })).toBe('finished');
    expect(trainStepWords({ ...idle, status: 'stopped' })).toBe('stopped');
    expect(trainStepWords({ ...idle, status: 'error' })).toBe('failed');
    expect(trainStepWords(idle)).toBe('not started');
    expect(trainStepWords({ ...idle, trainedBefore: true })).toBe('trained earlier');
  });
});
