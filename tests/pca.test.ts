import { describe, expect, it } from 'vitest';
import { pca } from '../src/core/train/pca';

describe('pca', () => {
  it('finds the directions of a hand-made 3-D cloud and projects onto them', () => {
    // Spread 10 along (1,1,0)/√2, 3 along z, nothing along (1,−1,0)/√2, centred at (5,5,5).
    const s = Math.SQRT1_2;
    const along = [-2, -1, 0, 1, 2, -2, -1, 0, 1, 2];
    const up = [1, -1, 1, -1, 0, -1, 1, -1, 1, 0];
    const rows = along.map((a, i) => [5 + 10 * a * s, 5 + 10 * a * s, 5 + 3 * up[i]]);
    const { points, components, explained } = pca(rows);
    expect(Math.abs(components[0][0])).toBeCloseTo(s, 6);
    expect(components[0][0]).toBeCloseTo(components[0][1], 6);
    expect(components[0][2]).toBeCloseTo(0, 6);
    expect(Math.abs(components[1][2])).toBeCloseTo(1, 6);
    // Signs are fixed (largest entry positive), so projections are exact: a·10 and up·3.
    points.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(10 * along[i], 6);
      expect(p[1]).toBeCloseTo(3 * up[i], 6);
    });
    // Variances: 100·Σa² = 2000 and 9·Σup² = 72 of 2072, nothing else.
    expect(explained[0]).toBeCloseTo(2000 / 2072, 6);
    expect(explained[1]).toBeCloseTo(72 / 2072, 6);
  });

  it('matches the closed-form eigenvectors of a 2×2 covariance', () => {
    // Points whose covariance is [[2,1],[1,2]]·c: eigenvectors (1,1)/√2 (λ=3) and (1,−1)/√2 (λ=1).
    const rows = [
      [1, 1],
      [-1, -1],
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ];
    const { components, explained } = pca(rows);
    expect(components[0][0]).toBeCloseTo(Math.SQRT1_2, 8);
    expect(components[0][1]).toBeCloseTo(Math.SQRT1_2, 8);
    expect(Math.abs(components[1][0])).toBeCloseTo(Math.SQRT1_2, 8);
    expect(components[1][0]).toBeCloseTo(-components[1][1], 8);
    expect(explained[0]).toBeCloseTo(0.75, 8);
    expect(explained[1]).toBeCloseTo(0.25, 8);
  });

  it('gives zeros rather than NaN for degenerate input', () => {
    expect(pca([[1, 2, 3]]).points).toEqual([[0, 0]]);
    expect(
      pca([
        [1, 2],
        [1, 2],
      ]).points,
    ).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(pca([]).points).toEqual([]);
  });
});
