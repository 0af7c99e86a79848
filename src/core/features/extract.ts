import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../backbones/backbone';
import type { CropMode, PixelRange, RgbImage } from '../data/crop';
import { modelInputInto } from '../data/model-input';
import { yieldToEventLoop } from '../yield';
import { toHalf, type Row } from './float16';

/**
 * Model inputs of a batch of images made elsewhere (the studio's decode worker, beside the model's
 * thread): the readable ones' inputs one after another in `pixels`, in the order of `ids`.
 */
export type BatchInputs = ((
  ids: readonly string[],
  size: number,
  mode: CropMode,
  range: PixelRange,
) => Promise<{ pixels: Float32Array; failed: { id: string; reason: string }[] }>) & {
  /**
   * Hands a batch's pixels back once the backbone is done with them, to be filled again: a fresh
   * 9.6 MB buffer per batch cost the decode worker a page fault per 4 KB on first touch.
   */
  recycle?: (pixels: Float32Array) => void;
};

/** An image's pixels by id; with `inputs`, plain extraction takes whole batches' model inputs from there instead. */
export type Decoder = ((imageId: string) => Promise<RgbImage>) & { inputs?: BatchInputs };

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
  /** each image as it settles, in the order of `ids`: extracted (or already cached) or unreadable */
  onSettled?: (id: string, ok: boolean) => void;
  /** asked before each batch: true ends the pass there (the rest stays unextracted; a first model's part) */
  until?: () => boolean;
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

interface Loaded {
  good: { id: string; image?: RgbImage }[];
  failed: { id: string; reason: string }[];
  /** the good images' model inputs, when the decoder made them (Decoder.inputs) */
  pixels?: Float32Array;
}

async function decodeAll(ids: readonly string[], decode: Decoder): Promise<Loaded> {
  const decoded = await Promise.all(
    ids.map((id) =>
      Promise.resolve(id)
        .then(decode)
        .then(
          (image) => ({ id, image }),
          (err: Error) => ({ id, reason: err.message }),
        ),
    ),
  );
  return {
    good: decoded.flatMap((d) => ('image' in d ? [d] : [])),
    failed: decoded.flatMap((d) => ('reason' in d ? [d] : [])),
  };
}

/** A batch's model inputs from the decoder's `inputs`; if that fails as a whole (no decode worker), decoded here. */
async function inputsOf(
  ids: readonly string[],
  decode: Decoder,
  size: number,
  mode: CropMode,
  range: PixelRange,
): Promise<Loaded> {
  try {
    const r = await decode.inputs!(ids, size, mode, range);
    const bad = new Set(r.failed.map((f) => f.id));
    return { good: ids.filter((id) => !bad.has(id)).map((id) => ({ id })), failed: r.failed, pixels: r.pixels };
  } catch {
    return decodeAll(ids, decode);
  }
}

/** One table to fill, with its own image → input (an augmented view); see extractInto. */
export interface ExtractTarget {
  table: Map<string, Row>;
  toInput?: ExtractOptions['toInput'];
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
  return extractInto(backbone, ids, decode, [{ table, toInput: options.toInput }], options);
}

/**
 * extractFeatures for several tables at once (the augmented views of the same images): each
 * image is decoded once and goes through the backbone once per table that lacks it. Progress
 * counts (image, table) pairs settled, out of ids × tables.
 */
