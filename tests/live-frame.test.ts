import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CropMode, RgbImage } from '../src/core/data/crop';
import { toModelInput } from '../src/core/data/preprocess';
import { poolForModel, readyFrameInput } from '../src/core/live/frame';
import { useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

/** A deterministic noisy RGBA frame. */
function frame(width: number, height: number, seed = 7): RgbImage {
  const data = new Uint8ClampedArray(width * height * 4);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = (i & 3) === 3 ? 255 : (s >>> 16) & 255;
  }
  return { data, width, height, channels: 4 };
}

async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0];
  tf.dispose([a, b, d]);
  return v;
}

describe('poolForModel (live frames, fast path into toModelInput)', () => {
  const cases: [number, number, number, CropMode][] = [
    [160, 120, 32, 'center'],
    [120, 160, 32, 'center'],
    [161, 97, 24, 'squash'],
    [160, 120, 32, 'pad'],
    [50, 40, 32, 'center'], // no pooling, only RGBA → RGB
  ];
  for (const [w, h, size, mode] of cases) {
    it(`${mode} ${w}×${h} → ${size}: same model input within half a level`, async () => {
      const img = frame(w, h);
      const pooled = poolForModel(img, size, mode);
      expect(pooled.channels).toBe(3);
      const range = { min: 0, max: 255 };
      const diff = await maxDiff(toModelInput(img, size, mode, range), toModelInput(pooled, size, mode, range));
      expect(diff).toBeLessThanOrEqual(0.5 + 1e-3);
      expect(tf.memory().numTensors).toBe(0);
    });
  }

  it('shrinks by the box-filter factor and averages blocks', () => {
    const img: RgbImage = {
      data: new Uint8Array([0, 10, 20, 2, 12, 22, 4, 14, 24, 6, 16, 26]),
      width: 2,
      height: 2,
      channels: 3,
    };
    const pooled = poolForModel(img, 1, 'squash');
    expect([pooled.width, pooled.height]).toEqual([1, 1]);
    expect(Array.from(pooled.data)).toEqual([3, 13, 23]);
    const rgb: RgbImage = { data: new Uint8Array(12), width: 2, height: 2, channels: 3 };
    expect(poolForModel(rgb, 224, 'center')).toBe(rgb);
  });
});

describe('readyFrameInput (a frame the page already cropped and resized)', () => {
  it('is exactly what the general path makes of it, in every pixel range', async () => {
    for (const range of [
      { min: -1, max: 1 },
      { min: 0, max: 1 },
      { min: -1, max: 255 / 127 - 1 },
    ]) {
      const img = frame(32, 32, 11);
      const before = tf.memory().numTensors;
      const diff = await maxDiff(readyFrameInput(img, range), toModelInput(img, 32, 'squash', range));
      expect(diff).toBeLessThan(1e-6);
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
