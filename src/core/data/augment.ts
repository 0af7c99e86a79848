import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../random';
import type { CropMode, PixelRange, RgbImage } from './crop';
import { pooledForCrop } from './preprocess';

/**
 * Cached augmented views for fine-tuning: each view of a training image is decoded, cropped
 * differently and run through the frozen prefix once; its boundary activation is cached like the
 * plain image's. A view depends only on (image id, view number), never on the training seed, so
 * the cache stays valid across runs. Validation images are never augmented.
 */
export interface ViewTransform {
  /** side of the crop as a fraction of the plain crop's side */
  zoom: number;
  /** where the smaller crop sits inside the plain one: 0 = top/left, 1 = bottom/right */
  offsetY: number;
  offsetX: number;
  flip: boolean;
  /** added to pixels in 0..255 units, after contrast */
  brightness: number;
  /** multiplies the distance of each pixel from mid-grey */
  contrast: number;
  /** small rotation in radians, corners filled with mid-grey */
  rotation: number;
}

/** Largest rotation of the random views: ±10°, small enough that a digit or an object stays upright. */
export const MAX_ROTATION = (10 * Math.PI) / 180;

export const IDENTITY_VIEW: ViewTransform = Object.freeze({
  zoom: 1,
  offsetY: 0.5,
  offsetX: 0.5,
  flip: false,
  brightness: 0,
  contrast: 1,
  rotation: 0,
});

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * View k (k ≥ 1) of an image. The first two are the ones measured in the design notes (mirror,
 * 90% centre crop); later ones are random resized crops with mirroring, mild colour jitter and a
 * small rotation.
 */
export function viewTransform(imageId: string, k: number): ViewTransform {
  if (k <= 0) return IDENTITY_VIEW;
  if (k === 1) return { ...IDENTITY_VIEW, flip: true };
  if (k === 2) return { ...IDENTITY_VIEW, zoom: 0.9 };
  const rng = createRng(hash(`${imageId}#${k}`));
  return {
    zoom: 0.75 + 0.25 * rng(),
    offsetY: rng(),
    offsetX: rng(),
    flip: rng() < 0.5,
    brightness: (rng() - 0.5) * 40,
    contrast: 0.85 + 0.3 * rng(),
    rotation: (2 * rng() - 1) * MAX_ROTATION,
  };
}

/**
 * Like toModelInput, with the crop box shrunk/moved/mirrored and colours jittered first.
 * cropAndResize mirrors when a box's x1 > x2, so flipping costs nothing extra.
 */
export function augmentedInput(
  img: RgbImage,
  size: number,
  mode: CropMode,
  range: PixelRange,
  view: ViewTransform,
): tf.Tensor3D {
  return tf.tidy(() => {
    const { batch, box: crop } = pooledForCrop(img, size, mode);
    let [y1, x1, y2, x2] = crop;
    const h = (y2 - y1) * view.zoom;
    const w = (x2 - x1) * view.zoom;
    y1 += (y2 - y1 - h) * view.offsetY;
    x1 += (x2 - x1 - w) * view.offsetX;
    [y2, x2] = [y1 + h, x1 + w];
    const box: [number, number, number, number] = view.flip ? [y1, x2, y2, x1] : [y1, x1, y2, x2];
    let resized = tf.image.cropAndResize(batch, [box], [0], [size, size], 'bilinear', 0).squeeze([0]);
    if (view.rotation !== 0) {
      resized = tf.image.rotateWithOffset(resized.expandDims(0) as tf.Tensor4D, view.rotation, 127.5).squeeze([0]);
    }
    if (view.contrast !== 1 || view.brightness !== 0) {
      resized = resized
        .sub(127.5)
        .mul(view.contrast)
        .add(127.5 + view.brightness)
        .clipByValue(0, 255);
    }
    const scale = (range.max - range.min) / 255;
    return resized.mul(scale).add(range.min) as tf.Tensor3D;
  });
}
