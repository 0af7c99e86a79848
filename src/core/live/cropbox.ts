import { cropRegion, type CropMode } from '../data/crop';

/** A rectangle in source-frame pixels (may extend beyond the frame for 'pad'). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The part of a width × height frame the model sees, in frame pixels: the same cropRegion maths
 * toModelInput uses (box filter by integer factors, then the crop box in pooled pixel centres),
 * mapped back to the frame. For 'pad' the square extends beyond the frame (black padding).
 */
export function modelCropRect(width: number, height: number, size: number, mode: CropMode): Rect {
  const { poolH, poolW, box } = cropRegion(width, height, size, mode);
  const h = Math.floor(height / poolH);
  const w = Math.floor(width / poolW);
  const y0 = box[0] * Math.max(0, h - 1);
  const x0 = box[1] * Math.max(0, w - 1);
  const y1 = box[2] * Math.max(0, h - 1);
  const x1 = box[3] * Math.max(0, w - 1);
  // pooled pixel centres y0..y1 cover pooled pixels [y0, y1 + 1), i.e. frame rows [y0 * poolH, (y1 + 1) * poolH)
  return {
    x: tidy(x0 * poolW),
    y: tidy(y0 * poolH),
    width: tidy((x1 - x0 + 1) * poolW),
    height: tidy((y1 - y0 + 1) * poolH),
  };
}

/** undo the float noise of normalising and de-normalising (pixel maths works in halves at finest) */
const tidy = (v: number) => Math.round(v * 1e6) / 1e6;
