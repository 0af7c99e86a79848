import type { CropMode, PixelRange } from './crop';
import { decodeImageBlob } from './decode-browser';
import { modelInputInto } from './model-input';

/** A batch's model inputs: the readable images' inputs one after another in `pixels`, in order. */
export interface BatchInput {
  pixels: Float32Array;
  failed: { index: number; reason: string }[];
}

/**
 * Decodes a batch of image files and writes each readable one's model input (model-input.ts) into
 * one buffer, which a decode worker hands to the model's worker without a copy (transferred):
 * the model's thread then only runs the backbone, while the next batch is decoded beside it.
 */
export async function decodeBatchInput(
  blobs: readonly Blob[],
  size: number,
  mode: CropMode,
  range: PixelRange,
): Promise<BatchInput> {
  const one = size * size * 3;
  const decoded = await Promise.all(
    blobs.map((b) =>
      decodeImageBlob(b).then(
        (image) => ({ image }),
        (err: Error) => ({ reason: err.message }),
      ),
    ),
  );
  const failed: BatchInput['failed'] = [];
  const pixels = new Float32Array(decoded.filter((d) => 'image' in d).length * one);
  let k = 0;
  decoded.forEach((d, index) => {
    if ('image' in d) modelInputInto(d.image, size, mode, range, pixels, one * k++);
    else failed.push({ index, reason: d.reason });
  });
  return { pixels, failed };
}
