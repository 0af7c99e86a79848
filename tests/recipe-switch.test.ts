import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { switchedByTyping } from '../src/ui/settings-rules';

describe('a value typed under the automatic recipe', () => {
  it('is a switch to the manual recipe the form then says aloud', () => {
    const auto = { ...DEFAULT_SETTINGS, recipe: 'auto' as const };
    expect(switchedByTyping(auto, { epochs: 40 })).toBe(true);
    expect(switchedByTyping(auto, { hiddenUnits: 0 })).toBe(true);
    // what every run uses, whichever the recipe: no switch
    expect(switchedByTyping(auto, { valSplit: 0.3 })).toBe(false);
    expect(switchedByTyping(auto, { cropMode: 'squash' })).toBe(false);
    // already manual: nothing switched
    expect(switchedByTyping({ ...auto, recipe: 'manual' }, { epochs: 40 })).toBe(false);
  });
});
