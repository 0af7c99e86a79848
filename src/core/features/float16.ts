/**
 * IEEE half precision for cached activations. Boundary activations (e.g. 14×14×128 per view)
 * dominate fine-tuning memory; half precision halves it at a relative error of ≤ 2⁻¹¹, far below
 * what augmentation and dropout add. Hand-written because Float16Array is not in Node 20 and the
 * polyfills go through a Proxy per element, too slow for millions of values per epoch.
 */

/** A cached row: full precision, or float16 bit patterns. */
export type Row = Float32Array | Uint16Array;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 → float16 bits, round to nearest even; overflow → ±Inf, NaN stays NaN. */
export function halfBits(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (half + (rest > mid || (rest === mid && half & 1) ? 1 : 0));
  }
  const half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  // a carry out of the mantissa correctly bumps the exponent (up to Inf)
  return sign | (half + (rest > 0x1000 || (rest === 0x1000 && half & 1) ? 1 : 0));
}

let table: Float32Array | null = null;
/** all 65,536 float16 values as float32: decoding is one lookup per value */
function decodeTable(): Float32Array {
  if (table) return table;
  table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    table[h] =
      exp === 0
        ? sign * mant * 2 ** -24
        : exp === 0x1f
          ? mant
            ? NaN
            : sign * Infinity
          : sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return table;
}

export function toHalf(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = halfBits(values[i]);
  return out;
}

/** Copies a row (either precision) into `dst` at `offset`, as float32. */
export function rowInto(row: Row, dst: Float32Array, offset: number): void {
  if (row instanceof Float32Array) {
    dst.set(row, offset);
    return;
  }
  const t = decodeTable();
  for (let i = 0; i < row.length; i++) dst[offset + i] = t[row[i]];
}

export function rowToFloat32(row: Row): Float32Array {
  if (row instanceof Float32Array) return row;
  const out = new Float32Array(row.length);
  rowInto(row, out, 0);
  return out;
}
