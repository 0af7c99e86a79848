import * as tf from '@tensorflow/tfjs';
import { rowInto, type Row } from '../features/float16';
import { createRng, shuffled } from '../random';
import { runEpochs, type EpochHooks } from '../train/epochs';
import { headVariables as allHeadVariables, type Head } from '../train/head';
import { epochLearningRate } from '../train/schedule';
import { argmaxRows } from '../train/metrics';
import { fineTuneOptions, type TrainSettings } from '../train/settings';
import {
  checkFinite,
  setLearningRate,
  stepSetup,
  trainStep,
  weightedCrossEntropy,
  type DropoutMask,
} from '../train/step';
import type { EpochMetrics, TrainLoopResult } from '../train/epochs';
import { yieldToEventLoop } from '../yield';
import type { Suffix, SuffixImpl } from './suffix';

/** Cached boundary activations, one flat row per image (or view), the suffix's side input after each (Suffix.side). */
export interface FineTuneData {
  /** per training image, its views' rows; views[0] is the plain image */
  train: Row[][];
  labels: Int32Array;
  val: Row[];
  valLabels: Int32Array;
  /** inner split of the training images that early stopping watches */
  stop?: { rows: Row[]; labels: Int32Array };
  /** boundary activation shape without the batch axis, e.g. [14, 14, 128] */
  shape: number[];
  numClasses: number;
}

export interface FineTuneHooks extends EpochHooks {
  impl?: SuffixImpl;
}

const volume = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const batchOf = (values: Float32Array, n: number, shape: readonly number[]) =>
  tf.tensor4d(values, [n, shape[0], shape[1], shape[2]]);

/**
 * Cached rows as the suffix's inputs: the boundary activations, and where the suffix takes a side
 * input (Suffix.side: an earlier map the backbone joins, pooled by the frozen prefix) its values,
 * which follow the activation in each row.
 */
function batchInputs(suffix: Suffix, rows: Row[], shape: number[]): [tf.Tensor4D, tf.Tensor4D | undefined] {
  const size = volume(shape);
  const sideSize = suffix.side ? volume(suffix.side) : 0;
  const row = new Float32Array(size + sideSize);
  const x = new Float32Array(rows.length * size);
  const side = new Float32Array(rows.length * sideSize);
  rows.forEach((r, i) => {
    if (r.length !== row.length)
      throw new Error(`a cached row holds ${r.length} values where the suffix above its boundary takes ${row.length}`);
    rowInto(r, row, 0);
    x.set(row.subarray(0, size), i * size);
    side.set(row.subarray(size), i * sideSize);
  });
  return [batchOf(x, rows.length, shape), suffix.side ? batchOf(side, rows.length, suffix.side) : undefined];
}

function logitsOf(suffix: Suffix, head: Head, rows: Row[], shape: number[], impl: SuffixImpl, mask?: DropoutMask) {
  const [x, side] = batchInputs(suffix, rows, shape);
  return head.logits(suffix.apply(x, impl, side).mean([1, 2]) as tf.Tensor2D, mask);
}

/** Loss, accuracy and predictions of suffix + head on cached rows, in inference mode, batch by batch. */
export async function evaluateFineTuned(
  suffix: Suffix,
  head: Head,
  rows: Row[],
  labels: Int32Array,
  shape: number[],
  numClasses: number,
  impl: SuffixImpl = 'fast',
) {
  const predictions: number[] = [];
  const probabilities: number[][] = [];
  let lossSum = 0;
  for (let i = 0; i < rows.length; i += 64) {
    const part = rows.slice(i, i + 64);
    const [lossT, predT] = tf.tidy(() => {
      const logits = logitsOf(suffix, head, part, shape, impl);
      const y = tf.tensor1d(labels.slice(i, i + part.length), 'int32');
      return [weightedCrossEntropy(logits, y, numClasses, null).mul(part.length), tf.softmax(logits)];
    });
    const [l, p] = await Promise.all([lossT.data(), predT.data()]);
    tf.dispose([lossT, predT]);
    lossSum += l[0];
    predictions.push(...argmaxRows(p as Float32Array, numClasses));
    for (let r = 0; r < part.length; r++)
      probabilities.push(Array.from(p.subarray(r * numClasses, (r + 1) * numClasses)));
    await yieldToEventLoop();
  }
  let right = 0;
  labels.forEach((l, i) => (right += predictions[i] === l ? 1 : 0));
  const n = labels.length || 1;
  return { loss: lossSum / n, accuracy: labels.length ? right / labels.length : 0, predictions, probabilities };
}

