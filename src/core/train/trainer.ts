import * as tf from '@tensorflow/tfjs';
import { createRng, shuffled } from '../random';
import { yieldToEventLoop } from '../yield';
import { runEpochs, type EpochHooks } from './epochs';
import { headVariables, type Head } from './head';
import { epochLearningRate } from './schedule';
import { argmaxRows } from './metrics';
import type { TrainSettings } from './settings';

export interface EpochMetrics {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  seconds: number;
  /** learning rate of this epoch (the head's, when fine-tuning) */
  lr?: number;
  /** loss on the inner split carved from the training images: what early stopping watches */
  stopLoss?: number;
}

/** What a training loop reports besides its history. */
export interface TrainLoopResult {
  history: EpochMetrics[];
  stopped: boolean;
  /** epoch whose weights the model ends with (early stopping on), else null */
  bestEpoch: number | null;
  /** early stopping ended the run before the planned epochs */
  stoppedEarly: boolean;
}

export type TrainEvent =
  | { type: 'batch'; epoch: number; batch: number; batches: number; loss: number }
  | { type: 'epoch'; metrics: EpochMetrics };

export interface TrainData {
  x: tf.Tensor2D;
  /** one label per training image */
  labels: Int32Array;
  /**
   * Augmented views: per training image, the rows of x holding its views (the plain image first).
   * Each epoch visits every image once through one view picked at random, as fine-tuning does.
   * Without it, row i of x is image i.
   */
  views?: number[][];
  xVal: tf.Tensor2D;
  valLabels: Int32Array;
  numClasses: number;
  /** inner split held out of the training images for early stopping (the validation split never chooses) */
  xStop?: tf.Tensor2D;
  stopLabels?: Int32Array;
}

export class NonFiniteLossError extends Error {
  override name = 'NonFiniteLossError';
}

/** Inverse-frequency weights, mean 1 over the training images. */
export function classWeights(labels: ArrayLike<number>, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c ? labels.length / (present * c) : 0));
}

export function weightedCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, numClasses: number, weights: tf.Tensor1D | null) {
  const perSample = tf.oneHot(labels, numClasses).mul(tf.logSoftmax(logits)).sum(1).neg();
  if (!weights) return perSample.mean();
  const w = weights.gather(labels);
  return perSample.mul(w).sum().div(w.sum());
}

/** Loss and accuracy on a whole set, without dropout. */
export async function evaluateHead(head: Head, x: tf.Tensor2D, labels: Int32Array, numClasses: number) {
  const [lossT, predT] = tf.tidy(() => {
    const logits = head.logits(x);
    const y = tf.tensor1d(labels, 'int32');
    return [weightedCrossEntropy(logits, y, numClasses, null), tf.softmax(logits)];
  });
  const [loss, probs] = await Promise.all([lossT.data(), predT.data()]);
  tf.dispose([lossT, predT]);
  // per-image probabilities rank the top losses; the argmax of the softmax is the logits' argmax
  const probabilities = Array.from({ length: labels.length }, (_, i) => Array.from(probs.subarray(i * numClasses, (i + 1) * numClasses)));
  const pred = argmaxRows(probs as Float32Array, numClasses);
  let right = 0;
  labels.forEach((l, i) => (right += pred[i] === l ? 1 : 0));
  return { loss: loss[0], accuracy: labels.length ? right / labels.length : 0, predictions: pred, probabilities };
}

/**
 * Custom loop rather than model.fit: seeded shuffles and dropout masks, per-batch events,
 * a finite-loss check every step and cancellation between steps.
 */
export async function trainHead(
  head: Head,
  data: TrainData,
  settings: TrainSettings,
  hooks: EpochHooks = {},
): Promise<TrainLoopResult> {
  const { x, labels, xVal, valLabels, numClasses, views } = data;
  const rng = createRng(settings.seed + 17);
  const optimizer = tf.train.adam(settings.learningRate);
  const weights = settings.classWeights ? tf.tensor1d(classWeights(labels, numClasses)) : null;
  const n = labels.length;
  const batches = Math.ceil(n / settings.batchSize);
  const mask = (shape: number[]) =>
    tf.randomUniform(shape, 0, 1, 'float32', Math.floor(rng() * 2 ** 31)).greaterEqual(settings.dropout).toFloat().div(1 - settings.dropout);
  const setLr = (lr: number) => ((optimizer as unknown as { learningRate: number }).learningRate = lr);
  const runEpoch = async (epoch: number): Promise<EpochMetrics | null> => {
    const started = performance.now();
    const lr = epochLearningRate(settings.learningRate, settings.lrSchedule ?? 'constant', epoch, settings.epochs);
    setLr(lr);
    const order = shuffled(Array.from({ length: n }, (_, i) => i), rng);
    const rows = views ? order.map((i) => views[i][Math.floor(rng() * views[i].length)]) : order;
    let lossSum = 0;
    let right = 0;
    for (let b = 0; b < batches; b++) {
      await yieldToEventLoop();
      if (hooks.shouldStop?.()) return null;
      const idx = order.slice(b * settings.batchSize, (b + 1) * settings.batchSize);
      const [lossT, correctT] = tf.tidy(() => {
        const idxT = tf.tensor1d(rows.slice(b * settings.batchSize, (b + 1) * settings.batchSize), 'int32');
        const xb = x.gather(idxT);
        const yb = tf.tensor1d(idx.map((i) => labels[i]), 'int32');
        let correct: tf.Tensor | null = null;
        const loss = optimizer.minimize(() => {
          const logits = head.logits(xb, mask);
          correct = tf.keep(logits.argMax(1).equal(yb).sum());
          let l = weightedCrossEntropy(logits, yb, numClasses, weights);
          if (settings.weightDecay > 0) {
            for (const k of head.kernels()) l = l.add(k.read().square().sum().mul(settings.weightDecay));
          }
          return l as tf.Scalar;
        }, true)!;
        return [loss, correct!];
      });
      const [lossV, correctV] = await Promise.all([lossT.data(), correctT.data()]);
      tf.dispose([lossT, correctT]);
      if (!Number.isFinite(lossV[0])) {
        throw new NonFiniteLossError(
          `The loss became ${lossV[0]} in epoch ${epoch}: training diverged. Lower the learning rate (now ${settings.learningRate}) and train again.`,
        );
      }
      lossSum += lossV[0] * idx.length;
      right += correctV[0];
      hooks.onEvent?.({ type: 'batch', epoch, batch: b + 1, batches, loss: lossV[0] });
    }
    const val = await evaluateHead(head, xVal, valLabels, numClasses);
    const stop = data.xStop && data.stopLabels ? await evaluateHead(head, data.xStop, data.stopLabels, numClasses) : null;
    const seconds = (performance.now() - started) / 1000;
    return { epoch, loss: lossSum / n, accuracy: right / n, valLoss: val.loss, valAccuracy: val.accuracy, seconds, lr, ...(stop && { stopLoss: stop.loss }) };
  };
  try {
    return await runEpochs(settings, headVariables(head), runEpoch, hooks);
  } finally {
    optimizer.dispose();
    weights?.dispose();
  }
}
