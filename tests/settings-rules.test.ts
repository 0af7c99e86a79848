import { describe, expect, it } from 'vitest';
import { byHand, fieldError, settingsErrors, settingsWarnings } from '../src/ui/settings-rules';
import { DEFAULT_SETTINGS, validateSettings } from '../src/core/train/settings';

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