function headVariables(head: Head): tf.Variable[] {
  return head.model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
}

/**
 * Trains suffix + head with a custom step (tf.variableGrads, one Adam per parameter group):
 * discriminative learning rates (backbone = head × backboneLrScale), head-only warm-up epochs,
 * cosine decay of both rates. Each epoch visits every training image once through one of its
 * cached views, picked at random, so epoch time does not grow with the number of views. Same
 * events, cancellation and finite-loss check as trainHead.
 */
export async function trainFineTune(
  suffix: Suffix,
  head: Head,
  data: FineTuneData,
  settings: TrainSettings,
  hooks: FineTuneHooks = {},
): Promise<TrainLoopResult> {
  const { train, labels, val, valLabels, shape, numClasses } = data;
  const { backboneLrScale, warmupEpochs } = fineTuneOptions(settings);
  const impl = hooks.impl ?? 'fast';
  const rng = createRng(settings.seed + 17);
  const headOpt = tf.train.adam(settings.learningRate);
  const backboneOpt = tf.train.adam(settings.learningRate * backboneLrScale);
  const setup = stepSetup(head, settings, labels, numClasses, rng);
  const headVars = headVariables(head);
  const n = labels.length;
  const batches = Math.ceil(n / settings.batchSize);
  const runEpoch = async (epoch: number): Promise<EpochMetrics | null> => {
    const started = performance.now();
    const warm = epoch <= warmupEpochs && epoch < settings.epochs;
    // The schedule (cosine unless chosen) runs over the fine-tuning epochs; warm-up epochs use the full head rate.
    const lr = epochLearningRate(
      settings.learningRate,
      settings.lrSchedule ?? 'cosine',
      epoch,
      settings.epochs,
      warmupEpochs,
    );
    setLearningRate(headOpt, lr);
    setLearningRate(backboneOpt, lr * backboneLrScale);
    const groups = [
      { optimizer: headOpt, variables: headVars },
      { optimizer: backboneOpt, variables: warm || backboneLrScale === 0 ? [] : suffix.variables },
    ];
    const order = shuffled(
      Array.from({ length: n }, (_, i) => i),
      rng,
    );
    const views = order.map((i) => Math.floor(rng() * train[i].length));
    let lossSum = 0;
    let penaltySum = 0;
    let right = 0;
    for (let b = 0; b < batches; b++) {
      await yieldToEventLoop();
      if (hooks.shouldStop?.()) return null;
      const from = b * settings.batchSize;
      const idx = order.slice(from, from + settings.batchSize);
      const batch = idx.map((i, k) => train[i][views[from + k]]);
      const step = await trainStep(
        setup,
        groups,
        (m) => logitsOf(suffix, head, batch, shape, impl, m),
        idx.map((i) => labels[i]),
      );
      checkFinite(
        step.objective,
        epoch,
        'fine-tuning',
        `Lower the learning rate (now ${settings.learningRate}) or unfreeze fewer blocks, and train again.`,
      );
      lossSum += step.loss * idx.length;
      penaltySum += (step.objective - step.loss) * idx.length;
      right += step.correct;
      hooks.onEvent?.({ type: 'batch', epoch, batch: b + 1, batches, loss: step.loss });
    }
    const v = await evaluateFineTuned(suffix, head, val, valLabels, shape, numClasses, impl);
    const stop = data.stop
      ? await evaluateFineTuned(suffix, head, data.stop.rows, data.stop.labels, shape, numClasses, impl)
      : null;
    const seconds = (performance.now() - started) / 1000;
    return {
      epoch,
      loss: lossSum / n,
      accuracy: right / n,
      valLoss: v.loss,
      valAccuracy: v.accuracy,
      seconds,
      lr,
      ...(settings.weightDecay > 0 && { penalty: penaltySum / n }),
      ...(stop && { stopLoss: stop.loss }),
    };
  };
  try {
    // the suffix's values are kept too: restoring only the head would pair it with a later backbone
    return await runEpochs(settings, [...allHeadVariables(head), ...suffix.variables], runEpoch, hooks);
  } finally {
    headOpt.dispose();
    backboneOpt.dispose();
    setup.weights?.dispose();
  }
}
