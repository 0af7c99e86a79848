import { describe, expect, it } from 'vitest';
import { mapOutliers } from '../src/core/features/map-outliers';

describe('feature map outliers', () => {
  it('lists points nearer another class centre, deepest first, and none for separated classes', () => {
    const cats = [0, 1, 2].map((k) => ({ id: `c${k}`, label: 0, x: k * 0.1, y: 0 }));
    const dogs = [0, 1, 2].map((k) => ({ id: `d${k}`, label: 1, x: 10 + k * 0.1, y: 0 }));
    expect(mapOutliers([...cats, ...dogs])).toEqual([]);
    // a dog photo among the cats, and one halfway but a little nearer the cats
    const stray = { id: 'd-stray', label: 1, x: 0.2, y: 0 };
    const between = { id: 'd-between', label: 1, x: 3, y: 0 };
    expect(mapOutliers([...cats, ...dogs, stray, between])).toEqual([
      { id: 'd-stray', label: 1, nearer: 0 },
      { id: 'd-between', label: 1, nearer: 0 },
    ]);
    expect(mapOutliers([...cats, ...dogs, stray, between], 1)).toHaveLength(1);
  });
});
