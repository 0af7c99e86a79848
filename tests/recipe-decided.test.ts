import { describe, expect, it } from 'vitest';
import { recipeDecided } from '../src/ui/recipe-decided';
import { autoChosen, autoRun } from './fixtures/auto-recipe-run';

describe("what the automatic recipe sets, in each field's place", () => {
  const { recipe, trainedWith, images } = autoRun;
  const chosen = autoChosen;

  it('before a run: its plan, the candidates cross-validation picks from and what it fixes', () => {
    expect(recipeDecided(null)).toEqual({
      fromRun: false,
      values: {
        epochs: '25, 50 or 100',
        learningRate: '0.01',
        batchSize: 'all (up to 1024)',
        hiddenUnits: '0 (linear head)',
        dropout: '0',
        weightDecay: '0.001 to 1',
        lrSchedule: 'constant',
        earlyStopPatience: 'off',
      },
    });
  });

  it('after a run: what it trained with, not what the fields hold', () => {
    const run = recipeDecided({ recipe, trainedWith: { ...trainedWith, epochs: 60, hiddenUnits: 512 }, images });
    expect(run.fromRun).toBe(true);
    expect(run.values).toMatchObject({ epochs: '100', weightDecay: '0.01', hiddenUnits: '0 (linear head)' });
    // a batch holds at most the training images; more of them than the recipe's batch: 1024
    expect(run.values.batchSize).toBe('24 (all)');
    expect(recipeDecided({ recipe, trainedWith, images: { train: 3000, val: 600 } }).values.batchSize).toBe('1024');
  });

  it('a result kept before the settings it came to were recorded: the recipe fixes the rest', () => {
    expect(recipeDecided({ recipe, images }).values).toMatchObject({
      learningRate: '0.01',
      batchSize: '24 (all)',
      lrSchedule: 'constant',
      earlyStopPatience: 'off',
    });
  });

  it('a hidden layer, should the recipe choose one', () => {
    const hidden = { ...chosen, hiddenUnits: 128, dropout: 0.3 };
    const run = recipeDecided({ recipe: { ...recipe, chosen: hidden }, trainedWith, images });
    expect(run.values).toMatchObject({ hiddenUnits: '128', dropout: '0.3' });
  });

  it('the plan again when the recipe chose nothing: a manual run, a first model', () => {
    expect(recipeDecided({ recipe: null, trainedWith, images }).fromRun).toBe(false);
    expect(recipeDecided({ trainedWith, images }).values.epochs).toBe('25, 50 or 100');
  });
});