export async function extractInto(
  backbone: Backbone,
  ids: readonly string[],
  decode: Decoder,
  targets: readonly ExtractTarget[],
  options: Omit<ExtractOptions, 'toInput'>,
): Promise<ExtractResult> {
  const { cropMode, batchSize = 16, onProgress, shouldStop, onSettled, until } = options;
  const { inputSize, pixelRange } = backbone.spec;
  // the default input is built in JS straight into the batch buffer: no tensor per image, no stack
  const toBatch = (good: Loaded['good'], toInput: ExtractTarget['toInput']): tf.Tensor4D => {
    if (toInput) return tf.tidy(() => tf.stack(good.map((g) => toInput(g.image!, g.id))) as tf.Tensor4D);
    const one = inputSize * inputSize * 3;
    const pixels = new Float32Array(good.length * one);
    good.forEach((g, i) => modelInputInto(g.image!, inputSize, cropMode, pixelRange, pixels, i * one));
    return tf.tensor4d(pixels, [good.length, inputSize, inputSize, 3]);
  };
  // plain extraction with a decoder that makes model inputs elsewhere: this thread only runs the backbone
  const elsewhere = !!decode.inputs && targets.length === 1 && !targets[0].toInput;
  const load = (batch: string[]) =>
    elsewhere ? inputsOf(batch, decode, inputSize, cropMode, pixelRange) : decodeAll(batch, decode);
  const forward = options.forward ?? ((batch: tf.Tensor4D) => backbone.extract(batch));
  const missing = (id: string) => targets.filter((t) => !t.table.has(id)).length;
  const todo = ids.filter((id) => missing(id) > 0);
  // images already in every table settle at once, in order, up to the first that needs work
  let settledUpTo = 0;
  const settleUpTo = (end: number) => {
    for (; settledUpTo < end; settledUpTo++) {
      const id = ids[settledUpTo];
      onSettled?.(id, !failed.some((f) => f.id === id));
    }
  };
  const position = new Map(ids.map((id, i) => [id, i]));
  const nextWork = (b: number) => (b < batches.length ? position.get(batches[b][0])! : ids.length);
  const failed: ExtractResult['failed'] = [];
  const total = ids.length * targets.length;
  let done = total - todo.reduce((n, id) => n + missing(id), 0);
  let computed = 0;
  onProgress?.(done, total);
  const batches: string[][] = [];
  // Decoded elsewhere, the first batch is a quarter of one: the backbone starts once four images
  // are ready, not sixteen, and the decoder makes the next full batch during that short pass.
  const first = elsewhere ? Math.max(1, Math.ceil(batchSize / 4)) : batchSize;
  for (let i = 0, n = first; i < todo.length; i += n, n = batchSize) batches.push(todo.slice(i, i + n));
  let next = batches.length ? load(batches[0]) : null;
  let stoppedAt = batches.length;
  for (let b = 0; b < batches.length; b++) {
    settleUpTo(nextWork(b));
    if (until?.()) {
      stoppedAt = b;
      break;
    }
    await yieldToEventLoop();
    if (shouldStop?.()) throw new StoppedError();
    const loaded = await next!;
    next = b + 1 < batches.length ? load(batches[b + 1]) : null;
    const { good, pixels } = loaded;
    for (const f of loaded.failed) failed.push(f);
    for (const f of loaded.failed) done += missing(f.id);
    for (const target of targets) {
      const need = good.filter((g) => !target.table.has(g.id));
      if (!need.length) continue;
      // `pixels` (one target) holds every good image of the batch: another job on the same table (a
      // health check beside a run) may have filled some meanwhile, so all run and the missing are kept
      const batch = pixels ? good : need;
      const input = pixels
        ? tf.tensor4d(pixels, [good.length, inputSize, inputSize, 3])
        : toBatch(need, target.toInput);
      let data: Float32Array;
      try {
        const features = tf.tidy(() => forward(input));
        data = (await features.data()) as Float32Array;
        features.dispose();
      } finally {
        input.dispose();
      }
      const row = data.length / batch.length;
      batch.forEach((g, i) => {
        if (target.table.has(g.id)) return;
        const part = data.subarray(i * row, (i + 1) * row);
        target.table.set(g.id, options.half ? toHalf(part) : part.slice());
      });
      // the input is disposed and its features are read back: no backend holds the pixels now
      if (pixels) decode.inputs?.recycle?.(pixels);
      computed += need.length;
      done += need.length;
      onProgress?.(done, total);
    }
    if (!good.length) onProgress?.(done, total);
  }
  if (stoppedAt === batches.length) settleUpTo(ids.length);
  const failedIds = new Set(failed.map((f) => f.id));
  return { ok: ids.filter((id) => !failedIds.has(id) && targets.every((t) => t.table.has(id))), failed, computed };
}
