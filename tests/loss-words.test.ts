import { describe, expect, it } from 'vitest';
import { penaltyText } from '../src/ui/loss-words';

const epoch = (n: number, penalty?: number) => ({
  epoch: n,
  loss: 0.8,
  accuracy: 0.9,
  valLoss: 0.85,
  valAccuracy: 0.8,
  seconds: 0.1,
  ...(penalty !== undefined && { penalty }),
});

describe('the words under the charts about the L2 penalty', () => {
  it("give the last epoch's penalty, three digits", () => {
    expect(penaltyText([epoch(1, 9.87654), epoch(2, 0.312345)])).toBe(
      "Train and validation loss are measured alike: the train loss leaves out the penalty that keeps the head's weights small (L2 weight decay, 0.312 in the last epoch).",
    );
  });

  it('say nothing without a penalty, for a history kept before it was recorded, or before the first epoch', () => {
    expect(penaltyText([epoch(1), epoch(2)])).toBe('');
    expect(penaltyText([])).toBe('');
  });
});
