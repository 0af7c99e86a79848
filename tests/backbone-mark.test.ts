import { describe, expect, it } from 'vitest';
import { markedChoice, markKey, markWords, onChoice } from '../src/ui/backbone-mark';

const V1 = 'mobilenet-v1-0.25';
const V2 = 'mobilenet-v2-0.35';

describe('a backbone reached by the arrow keys', () => {
  it('is only marked: each one is a download, and loading it set the trained model aside', () => {
    expect(onChoice(V2, V1, 'keys')).toBe('mark');
  });

  it('loads at once when clicked or tapped, or clicked by assistive technology or voice control (no key pressed)', () => {
    expect(onChoice(V2, V1, 'pointer')).toBe('load');
    expect(onChoice(V2, V1, 'other')).toBe('load');
  });

  it('back on the loaded one, the mark goes and nothing loads, however it was reached', () => {
    for (const via of ['keys', 'pointer', 'other'] as const) expect(onChoice(V1, V1, via)).toBe('unmark');
  });

  it('is loaded by Enter or Space, and given up by Escape; other keys do nothing to it', () => {
    expect(markKey('Enter')).toBe('load');
    expect(markKey(' ')).toBe('load');
    expect(markKey('Escape')).toBe('unmark');
    expect(markKey('ArrowDown')).toBeNull();
    expect(markKey('Tab')).toBeNull();
  });
});

describe('the mark shown', () => {
  it('is the one marked over the backbone still chosen', () => {
    expect(markedChoice({ id: V2, over: V1 }, V1, false)).toBe(V2);
  });

  it('goes once another backbone is chosen some other way (Undo, Switch back, a project opened)', () => {
    expect(markedChoice({ id: V2, over: V1 }, 'mobilenet-v1-0.25-320', false)).toBeNull();
  });

  it('goes while the list is locked (a run, a calibration): Train trains on the loaded one', () => {
    expect(markedChoice({ id: V2, over: V1 }, V1, true)).toBeNull();
  });

  it('is none when nothing is marked, or the loaded one is', () => {
    expect(markedChoice(null, V1, false)).toBeNull();
    expect(markedChoice({ id: V1, over: V1 }, V1, false)).toBeNull();
  });
});

describe('the words beside a marked backbone', () => {
  it('say it is not loaded, how to load it, and what stays in use meanwhile', () => {
    expect(markWords('MobileNet v1 α0.25', false)).toBe(
      'Not loaded yet: press Enter or the Use button to load it. MobileNet v1 α0.25 stays in use until then.',
    );
  });

  it('say a trained model is set aside by the load, and how it comes back', () => {
    expect(markWords('MobileNet v1 α0.25', true)).toBe(
      'Not loaded yet: press Enter or the Use button to load it. MobileNet v1 α0.25 stays in use until then. ' +
        'Loading it sets your trained model aside: picking MobileNet v1 α0.25 again brings it back.',
    );
  });

  it('name nothing in use when none is loaded (a failed load)', () => {
    expect(markWords(null, false)).toBe('Not loaded yet: press Enter or the Use button to load it.');
  });
});
