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
