import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentedInput, IDENTITY_VIEW, MAX_ROTATION, viewTransform } from '../src/core/data/augment';
import type { RgbImage } from '../src/core/data/crop';
import { useBackend } from './helpers';

/** Left half black, right half white: mirroring swaps them, rotation tilts the edge. */
function halves(size: number): RgbImage {
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++)
    for (let x = size / 2; x < size; x++) data.fill(255, (y * size + x) * 3, (y * size + x) * 3 + 3);
  return { width: size, height: size, data, channels: 3 };
}

beforeAll(() => useBackend('cpu'));

describe('viewTransform', () => {
  it('is the identity for view 0, a mirror for 1, a 90% crop for 2, and seeded random views after', () => {
    expect(viewTransform('a', 0)).toEqual(IDENTITY_VIEW);
    expect(viewTransform('a', 1)).toEqual({ ...IDENTITY_VIEW, flip: true });
    expect(viewTransform('a', 2)).toEqual({ ...IDENTITY_VIEW, zoom: 0.9 });
    const v = viewTransform('a', 3);
    expect(viewTransform('a', 3)).toEqual(v); // same image and view: the same transform, so caches stay valid
    expect(viewTransform('b', 3)).not.toEqual(v);
    for (let k = 3; k < 40; k++) {
      const t = viewTransform(`img${k}`, k);
      expect(t.zoom).toBeGreaterThanOrEqual(0.75);
      expect(t.zoom).toBeLessThanOrEqual(1);
      expect(Math.abs(t.rotation)).toBeLessThanOrEqual(MAX_ROTATION);
      expect(Math.abs(t.brightness)).toBeLessThanOrEqual(20);
    }
    expect(new Set(Array.from({ length: 20 }, (_, k) => viewTransform('x', k + 3).rotation)).size).toBe(20);
  });
});

describe('augmentedInput', () => {
  const range = { min: 0, max: 1 };
  it('mirrors, rotates and keeps the shape, without leaking tensors', async () => {
    const img = halves(32);
    const before = tf.memory().numTensors;
    const plain = augmentedInput(img, 16, 'center', range, IDENTITY_VIEW);
    const mirror = augmentedInput(img, 16, 'center', range, { ...IDENTITY_VIEW, flip: true });
    const turned = augmentedInput(img, 16, 'center', range, { ...IDENTITY_VIEW, rotation: MAX_ROTATION });
    expect(plain.shape).toEqual([16, 16, 3]);
    expect(turned.shape).toEqual([16, 16, 3]);
    const p = (await plain.array()) as number[][][];
    const m = (await mirror.array()) as number[][][];
    expect(p[8][1][0]).toBeCloseTo(0, 5);
    expect(p[8][14][0]).toBeCloseTo(1, 5);
    expect(m[8][1][0]).toBeCloseTo(1, 5);
    expect(m[8][14][0]).toBeCloseTo(0, 5);
    // the black/white edge is no longer vertical: top and bottom rows differ near the middle
    const t = (await turned.array()) as number[][][];
    const column = (row: number) => t[row].findIndex((px) => px[0] > 0.5);
    expect(column(1)).not.toBe(column(14));
    tf.dispose([plain, mirror, turned]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
