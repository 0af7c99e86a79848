import { describe, expect, it } from 'vitest';
import { mostMixed, mapOutliers } from '../src/core/features/map-outliers';

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

describe('mostMixed', () => {
  const stray = (label: number, nearer: number) => ({ id: `${label}-${nearer}`, label, nearer });

  it('the pair with the most images nearer the other, counted either way', () => {
    expect(mostMixed([stray(0, 1), stray(2, 1), stray(1, 2), stray(2, 1)])).toEqual({ classes: [1, 2], images: 3 });
  });

  it('none when every image sits nearest its own class; a tie goes to the pair met first', () => {
    expect(mostMixed([])).toBeNull();
    expect(mostMixed([stray(3, 0), stray(1, 2)])).toEqual({ classes: [0, 3], images: 1 });
  });
});
