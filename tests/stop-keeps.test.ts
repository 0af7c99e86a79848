import { describe, expect, it } from 'vitest';
import { stopKeepsFirst } from '../src/core/train/stop-keeps';

describe('Stop: the first model or the full model stopped short', () => {
  it('keeps the one that gets more validation images right', () => {
    expect(stopKeepsFirst({ accuracy: 0.9, loss: 0.5 }, { accuracy: 0.8, loss: 0.1 })).toBe(true);
    expect(stopKeepsFirst({ accuracy: 0.8, loss: 0.1 }, { accuracy: 0.9, loss: 0.5 })).toBe(false);
  });

  it('at equal accuracy keeps the surer one: a full model one epoch in is right as often, near a guess', () => {
    expect(stopKeepsFirst({ accuracy: 1, loss: 0.05 }, { accuracy: 1, loss: 0.69 })).toBe(true);
    expect(stopKeepsFirst({ accuracy: 1, loss: 0.69 }, { accuracy: 1, loss: 0.05 })).toBe(false);
  });

  it('keeps the full model on a full tie, or where a loss is not known', () => {
    expect(stopKeepsFirst({ accuracy: 0.5, loss: 0.3 }, { accuracy: 0.5, loss: 0.3 })).toBe(false);
    expect(stopKeepsFirst({ accuracy: 0.5 }, { accuracy: 0.5, loss: 0.3 })).toBe(false);
    expect(stopKeepsFirst({ accuracy: 0.5, loss: 0.1 }, { accuracy: 0.5 })).toBe(false);
  });
});
