import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../backbones/backbone';
import type { PixelRange } from '../data/crop';
import type { Head } from '../train/head';

/**
 * Golden input/output pairs that travel with an export, so anyone loading the model (this studio
 * re-importing its own zip, the Teachable Machine library, someone's Python) can prove their
 * loading reproduces the studio's predictions instead of hoping it does.
 */

export const GOLDEN_JSON = 'golden.json';
export const GOLDEN_INPUTS = 'golden/inputs.bin';
export const GOLDEN_FORMAT = 'transfer-studio-golden/1';
/** float32 models run on different backends agree to about 1e-6; 1e-4 leaves room without hiding a wrong weight */
export const GOLDEN_TOLERANCE = 1e-4;
/** a handful: each sample's input is size·size·3 bytes (150 KB at 224) */
export const GOLDEN_COUNT = 5;

/** One image the studio preprocessed: its model input exactly as the studio made it. */
export interface GoldenImage {
  name: string;
  label: number;
  /** [size, size, 3] in the backbone's pixel range (toModelInput's output) */
  input: tf.Tensor3D;
}

/** The studio's verdict on one validation image (from training's evaluation). */
export interface ValVerdict {
  name: string;
  label: number;
  predicted: number;
}

export interface GoldenSample {
  name: string;
  label: string;
  /** softmax output of the full model on this sample's input */
  probabilities: number[];
  /** the pooled backbone output the head receives: checks a head-only setup */
  features: number[];
}

export interface GoldenJson {
  format: typeof GOLDEN_FORMAT;
  about: string;
  tolerance: number;
  inputs: {
    file: string;
    dtype: 'uint8';
    /** [samples, height, width, 3], row-major, RGB */
    shape: [number, number, number, number];
    /** model input = byte · multiply + add */
    multiply: number;
    add: number;
  };
  labels: string[];
  samples: GoldenSample[];
  /** every validation image with the studio's top-1: checks a whole pipeline, preprocessing included */
  validation: { name: string; label: string; predicted: string }[];
}

/** Up to `count` items, one class at a time in turn, so the samples cover as many classes as possible. */
export function pickGolden<T extends { label: number }>(items: readonly T[], count = GOLDEN_COUNT): T[] {
  const byClass = new Map<number, T[]>();
  for (const item of items) byClass.set(item.label, [...(byClass.get(item.label) ?? []), item]);
  const queues = [...byClass.keys()].sort((a, b) => a - b).map((k) => byClass.get(k)!);
  const picked: T[] = [];
  for (let round = 0; picked.length < count && queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (round < q.length && picked.length < count) picked.push(q[round]);
  }
  return picked;
}

const scaleOf = (range: PixelRange) => ({ multiply: (range.max - range.min) / 255, add: range.min });

/**
 * Inputs stored as bytes: the studio's float input rounded back to 0..255. The expected outputs
 * are computed on the rounded bytes, so the stored input is exact, not an approximation.
 */
export async function inputBytes(inputs: readonly tf.Tensor3D[], range: PixelRange): Promise<Uint8Array> {
  const { multiply, add } = scaleOf(range);
  const bytes = tf.tidy(() =>
    tf
      .stack(inputs as tf.Tensor3D[])
      .sub(add)
      .div(multiply)
      .round()
      .clipByValue(0, 255),
  );
  // never dataSync here: on WebGPU tfjs reads synchronously through an OffscreenCanvas 'webgpu'
  // context, after which (Chromium 156, in the worker) every later GPU read failed with "A valid
  // external Instance reference no longer exists": a run trained on WebGPU could not be saved
  try {
    return new Uint8Array(await bytes.data());
  } finally {
    bytes.dispose();
  }
}

/** The golden inputs as the model's [n, h, w, 3] float batch. Caller owns the tensor. */
export function goldenBatch(golden: GoldenJson, bytes: Uint8Array): tf.Tensor4D {
  const { shape, multiply, add } = golden.inputs;
  const expected = shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== expected)
    throw new Error(`${golden.inputs.file} holds ${bytes.byteLength} bytes, expected ${expected}`);
  return tf.tidy(() => tf.tensor4d(Float32Array.from(bytes), shape).mul(multiply).add(add) as tf.Tensor4D);
}

/** golden.json + inputs.bin for `images`, with the outputs of the studio's own path (backbone → head). */
export async function goldenFiles(
  backbone: Backbone,
  head: Head,
  classes: string[],
  images: readonly GoldenImage[],
  validation: readonly ValVerdict[] = [],
): Promise<{ json: GoldenJson; inputs: Uint8Array }> {
  const { pixelRange, inputSize } = backbone.spec;
  const { multiply, add } = scaleOf(pixelRange);
  const inputs = await inputBytes(
    images.map((i) => i.input),
    pixelRange,
  );
  const shape: GoldenJson['inputs']['shape'] = [images.length, inputSize, inputSize, 3];
  const partial = { inputs: { file: GOLDEN_INPUTS, dtype: 'uint8' as const, shape, multiply, add } } as GoldenJson;
  const [features, probs] = tf.tidy(() => {
    const f = images.length ? backbone.extract(goldenBatch(partial, inputs)) : tf.zeros([0, backbone.spec.featureSize]);
    return [f, head.model.predict(f) as tf.Tensor2D];
  });
  const [f, p] = await Promise.all([features.array() as Promise<number[][]>, probs.array() as Promise<number[][]>]);
  tf.dispose([features, probs]);
  const json: GoldenJson = {
    format: GOLDEN_FORMAT,
    about:
      `${GOLDEN_INPUTS} holds the samples' exact model inputs as bytes (shape inputs.shape, RGB, row-major); ` +
      'feed byte · multiply + add to model.json and compare with probabilities, or feed features to head/model.json; ' +
      `both must match to within tolerance (max absolute difference). validation lists every validation image with the ` +
      "studio's top-1: run your own preprocessing on those files and compare top-1.",
    tolerance: GOLDEN_TOLERANCE,
    inputs: partial.inputs,
    labels: classes,
    samples: images.map((img, i) => ({
      name: img.name,
      label: classes[img.label],
      probabilities: p[i],
      features: f[i],
    })),
    validation: validation.map((v) => ({ name: v.name, label: classes[v.label], predicted: classes[v.predicted] })),
  };
  return { json, inputs };
}

/** Largest absolute difference between the model's outputs and the expected rows. */
export async function maxDifference(outputs: tf.Tensor2D, expected: number[][]): Promise<number> {
  const got = (await outputs.array()) as number[][];
  if (got.length !== expected.length) throw new Error(`expected ${expected.length} rows, got ${got.length}`);
  let max = 0;
  got.forEach((row, i) => {
    if (row.length !== expected[i].length) throw new Error(`expected ${expected[i].length} outputs, got ${row.length}`);
    row.forEach((v, j) => (max = Math.max(max, Math.abs(v - expected[i][j]))));
  });
  return max;
}
