import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withPools } from '../scripts/sweep/case';
import { extraPools, type Dump } from '../scripts/sweep/feature-dump';

describe('extraPools (sweep: poolings beside the global average)', () => {
  it('averages each quadrant of an odd map, the middle row and column in both halves', () => {
    // a 3×3 map of one channel holding 0…8: quadrants {0,1,3,4}, {1,2,4,5}, {3,4,6,7}, {4,5,7,8}
    const m = tf.tensor4d([0, 1, 2, 3, 4, 5, 6, 7, 8], [1, 3, 3, 1]);
    const [max, gem, grid] = extraPools(m).map((t) => Array.from(t.dataSync()));
    expect(grid).toEqual([2, 3, 5, 6]);
    expect(max).toEqual([8]);
    expect(gem[0]).toBeCloseTo(Math.cbrt([0, 1, 2, 3, 4, 5, 6, 7, 8].reduce((a, x) => a + x ** 3, 0) / 9), 4);
  });

  it('swaps left and right quadrants for a mirrored map (each C wide)', () => {
    const m = tf.randomUniform([2, 7, 7, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const [, , grid] = extraPools(m).map((t) => t.arraySync() as number[][]);
    const [, , mirrored] = extraPools(m.reverse(2) as tf.Tensor4D).map((t) => t.arraySync() as number[][]);
    const quad = (row: number[], q: number) => row.slice(q * 3, q * 3 + 3);
    for (let i = 0; i < 2; i++) {
      [1, 0, 3, 2].forEach((from, q) =>
        quad(mirrored[i], q).forEach((x, c) => expect(x).toBeCloseTo(quad(grid[i], from)[c], 5)),
      );
    }
  });
});

describe('withPools', () => {
  // 2 images, one view; final 2 wide, mid1 1 wide, mid2 1 wide; the average rows hold 1…, extras 100…
  const dump: Dump = {
    dataset: 'd',
    backbone: 'b',
    classes: ['a', 'b'],
    ids: ['x', 'y'],
    labels: [0, 1],
    sizes: { final: 2, mid1: 1, mid2: 1 },
    rows: [[Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6), Float32Array.of(7, 8)]],
    extra: {
      max: [[Float32Array.of(11, 12, 13, 14), Float32Array.of(15, 16), Float32Array.of(17, 18)]],
      grid: [
        [
          Float32Array.from({ length: 16 }, (_, i) => 100 + i),
          Float32Array.from({ length: 8 }, (_, i) => 200 + i),
          Float32Array.from({ length: 8 }, (_, i) => 300 + i),
        ],
      ],
    },
  };

  it('puts the listed poolings of each depth side by side per image, in the order listed', () => {
    const out = withPools(dump, { final: ['avg', 'grid'], mid1: ['max', 'avg'] });
    expect(out.sizes).toEqual({ final: 10, mid1: 2, mid2: 1 });
    expect(Array.from(out.rows[0][0])).toEqual([
      1,
      2,
      ...[100, 101, 102, 103, 104, 105, 106, 107],
      3,
      4,
      ...[108, 109, 110, 111, 112, 113, 114, 115],
    ]);
    expect(Array.from(out.rows[0][1])).toEqual([15, 5, 16, 6]);
    expect(Array.from(out.rows[0][2])).toEqual([7, 8]);
  });

  it('refuses a pooling the dump does not hold', () => {
    expect(() => withPools(dump, { final: ['gem'] })).toThrow(/no gem pooling/);
  });
});
