import { describe, expect, it } from 'vitest';
import { downsample } from '../src/ui/downsample';

describe('downsample', () => {
  it('downsample never averages across a phase boundary', () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({
      step: i + 1,
      loss: i < 3 ? 0 : 10,
      ...(i < 3 && { first: true as const }),
    }));
    const out = downsample(pts, 5, 'step', (p) => p.first === true);
    expect(out).toEqual([
      { step: 2, loss: 0, first: true },
      { step: 3, loss: 0, first: true },
      { step: 5, loss: 10 },
      { step: 7, loss: 10 },
      { step: 9, loss: 10 },
      { step: 10, loss: 10 },
    ]);
  });

  it('averages a field some rows lack over the rows that have it', () => {
    const pts = [{ step: 1, lr: 2 }, { step: 2 }, { step: 3, lr: 4 }, { step: 4 }];
    expect(downsample(pts, 1, 'step')).toEqual([{ step: 4, lr: 3 }]);
  });
});
