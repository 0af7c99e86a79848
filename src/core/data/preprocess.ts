import * as tf from '@tensorflow/tfjs-core';
import { cropRegion, type CropMode, type PixelRange, type RgbImage } from './crop';

/**
 * The pixels as float RGB in one pass: a browser decode is RGBA, and dropping alpha with a
 * tensor slice afterwards cost more than the backbone's forward pass on wasm (a strided copy).
 */
function rgbFloats({ data, width, height, channels }: RgbImage): Float32Array {
  if (channels === 3) return Float32Array.from(data);
  const out = new Float32Array(width * height * 3);
  for (let i = 0, o = 0; o < out.length; i += 4, o += 3) {
    out[o] = data[i];
    out[o + 1] = data[i + 1];
    out[o + 2] = data[i + 2];
  }
  return out;
}

/**
 * The image as a [1, h, w, 3] batch, box-filtered down where it is much larger than the model
 * input (so bilinear resizing does not alias), and the crop box on that batch. Call inside a tidy.
 */
export function pooledForCrop(
  img: RgbImage,
  size: number,
  mode: CropMode,
): { batch: tf.Tensor4D; box: [number, number, number, number] } {
  const { width, height } = img;
  const pixels = tf.tensor3d(rgbFloats(img), [height, width, 3]);
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
