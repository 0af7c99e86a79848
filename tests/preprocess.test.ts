import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cropRegion, decodeScale, MAX_DECODED_SIDE, type RgbImage } from '../src/core/data/crop';
import { toModelInput } from '../src/core/data/preprocess';
import { solidImage, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

/** Reads a [size,size,3] tensor into nested rows for easy pixel checks, disposing it. */
async function pixels(t: tf.Tensor3D): Promise<number[][][]> {
  const arr = (await t.array()) as number[][][];
  t.dispose();
  return arr;
}

/** 300x200 image: the centre 200x200 square is red, the 50-px sides are blue. */
function redCentreBlueSides(): RgbImage {
  const w = 300;
  const h = 200;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      data.set(x >= 50 && x < 250 ? [255, 0, 0] : [0, 0, 255], (y * w + x) * 3);
    }
  }
  return { data, width: w, height: h, channels: 3 };
}

describe('cropRegion', () => {
  it('center crop of 300x200 takes the middle 200 columns and all rows', () => {
    const r = cropRegion(300, 200, 224, 'center');
    expect(r.poolH).toBe(1);
    expect(r.poolW).toBe(1);
    const [y1, x1, y2, x2] = r.box;
    expect(y1).toBeCloseTo(0, 10);
    expect(y2).toBeCloseTo(1, 10);
    expect(x1).toBeCloseTo(50 / 299, 10);
    expect(x2).toBeCloseTo(249 / 299, 10);
  });

  it('center crop of a portrait 200x300 crops rows instead', () => {
    const [y1, x1, y2, x2] = cropRegion(200, 300, 224, 'center').box;
    expect([x1, x2]).toEqual([0, 1]);
    expect(y1).toBeCloseTo(50 / 299, 10);
    expect(y2).toBeCloseTo(249 / 299, 10);
  });

  it('squash uses the whole image', () => {
    expect(cropRegion(300, 200, 224, 'squash')).toEqual({ poolH: 1, poolW: 1, box: [0, 0, 1, 1] });
  });

  it('pad extends the short side symmetrically beyond the image', () => {
    const [y1, x1, y2, x2] = cropRegion(300, 200, 224, 'pad').box;
    expect([x1, x2]).toEqual([0, 1]);
    expect(y1).toBeCloseTo(-50 / 199, 10);
    expect(y2).toBeCloseTo(249 / 199, 10);
    expect(y1).toBeLessThan(0);
    expect(y2).toBeGreaterThan(1);
  });

  it('box-filters large images first with integer factors', () => {
    const c = cropRegion(1000, 500, 224, 'center');
    expect([c.poolH, c.poolW]).toEqual([2, 2]);
    // pooled image is 500x250; centre 250 columns
    expect(c.box[1]).toBeCloseTo(125 / 499, 10);
    expect(c.box[3]).toBeCloseTo(374 / 499, 10);
    const s = cropRegion(1000, 500, 224, 'squash');
    expect([s.poolH, s.poolW]).toEqual([2, 4]);
    expect(s.box).toEqual([0, 0, 1, 1]);
    const p = cropRegion(1000, 500, 224, 'pad');
    expect([p.poolH, p.poolW]).toEqual([4, 4]);
  });

  it('handles a 1x1 image', () => {
    for (const mode of ['center', 'squash', 'pad'] as const) {
      expect(cropRegion(1, 1, 224, mode)).toEqual({ poolH: 1, poolW: 1, box: [0, 0, 0, 0] });
    }
  });
});

describe('decodeScale', () => {
  it('shrinks only images above the maximum side', () => {
    expect(decodeScale(100, 50)).toBe(1);
    expect(decodeScale(MAX_DECODED_SIDE, 10)).toBe(1);
    expect(decodeScale(MAX_DECODED_SIDE * 2, 100)).toBe(0.5);
    expect(decodeScale(100, MAX_DECODED_SIDE * 4)).toBe(0.25);
  });
});

