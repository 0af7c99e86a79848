import { beforeAll, describe, expect, it } from 'vitest';
import type { CropMode, RgbImage } from '../src/core/data/crop';
import { modelInputInto } from '../src/core/data/model-input';
import { toModelInput } from '../src/core/data/preprocess';
import { useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

/** Noise with a little structure, so an off-by-one sample position shows. */
function noise(width: number, height: number, channels: 3 | 4, seed: number): RgbImage {
  const data = new Uint8ClampedArray(width * height * channels);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = (s >>> 24) ^ ((i / channels) % width);
  }
  return { data, width, height, channels };
}

describe('modelInputInto (the JS path extraction takes)', () => {
  const cases: [number, number, 3 | 4, number, CropMode][] = [
    [300, 200, 4, 224, 'center'],
    [200, 300, 3, 224, 'pad'],
    [500, 375, 4, 224, 'squash'],
    [900, 500, 4, 224, 'center'], // pooled by 2
    [1000, 230, 4, 224, 'pad'], // pooled by 4, padded
    [97, 61, 3, 32, 'center'],
    [64, 64, 4, 64, 'squash'], // identity size
    [64, 64, 3, 64, 'center'], // identity size: the scaled-copy rows
    [128, 128, 4, 64, 'center'], // pooled by 2 to exactly the input size
    [80, 64, 4, 64, 'center'], // input-sized crop off centre
    [1, 1, 4, 8, 'pad'],
  ];
  for (const [w, h, c, size, mode] of cases) {
    it(`agrees with toModelInput for ${w}×${h}×${c} → ${size} (${mode})`, async () => {
      const img = noise(w, h, c, w * 7 + h);
      const range = { min: -1, max: 1 };
      const want = toModelInput(img, size, mode, range);
      const expected = (await want.data()) as Float32Array;
      want.dispose();
      const got = new Float32Array(size * size * 3 + 5).fill(NaN);
      modelInputInto(img, size, mode, range, got, 5);
      let worst = 0;
      for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(got[i + 5] - expected[i]));
      expect(worst).toBeLessThan(1e-4);
    });
  }

  it('gives an image already at the input size exactly its scaled pixels', () => {
    const img = noise(16, 16, 4, 3);
    const out = new Float32Array(16 * 16 * 3);
    modelInputInto(img, 16, 'center', { min: -1, max: 1 }, out);
    const want = Float32Array.from({ length: out.length }, (_, i) => {
      const p = Math.floor(i / 3) * 4 + (i % 3);
      return img.data[p] * (2 / 255) - 1;
    });
    expect(out).toEqual(want);
  });

  it('writes only its own slot of a batch buffer', () => {
    const out = new Float32Array(2 * 8 * 8 * 3).fill(7);
    modelInputInto(noise(20, 10, 4, 1), 8, 'center', { min: 0, max: 1 }, out, 8 * 8 * 3);
    expect(out.subarray(0, 8 * 8 * 3).every((v) => v === 7)).toBe(true);
    expect(out.subarray(8 * 8 * 3).every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
