import { describe, expect, it } from 'vitest';
import { byHand, settingsErrors } from '../src/ui/settings-rules';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

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
});
