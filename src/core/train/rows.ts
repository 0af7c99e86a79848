import * as tf from '@tensorflow/tfjs';

/**
 * Pooled rows of a set of images as flat row-major arrays: `plain[i]` is image i, `views[v][i]`
 * its augmented view v+1. Plain arrays, so a head can train on any backend and the sweep can
 * feed rows read from disk.
 */
export interface ImageRows {
  plain: Float32Array;
  views: Float32Array[];
  labels: Int32Array;
  featureSize: number;
  /** each image's webcam hold, when any has one: the inner split and the CV folds keep a hold together */
  groups?: readonly (string | undefined)[];
  /**
   * each image's place in the order taken (frameOrder), beside `groups`: a class that is one hold
   * is split by it, and its names sort 1, 10, 11, …, 2, so the images' order is not it
   */
  order?: readonly (string | undefined)[];
}

/**
 * Rows `idx` as one matrix (plain rows, then the first `viewCount` views in the same image
 * order) and, with views, each image's rows as TrainData.views wants them.
 */
export function gatherRows(data: ImageRows, idx: readonly number[], viewCount = 0) {
  const d = data.featureSize;
  const sources = [data.plain, ...data.views.slice(0, viewCount)];
  const out = new Float32Array(sources.length * idx.length * d);
  sources.forEach((src, s) =>
    idx.forEach((i, j) => out.set(src.subarray(i * d, (i + 1) * d), (s * idx.length + j) * d)),
  );
  const views = sources.length > 1 ? idx.map((_, j) => sources.map((__, s) => s * idx.length + j)) : undefined;
  return {
    x: tf.tensor2d(out, [sources.length * idx.length, d]),
    labels: Int32Array.from(idx, (i) => data.labels[i]),
    views,
  };
}

/**
 * Rows `rows` of a row-major [*, featureSize] matrix as a new tensor. Training batches are taken
 * this way rather than with tf.gather: on the wasm backend gather of 400 rows × 256 features
 * took 35-45 ms against 2-6 ms for this copy and upload (Node, load 16), and it was the largest
 * kernel of a cross-validation step.
 */
export function takeRows(source: Float32Array, featureSize: number, rows: readonly number[]): tf.Tensor2D {
  const out = new Float32Array(rows.length * featureSize);
  rows.forEach((r, j) => out.set(source.subarray(r * featureSize, (r + 1) * featureSize), j * featureSize));
  return tf.tensor2d(out, [rows.length, featureSize]);
}

/** The transpose of takeRows' matrix, [featureSize, rows.length], built on the JS side for the same reason. */
export function takeColumns(source: Float32Array, featureSize: number, rows: readonly number[]): tf.Tensor2D {
  const n = rows.length;
  const out = new Float32Array(n * featureSize);
  rows.forEach((r, j) => {
    const at = r * featureSize;
    for (let f = 0; f < featureSize; f++) out[f * n + j] = source[at + f];
  });
  return tf.tensor2d(out, [featureSize, n]);
}
