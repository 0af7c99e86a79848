import * as tf from '@tensorflow/tfjs';
import type { Head } from './head';

/**
 * The temperatures the automatic recipe tries on its held-out folds, geometric from 0.05 to 2.
 * A linear head under strong L2 (the recipe often keeps L2 1) answers right with flat probabilities:
 * a chain saw at 43% of five classes, shown as "Unknown" by Try it's default threshold. Dividing
 * the logits by a temperature fitted on held-out rows (Guo et al. 2017, "On calibration of modern
 * neural networks") sharpens or softens them to what held-out images bear out, and never changes
 * which class wins, so accuracy is the same.
 */
export const TEMPERATURES: readonly number[] = Object.freeze(
  Array.from({ length: 33 }, (_, i) => Number((0.05 * Math.pow(40, i / 32)).toPrecision(3))),
);

/**
 * Mean held-out loss per head at each temperature: `logits` [rows, heads, classes], one row per
 * held-out image. Returns [heads, TEMPERATURES.length].
 */
export function lossAtTemperatures(logits: tf.Tensor3D, labels: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const [, , c] = logits.shape;
    const t = tf.tensor(TEMPERATURES as number[], [1, 1, TEMPERATURES.length, 1]);
    const scaled = logits.expandDims(2).div(t);
    return tf
      .logSoftmax(scaled)
      .mul(tf.oneHot(labels, c).reshape([-1, 1, 1, c]))
      .sum(3)
      .neg()
      .mean(0) as tf.Tensor2D;
  });
}

/** The temperature whose mean held-out loss is lowest (the first of equals; 1 with no losses). */
export function bestTemperature(losses: readonly number[]): number {
  let best = -1;
  losses.forEach((l, i) => {
    if (Number.isFinite(l) && (best < 0 || l < losses[best])) best = i;
  });
  return best < 0 ? 1 : TEMPERATURES[best];
}

/**
 * Divides the head's output logits by `temperature` (its last dense layer's kernel and bias), so
 * the exported model gives the calibrated probabilities with the plain layers every loader knows.
 */
export function foldTemperature(head: Head, temperature: number): void {
  if (temperature === 1) return;
  const last = head.model.layers.filter((l) => l.getClassName() === 'Dense').at(-1)!;
  const scaled = tf.tidy(() => last.getWeights().map((w) => w.div(temperature)));
  last.setWeights(scaled);
  tf.dispose(scaled);
}
