import * as tf from '@tensorflow/tfjs-core';

/** How a non-square photo becomes the square the backbone sees. Saved with the model. */
export type CropMode = 'center' | 'squash' | 'pad';
export const CROP_MODES: readonly CropMode[] = ['center', 'squash', 'pad'];

/** Pixel scaling the backbone was trained with: 0..255 maps linearly onto [min, max]. */
export interface PixelRange {
  min: number;
  max: number;
}

/** Decoded pixels, RGB(A) row-major, as both the browser and Node decoders produce them. */
export interface RgbImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** Largest side we keep after decoding: bounds memory for huge photos; far above any input size. */
export const MAX_DECODED_SIDE = 2048;

/** Scale that makes (w, h) fit within MAX_DECODED_SIDE, or 1. */
export function decodeScale(width: number, height: number): number {
  const side = Math.max(width, height);
  return side > MAX_DECODED_SIDE ? MAX_DECODED_SIDE / side : 1;
}

interface Region {
  /** integer box-filter factors applied first, so large downscales do not alias */
  poolH: number;
  poolW: number;
  /** crop box in cropAndResize's normalised coordinates of the pooled image */
  box: [number, number, number, number];
}

function span(start: number, length: number, full: number): [number, number] {
  // cropAndResize maps 0..1 onto pixel centres 0..full-1; a length-1 image has a single centre.
  if (full <= 1) return [0, 0];
  return [start / (full - 1), (start + length - 1) / (full - 1)];
}

/**
 * The one place crop maths lives: the browser worker and the Node CLI both call it, so a
 * model trained in one predicts the same in the other.
 */
export function cropRegion(width: number, height: number, size: number, mode: CropMode): Region {
  let poolH: number;
  let poolW: number;
  if (mode === 'squash') {
    poolH = Math.max(1, Math.floor(height / size));
    poolW = Math.max(1, Math.floor(width / size));
  } else {
    const side = mode === 'center' ? Math.min(width, height) : Math.max(width, height);
    poolH = poolW = Math.max(1, Math.floor(side / size));
  }
  const h = Math.floor(height / poolH);
  const w = Math.floor(width / poolW);
  let ys: [number, number];
  let xs: [number, number];
  if (mode === 'squash') {
    ys = span(0, h, h);
    xs = span(0, w, w);
  } else {
    const side = mode === 'center' ? Math.min(w, h) : Math.max(w, h);
    ys = span((h - side) / 2, side, h);
    xs = span((w - side) / 2, side, w);
  }
  return { poolH, poolW, box: [ys[0], xs[0], ys[1], xs[1]] };
}

/**
 * The image as a [1, h, w, 3] batch, box-filtered down where it is much larger than the model
 * input (so bilinear resizing does not alias), and the crop box on that batch. Call inside a tidy.
 */
export function pooledForCrop(img: RgbImage, size: number, mode: CropMode): { batch: tf.Tensor4D; box: [number, number, number, number] } {
  const { width, height, channels } = img;
  let pixels = tf.tensor3d(Float32Array.from(img.data), [height, width, channels]);
  if (channels === 4) pixels = pixels.slice([0, 0, 0], [height, width, 3]);
  const region = cropRegion(width, height, size, mode);
  let batch = pixels.expandDims(0) as tf.Tensor4D;
  if (region.poolH > 1 || region.poolW > 1) {
    batch = tf.avgPool(batch, [region.poolH, region.poolW], [region.poolH, region.poolW], 'valid');
  }
  return { batch, box: region.box };
}

/**
 * Turns decoded pixels into the backbone's input: [size, size, 3] float32 scaled to `range`.
 * Padding (mode 'pad') is black. Caller owns the returned tensor.
 */
export function toModelInput(img: RgbImage, size: number, mode: CropMode, range: PixelRange): tf.Tensor3D {
  return tf.tidy(() => {
    const { batch, box } = pooledForCrop(img, size, mode);
    const resized = tf.image.cropAndResize(batch, [box], [0], [size, size], 'bilinear', 0);
    const scale = (range.max - range.min) / 255;
    return resized.squeeze([0]).mul(scale).add(range.min) as tf.Tensor3D;
  });
}
