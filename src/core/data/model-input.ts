import { cropRegion, type CropMode, type PixelRange, type RgbImage } from './crop';

/**
 * toModelInput's maths (preprocess.ts: box filter by integer factors, bilinear crop-and-resize as
 * tf.image.cropAndResize does it, then scaling to the pixel range) in one plain-JS pass, written
 * straight into `out` at `offset` (a batch buffer). Extraction runs it for every image; on wasm the
 * tensor path's RGBA→RGB copy, pooling, resize and stack cost as much as the backbone's forward
 * pass, and this is several times cheaper, with no intermediate copies of the full-size photo.
 * Agrees with toModelInput to float32 rounding (tests/model-input.test.ts).
 */
export function modelInputInto(
  img: RgbImage,
  size: number,
  mode: CropMode,
  range: PixelRange,
  out: Float32Array,
  offset = 0,
): void {
  const { poolH, poolW, box } = cropRegion(img.width, img.height, size, mode);
  const c = img.channels;
  const H = Math.floor(img.height / poolH);
  const W = Math.floor(img.width / poolW);
  // the pooled image (RGB floats), or the decoded pixels themselves when no pooling is needed
  let src: ArrayLike<number> = img.data;
  let stride = c;
  if (poolH > 1 || poolW > 1) {
    src = pool(img, poolH, poolW, H, W);
    stride = 3;
  }
  const rowLen = W * stride;
  const scale = (range.max - range.min) / 255;
  const [y1, x1, y2, x2] = box;
  const hScale = size > 1 ? ((y2 - y1) * (H - 1)) / (size - 1) : 0;
  const wScale = size > 1 ? ((x2 - x1) * (W - 1)) / (size - 1) : 0;
  // the horizontal sample positions are the same on every row
  const left = new Int32Array(size);
  const right = new Int32Array(size);
  const xLerp = new Float64Array(size);
  const xInside = new Uint8Array(size);
  for (let x = 0; x < size; x++) {
    const inX = size > 1 ? x1 * (W - 1) + x * wScale : 0.5 * (x1 + x2) * (W - 1);
    xInside[x] = inX >= 0 && inX <= W - 1 ? 1 : 0;
    const l = Math.floor(inX);
    left[x] = l * stride;
    right[x] = Math.ceil(inX) * stride;
    xLerp[x] = inX - l;
  }
  const xExact = xInside.every(Boolean) && xLerp.every((v) => v === 0);
  let o = offset;
  for (let y = 0; y < size; y++) {
    const inY = size > 1 ? y1 * (H - 1) + y * hScale : 0.5 * (y1 + y2) * (H - 1);
    if (inY < 0 || inY > H - 1) {
      // outside the image: cropAndResize's extrapolation value 0, i.e. black (mode 'pad')
      for (let x = 0; x < size; x++, o += 3) out[o] = out[o + 1] = out[o + 2] = range.min;
      continue;
    }
    const top = Math.floor(inY);
    const t = top * rowLen;
    const b = Math.ceil(inY) * rowLen;
    const yl = inY - top;
    if (yl === 0 && xExact) {
      // every sample falls on a pixel (an image already at the input size): a scaled copy, the
      // same values the lerps below give, at a fraction of their cost
      for (let x = 0; x < size; x++, o += 3) {
        const p = t + left[x];
        out[o] = src[p] * scale + range.min;
        out[o + 1] = src[p + 1] * scale + range.min;
        out[o + 2] = src[p + 2] * scale + range.min;
      }
      continue;
    }
    for (let x = 0; x < size; x++, o += 3) {
      if (!xInside[x]) {
        out[o] = out[o + 1] = out[o + 2] = range.min;
        continue;
      }
      const l = left[x];
      const r = right[x];
      const xl = xLerp[x];
      for (let k = 0; k < 3; k++) {
        const tl = src[t + l + k];
        const tr = src[t + r + k];
        const bl = src[b + l + k];
        const br = src[b + r + k];
        const topV = tl + (tr - tl) * xl;
        const botV = bl + (br - bl) * xl;
        out[o + k] = (topV + (botV - topV) * yl) * scale + range.min;
      }
    }
  }
}

/** Average pooling by (ph, pw), 'valid' (the remainder dropped), RGB(A) → RGB floats. */
function pool(img: RgbImage, ph: number, pw: number, H: number, W: number): Float32Array {
  const { data, width, channels: c } = img;
  const out = new Float32Array(H * W * 3);
  const n = ph * pw;
  for (let y = 0; y < H; y++) {
    const o = y * W * 3;
    for (let dy = 0; dy < ph; dy++) {
      let p = (y * ph + dy) * width * c;
      for (let x = 0; x < W; x++) {
        const q = o + x * 3;
        for (let dx = 0; dx < pw; dx++, p += c) {
          out[q] += data[p];
          out[q + 1] += data[p + 1];
          out[q + 2] += data[p + 2];
        }
      }
    }
    for (let i = o; i < o + W * 3; i++) out[i] /= n;
  }
  return out;
}
