import * as tf from '@tensorflow/tfjs';
import type { Head } from './head';

/** Per-feature mean and standard deviation of the training rows. */
export interface FeatureStats {
  mean: Float32Array;
  std: Float32Array;
}

/** Statistics of the rows of x (all views of the training images; never validation rows). */
export async function featureStats(x: tf.Tensor2D): Promise<FeatureStats> {
  const [meanT, varT] = tf.tidy(() => {
    const { mean, variance } = tf.moments(x, 0);
    return [mean, variance];
  });
  const [mean, variance] = (await Promise.all([meanT.data(), varT.data()])) as Float32Array[];
  tf.dispose([meanT, varT]);
  // a feature that never fires (a dead ReLU channel) keeps scale 1 instead of dividing by zero
  return { mean, std: variance.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

export function standardise(x: tf.Tensor2D, s: FeatureStats): tf.Tensor2D {
  return tf.tidy(() => x.sub(tf.tensor1d(s.mean)).div(tf.tensor1d(s.std)));
}

/**
 * Folds the standardisation into the head's first dense layer (W/σ, b − (μ/σ)·W), so the exported
 * head takes the raw pooled features and the model keeps the plain layers Teachable Machine and
 * every loader know. Exact up to float rounding.
 */
export function foldStandardisation(head: Head, s: FeatureStats): void {
  const first = head.model.layers.find((l) => l.getClassName() === 'Dense')!;
  const [kernel, bias] = first.getWeights() as [tf.Tensor2D, tf.Tensor1D];
  const folded = tf.tidy(() => {
    const scale = tf.tensor2d(s.std, [s.std.length, 1]);
    const w = kernel.div(scale) as tf.Tensor2D;
    const shift = tf.tensor2d(s.mean, [1, s.mean.length]).matMul(w).squeeze([0]);
    return [w, bias.sub(shift)];
  });
  first.setWeights(folded);
  tf.dispose(folded);
}
