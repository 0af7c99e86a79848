import { describe, expect, it } from 'vitest';
import { equaliseBlocks } from '../scripts/sweep/case';
import type { ImageRows } from '../src/core/train/rows';

// rows of `n` images × `d` features whose feature j has scale (j + 1) and offset 3j
function rows(n: number, d: number, seed: number): ImageRows {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const make = () => Float32Array.from({ length: n * d }, (_, i) => 3 * (i % d) + (1 + (i % d)) * rnd());
  return { plain: make(), views: [make(), make()], labels: new Int32Array(n), featureSize: d };
}

describe('equaliseBlocks (sweep: blocks scaled to equal variance)', () => {
  it('gives every block the same total variance over the training rows, and the rows a total of D', () => {
    const widths = [6, 2, 4];
    const d = 12;
    const train = rows(50, d, 1);
    const val = rows(10, d, 2);
    equaliseBlocks(train, val, widths);
    const all = [train.plain, ...train.views];
    const n = all.reduce((a, r) => a + r.length / d, 0);
    const variance = (j: number) => {
      let [m, q] = [0, 0];
      for (const r of all)
        for (let i = j; i < r.length; i += d) {
          m += r[i] / n;
          q += (r[i] * r[i]) / n;
        }
      return [m, q - m * m];
    };
    let at = 0;
    for (const w of widths) {
      let total = 0;
      for (let j = at; j < at + w; j++) {
        const [m, v] = variance(j);
        expect(Math.abs(m)).toBeLessThan(1e-4);
        total += v;
      }
      expect(total).toBeCloseTo(d / widths.length, 3);
      at += w;
    }
  });

  it('applies the training statistics to the validation rows unchanged (an affine map per feature)', () => {
    const train = rows(40, 4, 3);
    const a = rows(5, 4, 4);
    const b = rows(5, 4, 4);
    b.plain.forEach((x, i) => (b.plain[i] = x + 1));
    equaliseBlocks(rows(40, 4, 3), a, [2, 2]);
    equaliseBlocks(train, b, [2, 2]);
    // shifting a validation value by 1 moves its output by that feature's scale alone, the same for every row
    const step = (i: number) => b.plain[i] - a.plain[i];
    for (let i = 4; i < a.plain.length; i++) expect(step(i)).toBeCloseTo(step(i % 4), 4);
    expect(step(0)).toBeGreaterThan(0);
  });

  it('refuses block widths that do not add up to the feature size', () => {
    expect(() => equaliseBlocks(rows(4, 6, 5), rows(2, 6, 6), [4, 4])).toThrow(/add up/);
  });
});
