import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../backbones/backbone';
import type { CropMode, RgbImage } from '../data/crop';
import { modelInputInto } from '../data/model-input';
import { yieldToEventLoop } from '../yield';
import { toHalf, type Row } from './float16';

export type Decoder = (imageId: string) => Promise<RgbImage>;

export interface ExtractOptions {
  cropMode: CropMode;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  shouldStop?: () => boolean;
  /** image → model input; default toModelInput's maths in JS (model-input.ts) with the backbone's size, crop mode and range */
  toInput?: (img: RgbImage, id: string) => tf.Tensor3D;
  /** input batch → one row per image (any shape after the batch axis); default the pooled feature */
  forward?: (batch: tf.Tensor4D) => tf.Tensor;
  /** store rows as float16 (half the memory; for large boundary activations) */
  half?: boolean;
}

export interface ExtractResult {
  /** images whose features are now in the table */
  ok: string[];
  failed: { id: string; reason: string }[];
  /** how many images actually went through the backbone (the rest came from the cache) */
  computed: number;
}

export class StoppedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'StoppedError';
  }
}

async function decodeAll(ids: readonly string[], decode: Decoder) {
  return Promise.all(
    ids.map(async (id) => {
      try {
        return { id, image: await decode(id) };
      } catch (err) {
        return { id, error: (err as Error).message };
      }
    }),
  );
}

/**
 * Fills `table` with pooled features for every id not already in it. Decoding of the next
 * batch overlaps the backbone's work on the current one; unreadable images are reported, not fatal.
 */
export async function extractFeatures(
  backbone: Backbone,
  ids: readonly string[],
  decode: Decoder,
  table: Map<string, Row>,
  options: ExtractOptions,
): Promise<ExtractResult> {
  const { cropMode, batchSize = 16, onProgress, shouldStop } = options;
  const { inputSize, pixelRange } = backbone.spec;
  // the default input is built in JS straight into the batch buffer: no tensor per image, no stack
  const toBatch = (good: { id: string; image: RgbImage }[]): tf.Tensor4D => {
    if (options.toInput) {
      const toInput = options.toInput;
      return tf.tidy(() => tf.stack(good.map((g) => toInput(g.image, g.id))) as tf.Tensor4D);
    }
    const one = inputSize * inputSize * 3;
    const pixels = new Float32Array(good.length * one);
    good.forEach((g, i) => modelInputInto(g.image, inputSize, cropMode, pixelRange, pixels, i * one));
    return tf.tensor4d(pixels, [good.length, inputSize, inputSize, 3]);
  };
  const forward = options.forward ?? ((batch: tf.Tensor4D) => backbone.extract(batch));
  const todo = ids.filter((id) => !table.has(id));
  const failed: ExtractResult['failed'] = [];
  const total = ids.length;
  let done = total - todo.length;
  onProgress?.(done, total);
  const batches: string[][] = [];
  for (let i = 0; i < todo.length; i += batchSize) batches.push(todo.slice(i, i + batchSize));
  let next = batches.length ? decodeAll(batches[0], decode) : null;
  for (let b = 0; b < batches.length; b++) {
    await yieldToEventLoop();
    if (shouldStop?.()) throw new StoppedError();
    const decoded = await next!;
    next = b + 1 < batches.length ? decodeAll(batches[b + 1], decode) : null;
    const good = decoded.filter((d): d is { id: string; image: RgbImage } => 'image' in d && !!d.image);
    for (const d of decoded) if ('error' in d) failed.push({ id: d.id, reason: d.error! });
    if (good.length) {
      const input = toBatch(good);
      const features = tf.tidy(() => forward(input));
      input.dispose();
      const data = (await features.data()) as Float32Array;
      features.dispose();
      const row = data.length / good.length;
      good.forEach((g, i) => {
        const part = data.subarray(i * row, (i + 1) * row);
        table.set(g.id, options.half ? toHalf(part) : part.slice());
      });
    }
    done += batches[b].length;
    onProgress?.(done, total);
  }
  const failedIds = new Set(failed.map((f) => f.id));
  return { ok: ids.filter((id) => !failedIds.has(id) && table.has(id)), failed, computed: todo.length - failed.length };
}
