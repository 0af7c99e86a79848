import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CropMode, RgbImage } from '../src/core/data/crop';
import { toModelInput } from '../src/core/data/preprocess';
import { modelCropRect } from '../src/core/live/cropbox';
import { useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

/** Red channel = x, green = y: the model input then says where in the frame each pixel came from. */
function coordinateImage(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 0], (y * width + x) * 3);
  return { data, width, height, channels: 3 };
}

describe('modelCropRect agrees with toModelInput', () => {
  const cases: [number, number, number, CropMode][] = [
    [120, 90, 16, 'center'],
    [90, 120, 16, 'center'],
    [200, 150, 32, 'center'],
    [120, 90, 16, 'squash'],
    [250, 60, 24, 'squash'],
  ];
  for (const [w, h, size, mode] of cases) {
    it(`${mode} ${w}×${h} → ${size}`, async () => {
      const input = toModelInput(coordinateImage(w, h), size, mode, { min: 0, max: 255 });
      const px = (await input.array()) as number[][][];
      input.dispose();
      const rect = modelCropRect(w, h, size, mode);
      const poolX =
        mode === 'squash' ? Math.max(1, Math.floor(w / size)) : Math.max(1, Math.floor(Math.min(w, h) / size));
      const poolY = mode === 'squash' ? Math.max(1, Math.floor(h / size)) : poolX;
      // First and last output pixels sample the centres of the first and last box-filtered cells.
      expect(px[0][0][0]).toBeCloseTo(rect.x + (poolX - 1) / 2, 3);
      expect(px[0][size - 1][0]).toBeCloseTo(rect.x + rect.width - 1 - (poolX - 1) / 2, 3);
      expect(px[0][0][1]).toBeCloseTo(rect.y + (poolY - 1) / 2, 3);
      expect(px[size - 1][0][1]).toBeCloseTo(rect.y + rect.height - 1 - (poolY - 1) / 2, 3);
      expect(tf.memory().numTensors).toBe(0);
    });
  }
});
