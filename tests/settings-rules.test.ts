import { describe, expect, it } from 'vitest';
import { byHand, fieldError, recipeChosenText, settingsErrors, settingsWarnings } from '../src/ui/settings-rules';
import { DEFAULT_SETTINGS, validateSettings } from '../src/core/train/settings';
import type { HeadRecipe } from '../src/core/train/recipe-shape';

describe('the settings form', () => {
  it('a field the automatic recipe sets, typed by hand, switches to the manual recipe, while blocks train too', () => {
    expect(byHand({ learningRate: 5e-4 })).toEqual({ learningRate: 5e-4, recipe: 'manual' });
    expect(byHand({ epochs: 10 })).toEqual({ epochs: 10, recipe: 'manual' });
    // the others do not (the crop, the split, the views are the run's, whichever recipe)
    expect(byHand({ cropMode: 'squash' })).toEqual({ cropMode: 'squash' });
    expect(byHand({ valSplit: 0.3 })).toEqual({ valSplit: 0.3 });
  });

  it('the fine-tuning fields are checked only while blocks train', () => {
    const leftBehind = { ...DEFAULT_SETTINGS, warmupEpochs: 1.5 };
    expect(settingsErrors({ ...leftBehind, unfreeze: 0 })).toEqual({});
    expect(Object.keys(settingsErrors({ ...leftBehind, unfreeze: 2 }))).toEqual(['warmupEpochs']);
  });

  it('the form and the engine (the CLI) take the same warm-ups', () => {
    const fineTuning = { ...DEFAULT_SETTINGS, unfreeze: 2, epochs: 1000 };
    for (const warmupEpochs of [0, 100, 101, 500, 1000, 1001]) {
      const form = fieldError('warmupEpochs', warmupEpochs) === null;
      const engine = validateSettings({ ...fineTuning, warmupEpochs }).length === 0;
      expect(form, `warm-up ${warmupEpochs}`).toBe(engine);
    }
  });

  it('a warm-up as long as the run says the blocks train in the last epoch only, without blocking the run', () => {
    const fineTuning = { ...DEFAULT_SETTINGS, unfreeze: 2, epochs: 3 };
    expect(settingsWarnings({ ...fineTuning, warmupEpochs: 3 }).warmupEpochs).toBe(
      'Warm-up (3 epochs) takes the whole run (3 epochs): the backbone blocks train in the last epoch only. Set fewer warm-up epochs or more epochs.',
    );
    expect(settingsWarnings({ ...fineTuning, warmupEpochs: 5 }).warmupEpochs).toMatch(/last epoch only/);
    // the default warm-up (2 epochs) counts too
    expect(settingsWarnings({ ...fineTuning, epochs: 2 }).warmupEpochs).toMatch(/^Warm-up \(2 epochs\)/);
    expect(settingsWarnings({ ...fineTuning, warmupEpochs: 2 })).toEqual({});
    // head only: the warm-up is not used
    expect(settingsWarnings({ ...fineTuning, unfreeze: 0, warmupEpochs: 3 })).toEqual({});
    // a value with its own error says that instead
    expect(settingsWarnings({ ...fineTuning, warmupEpochs: 3.5 })).toEqual({});
    expect(settingsErrors({ ...fineTuning, warmupEpochs: 3 })).toEqual({});
  });
});

describe("the automatic recipe's choice, as the settings form shows it", () => {
  const chosen: HeadRecipe = {
    hiddenUnits: 0,
    dropout: 0,
    weightDecay: 0.01,
    standardise: true,
    views: true,
    epochs: 100,
  };
  const recipe = { chosen, table: [], folds: 3, seconds: 1.2 };
  const trainedWith = {
    ...DEFAULT_SETTINGS,
    hiddenUnits: 0,
    dropout: 0,
    weightDecay: 0.01,
    epochs: 100,
    learningRate: 0.01,
    batchSize: 1024,
    lrSchedule: 'constant' as const,
    earlyStopPatience: 0,
  };

  it("says what the run trained with in the fields' words, not what the fields hold", () => {
    expect(recipeChosenText({ recipe, trainedWith, images: { train: 24, val: 6 } })).toBe(
      'linear head (no hidden units, no dropout), learning rate 0.01 (constant), weight decay 0.01, batch size 24 (every training image), 100 epochs, early stopping off',
    );
    // more training images than the recipe's batch: batches of 1024
    expect(recipeChosenText({ recipe, trainedWith, images: { train: 3000, val: 600 } })).toContain('batch size 1024,');
  });

  it('a result kept before the settings it came to were recorded: the recipe fixes the rest', () => {
    expect(recipeChosenText({ recipe, images: { train: 24, val: 6 } })).toBe(
      'linear head (no hidden units, no dropout), learning rate 0.01 (constant), weight decay 0.01, batch size 24 (every training image), 100 epochs, early stopping off',
    );
  });

  it('a hidden layer, should the recipe choose one', () => {
    const hidden = { ...chosen, hiddenUnits: 128, dropout: 0.3 };
    expect(
      recipeChosenText({
        recipe: { ...recipe, chosen: hidden },
        trainedWith: { ...trainedWith, hiddenUnits: 128, dropout: 0.3 },
        images: { train: 24, val: 6 },
      }),
    ).toMatch(/^128 hidden units, dropout 0\.3, learning rate/);
  });

  it('nothing when the recipe chose nothing: a manual run, a first model, no result', () => {
    expect(recipeChosenText({ recipe: null, trainedWith, images: { train: 24, val: 6 } })).toBeNull();
    expect(recipeChosenText({ trainedWith, images: { train: 24, val: 6 } })).toBeNull();
    expect(recipeChosenText(null)).toBeNull();
  });
});
