/**
 * The crop maths and the image types, free of TF.js so the page (settings, thumbnails, the
 * webcam's crop box) can use them without pulling the tensor library into its bundle.
 */

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
