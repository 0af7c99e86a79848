import { describe, expect, it } from 'vitest';
import { halfBits, rowInto, rowToFloat32, toHalf } from '../src/core/features/float16';
import { cachePrecision, HALF_ABOVE_BYTES } from '../src/core/finetune/run';

describe('float16 rows', () => {
  it('encodes known values bit-exactly, rounding to nearest even', () => {
    expect(halfBits(1)).toBe(0x3c00);
    expect(halfBits(-2)).toBe(0xc000);
    expect(halfBits(0.5)).toBe(0x3800);
    expect(halfBits(6)).toBe(0x4600);
    expect(halfBits(65504)).toBe(0x7bff); // largest finite half
    expect(halfBits(65520)).toBe(0x7c00); // rounds up to Inf
    expect(halfBits(-1e9)).toBe(0xfc00);
    expect(halfBits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(halfBits(2 ** -26)).toBe(0x0000); // below half of it: zero
    expect(halfBits(-0)).toBe(0x8000);
    expect(halfBits(NaN) & 0x7c00).toBe(0x7c00);
    expect(halfBits(NaN) & 0x3ff).not.toBe(0);
    // 1 + 2^-11 is exactly between 1 and the next half (1 + 2^-10): ties go to the even one, 1
    expect(halfBits(1 + 2 ** -11)).toBe(0x3c00);
    expect(halfBits(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });

  it('round-trips activations within half precision (relative error ≤ 2^-11)', () => {
    const values = Float32Array.from(
      { length: 10_000 },
      (_, i) => Math.sin(i * 12.9898) * 6 + (i % 7 === 0 ? 0 : 1e-3 * i),
    );
    const back = rowToFloat32(toHalf(values));
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const tol = Math.abs(v) >= 2 ** -14 ? Math.abs(v) * 2 ** -11 : 2 ** -25;
      expect(Math.abs(back[i] - v)).toBeLessThanOrEqual(tol);
    }
    expect(rowToFloat32(toHalf([Infinity, -Infinity]))).toEqual(new Float32Array([Infinity, -Infinity]));
  });

  it('rowInto copies either precision at an offset', () => {
    const dst = new Float32Array(6);
    rowInto(new Float32Array([1, 2, 3]), dst, 0);
    rowInto(toHalf([0.25, -4, 1000]), dst, 3);
    expect(Array.from(dst)).toEqual([1, 2, 3, 0.25, -4, 1000]);
  });
});

describe('cachePrecision', () => {
  it('keeps small caches in float32 and large ones in float16', () => {
    expect(cachePrecision([7, 7, 256], 100, 0.2, 4, 'block_13')).toBe(false);
    // sign-language-digits at unfreeze 2: 1000 images, 800 training images × 4 views of 14×14×128
    const bytes = (1000 + 800 * 4) * 14 * 14 * 128 * 4;
    expect(bytes).toBeGreaterThan(HALF_ABOVE_BYTES);
    expect(cachePrecision([14, 14, 128], 1000, 0.2, 4, 'block_12')).toBe(true);
  });

  it('refuses a cache that would not fit even in float16, and says how to fix it', () => {
    expect(() => cachePrecision([112, 112, 64], 5000, 0.2, 8, 'block_2')).toThrow(
      /fewer augmented views, unfreeze fewer blocks/,
    );
  });
});
