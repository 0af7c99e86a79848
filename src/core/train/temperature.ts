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

/**
 * Mean loss per head at each temperature of a row that could be any class (the mean over the
 * classes of -log p): what `prior` in bestTemperature weighs. [heads, TEMPERATURES.length].
 */
export function spreadAtTemperatures(logits: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const t = tf.tensor(TEMPERATURES as number[], [1, 1, TEMPERATURES.length, 1]);
    return tf.logSoftmax(logits.expandDims(2).div(t)).mean([0, 3]).neg() as tf.Tensor2D;
  });
}

/**
 * How much the prior weighs beside `rows` held-out rows: one imagined row whose label could be any
 * class. Held-out rows that are all right say "sharpen without end" (14 hand signs a class, three
 * classes: the grid's end, 0.05, every answer 100% sure, wrong ones on a webcam too); one imagined
 * row stops that (0.795 there) and moves the suite's datasets' temperatures by a step at most
 * (docs/accuracy.md). One imagined row per class held small sets back further but cost imagenette
 * 0.02 of validation loss.
 */
export function priorWeight(rows: number): number {
  return 1 / (rows + 1);
}

/**
 * The temperature whose mean held-out loss is lowest (the first of equals; 1 with no losses); with
 * a prior, the loss is mixed with its `spread` (spreadAtTemperatures) at `weight` (priorWeight).
 */
export function bestTemperature(
  losses: readonly number[],
  prior?: { spread: readonly number[]; weight: number },
): number {
  const at = prior ? losses.map((l, i) => (1 - prior.weight) * l + prior.weight * prior.spread[i]) : losses;
  let best = -1;
  at.forEach((l, i) => {
    if (Number.isFinite(l) && (best < 0 || l < at[best])) best = i;
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
