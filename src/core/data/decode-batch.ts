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
 * `spare`, a batch buffer the backbone is done with, is filled again when it is large enough.
 */
export async function decodeBatchInput(
  blobs: readonly Blob[],
  size: number,
  mode: CropMode,
  range: PixelRange,
  spare?: ArrayBuffer,
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
  const pixels = floats(decoded.filter((d) => 'image' in d).length * one, spare);
  let k = 0;
  decoded.forEach((d, index) => {
    if ('image' in d) modelInputInto(d.image, size, mode, range, pixels, one * k++);
    else failed.push({ index, reason: d.reason });
  });
  return { pixels, failed };
}

/** `length` floats, in `spare` (from its start) when it holds that many */
export function floats(length: number, spare?: ArrayBuffer): Float32Array {
  return spare && spare.byteLength >= length * 4 ? new Float32Array(spare, 0, length) : new Float32Array(length);
}

/** `items` in at most `parts` contiguous runs of near-equal length, in order (none empty). */
export function chunksOf<T>(items: readonly T[], parts: number): T[][] {
  const n = Math.max(1, Math.min(parts, items.length));
  const out: T[][] = [];
  for (let i = 0, start = 0; i < n; i++) {
    const end = start + Math.ceil((items.length - start) / (n - i));
    out.push(items.slice(start, end));
    start = end;
  }
  return out;
}

/**
 * One batch's input from the inputs of its contiguous chunks, decoded by several workers: pixels
 * one after another in chunk order, failed indices counted from the batch's start.
 */
export function joinBatchInputs(
  parts: readonly { input: BatchInput; size: number }[],
  spare?: ArrayBuffer,
): BatchInput {
  if (parts.length === 1) return parts[0].input;
  const pixels = floats(
    parts.reduce((n, p) => n + p.input.pixels.length, 0),
    spare,
  );
  const failed: BatchInput['failed'] = [];
  let at = 0;
  let offset = 0;
  for (const { input, size } of parts) {
    pixels.set(input.pixels, at);
    at += input.pixels.length;
    for (const f of input.failed) failed.push({ index: f.index + offset, reason: f.reason });
    offset += size;
  }
  return { pixels, failed };
}
