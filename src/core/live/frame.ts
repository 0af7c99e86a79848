import * as tf from '@tensorflow/tfjs';
import { cropRegion, type CropMode, type PixelRange, type RgbImage } from '../data/crop';

/**
 * Live frames: does toModelInput's box filter (integer average pooling, remainder dropped) in
 * plain JS, RGBA → RGB. On the pooled image cropRegion always picks factor 1 and the very same
 * crop box, so toModelInput(poolForModel(img)) equals toModelInput(img) up to rounding the
 * averages to whole 0..255 levels (at most half a level). It is several times faster on the wasm
 * backend, where pooling a full video frame costs more than the model's forward pass.
 */
export function poolForModel(img: RgbImage, size: number, mode: CropMode): RgbImage {
  const { poolH, poolW } = cropRegion(img.width, img.height, size, mode);
  const { data: src, width: W, channels: c } = img;
  if (poolH === 1 && poolW === 1 && c === 3) return img;
  const h = Math.floor(img.height / poolH);
  const w = Math.floor(W / poolW);
  const n = poolH * poolW;
  const out = new Uint8ClampedArray(w * h * 3);
  const row = new Float64Array(w * 3);
  for (let y = 0; y < h; y++) {
    row.fill(0);
    for (let dy = 0; dy < poolH; dy++) {
      let p = (y * poolH + dy) * W * c;
      for (let x = 0; x < w; x++) {
        const o = x * 3;
        for (let dx = 0; dx < poolW; dx++, p += c) {
          row[o] += src[p];
          row[o + 1] += src[p + 1];
          row[o + 2] += src[p + 2];
        }
      }
    }
    const base = y * w * 3;
    for (let i = 0; i < w * 3; i++) out[base + i] = row[i] / n; // Uint8ClampedArray rounds
  }
  return { data: out, width: w, height: h, channels: 3 };
}

/**
 * A frame the page already cropped and resized to the model's input (size × size RGBA) straight
 * into the model's input tensor: one JS pass (drop alpha, scale to the pixel range) instead of
 * the general path's tensor ops, whose crop-and-resize is the identity at this size.
 */
export function readyFrameInput(img: RgbImage, range: PixelRange): tf.Tensor3D {
  const { data, width, height, channels: c } = img;
  const scale = (range.max - range.min) / 255;
  const out = new Float32Array(width * height * 3);
  for (let p = 0, q = 0; q < out.length; p += c, q += 3) {
    out[q] = data[p] * scale + range.min;
    out[q + 1] = data[p + 1] * scale + range.min;
    out[q + 2] = data[p + 2] * scale + range.min;
  }
  return tf.tensor3d(out, [height, width, 3]);
}
