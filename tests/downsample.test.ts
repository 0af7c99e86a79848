import { describe, expect, it } from 'vitest';
import { downsample } from '../src/ui/downsample';

describe('downsample', () => {
  it('returns short series unchanged', () => {
    const pts = [{ step: 1, loss: 2 }];
    expect(downsample(pts, 10, 'step')).toBe(pts);
  });
  it('averages buckets and keeps the last x of each', () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ step: i + 1, loss: i }));
    expect(downsample(pts, 5, 'step')).toEqual([
      { step: 2, loss: 0.5 },
      { step: 4, loss: 2.5 },
      { step: 6, loss: 4.5 },
      { step: 8, loss: 6.5 },
      { step: 10, loss: 8.5 },
    ]);
    expect(
      downsample(
        Array.from({ length: 1001 }, (_, i) => ({ step: i, loss: 1 })),
        300,
        'step',
      ).length,
    ).toBeLessThanOrEqual(300);
  });
});