describe('toModelInput', () => {
  it('returns [size, size, 3] float32 for every crop mode', () => {
    for (const mode of ['center', 'squash', 'pad'] as const) {
      const t = toModelInput(solidImage(300, 200, [10, 20, 30]), 64, mode, { min: -1, max: 1 });
      expect(t.shape).toEqual([64, 64, 3]);
      expect(t.dtype).toBe('float32');
      t.dispose();
    }
  });

  it('maps 255 to the range maximum and 0 to the minimum', async () => {
    for (const range of [
      { min: -1, max: 1 },
      { min: 0, max: 1 },
    ]) {
      const white = toModelInput(solidImage(50, 30, [255, 255, 255]), 32, 'center', range);
      const black = toModelInput(solidImage(50, 30, [0, 0, 0]), 32, 'center', range);
      const [wMin, wMax, bMin, bMax] = await Promise.all([
        white.min().data(),
        white.max().data(),
        black.min().data(),
        black.max().data(),
      ]);
      expect(wMin[0]).toBeCloseTo(range.max, 5);
      expect(wMax[0]).toBeCloseTo(range.max, 5);
      expect(bMin[0]).toBeCloseTo(range.min, 5);
      expect(bMax[0]).toBeCloseTo(range.min, 5);
      tf.dispose([white, black]);
    }
  });

  it('scales intermediate values linearly', async () => {
    const t = toModelInput(solidImage(10, 10, [51, 102, 204]), 8, 'squash', { min: -1, max: 1 });
    const px = (await pixels(t))[3][3];
    expect(px[0]).toBeCloseTo((51 / 255) * 2 - 1, 4);
    expect(px[1]).toBeCloseTo((102 / 255) * 2 - 1, 4);
    expect(px[2]).toBeCloseTo((204 / 255) * 2 - 1, 4);
  });

  it('center crop of a red-centre / blue-sides image is red only', async () => {
    const out = await pixels(toModelInput(redCentreBlueSides(), 224, 'center', { min: 0, max: 1 }));
    let maxBlue = 0;
    let minRed = 1;
    for (const row of out)
      for (const [r, , b] of row) {
        maxBlue = Math.max(maxBlue, b);
        minRed = Math.min(minRed, r);
      }
    expect(maxBlue).toBeLessThan(1e-5);
    expect(minRed).toBeGreaterThan(1 - 1e-5);
  });

  it('squash of the same image keeps the blue sides', async () => {
    const out = await pixels(toModelInput(redCentreBlueSides(), 224, 'squash', { min: 0, max: 1 }));
    expect(out[112][0][2]).toBeCloseTo(1, 5);
    expect(out[112][223][2]).toBeCloseTo(1, 5);
    expect(out[112][112][0]).toBeCloseTo(1, 5);
  });

  it('pad puts black (range minimum) bars above and below a wide image', async () => {
    const out = await pixels(toModelInput(solidImage(300, 200, [255, 255, 255]), 224, 'pad', { min: -1, max: 1 }));
    for (const y of [0, 10, 213, 223]) {
      for (const x of [0, 112, 223]) expect(out[y][x]).toEqual([-1, -1, -1]);
    }
    for (const x of [0, 112, 223]) {
      for (const v of out[112][x]) expect(v).toBeCloseTo(1, 5);
    }
    // the bars are about 50/300 of the height each; the picture is the middle two thirds
    const whiteRows = out.filter((row) => row[112][0] > 0.99).length;
    expect(whiteRows).toBeGreaterThan(140);
    expect(whiteRows).toBeLessThan(160);
  });

  it('handles a 1x1 image', async () => {
    const out = await pixels(toModelInput(solidImage(1, 1, [255, 0, 0]), 16, 'center', { min: 0, max: 1 }));
    expect(out).toHaveLength(16);
    expect(out[0][0][0]).toBeCloseTo(1, 5);
    expect(out[15][15][0]).toBeCloseTo(1, 5);
    expect(out[15][15][2]).toBeCloseTo(0, 5);
  });

  it('drops the alpha channel of RGBA input', async () => {
    const data = new Uint8Array(4 * 4 * 4);
    for (let i = 0; i < 16; i++) data.set([0, 255, 0, 7], i * 4);
    const out = await pixels(toModelInput({ data, width: 4, height: 4, channels: 4 }, 8, 'squash', { min: 0, max: 1 }));
    expect(out[0][0]).toHaveLength(3);
    expect(out[4][4][1]).toBeCloseTo(1, 5);
    expect(out[4][4][0]).toBeCloseTo(0, 5);
  });

  it('box-filters a large image before resizing (no aliasing of a fine stripe pattern)', async () => {
    // 1-px black/white vertical stripes: point sampling would give pure black or white, averaging grey
    const w = 896;
    const h = 448;
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) data.fill(x % 2 ? 255 : 0, (y * w + x) * 3, (y * w + x) * 3 + 3);
    const out = await pixels(
      toModelInput({ data, width: w, height: h, channels: 3 }, 224, 'center', { min: 0, max: 1 }),
    );
    for (const x of [0, 50, 111, 200]) expect(out[100][x][0]).toBeCloseTo(0.5, 3);
  });

  it('does not leak tensors', () => {
    const before = tf.memory().numTensors;
    for (const mode of ['center', 'squash', 'pad'] as const) {
      toModelInput(solidImage(30, 20, [1, 2, 3]), 16, mode, { min: -1, max: 1 }).dispose();
      const rgba = { data: new Uint8Array(30 * 20 * 4), width: 30, height: 20, channels: 4 as const };
      toModelInput(rgba, 16, mode, { min: 0, max: 1 }).dispose();
    }
    toModelInput(solidImage(900, 500, [1, 2, 3]), 16, 'center', { min: -1, max: 1 }).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
