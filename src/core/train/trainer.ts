import * as tf from '@tensorflow/tfjs';
import { createRng, shuffled } from '../random';
import { yieldToEventLoop } from '../yield';
import { runEpochs, type EpochHooks, type EpochMetrics, type TrainLoopResult } from './epochs';
import { headVariables, type Head } from './head';
import { epochLearningRate } from './schedule';
import { argmaxRows } from './metrics';
import { takeRows } from './rows';
import { checkFinite, setLearningRate, stepSetup, trainStep, weightedCrossEntropy } from './step';
import type { TrainSettings } from './settings';

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
  const probabilities = Array.from({ length: labels.length }, (_, i) =>
    Array.from(probs.subarray(i * numClasses, (i + 1) * numClasses)),
  );
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
  const xData = (await x.data()) as Float32Array;
  const rng = createRng(settings.seed + 17);
  const optimizer = tf.train.adam(settings.learningRate);
  const setup = stepSetup(head, settings, labels, numClasses, rng);
  const n = labels.length;
  const batches = Math.ceil(n / settings.batchSize);
  const groups = [{ optimizer, variables: headVariables(head) }];
  const runEpoch = async (epoch: number): Promise<EpochMetrics | null> => {
    const started = performance.now();
    const lr = epochLearningRate(settings.learningRate, settings.lrSchedule ?? 'constant', epoch, settings.epochs);
    setLearningRate(optimizer, lr);
    const order = shuffled(
      Array.from({ length: n }, (_, i) => i),
      rng,
    );
    const rows = views ? order.map((i) => views[i][Math.floor(rng() * views[i].length)]) : order;
    let lossSum = 0;
    let penaltySum = 0;
    let right = 0;
    for (let b = 0; b < batches; b++) {
      await yieldToEventLoop();
      if (hooks.shouldStop?.()) return null;
      const idx = order.slice(b * settings.batchSize, (b + 1) * settings.batchSize);
      const batchRows = rows.slice(b * settings.batchSize, (b + 1) * settings.batchSize);
      const step = await trainStep(
        setup,
        groups,
        (m) => head.logits(takeRows(xData, x.shape[1], batchRows), m),
        idx.map((i) => labels[i]),
      );
      checkFinite(
        step.objective,
        epoch,
        'training',
        `Lower the learning rate (now ${settings.learningRate}) and train again.`,
      );
      lossSum += step.loss * idx.length;
      penaltySum += (step.objective - step.loss) * idx.length;
      right += step.correct;
      hooks.onEvent?.({ type: 'batch', epoch, batch: b + 1, batches, loss: step.loss });
    }
    const val = await evaluateHead(head, xVal, valLabels, numClasses);
    const stop =
      data.xStop && data.stopLabels ? await evaluateHead(head, data.xStop, data.stopLabels, numClasses) : null;
    const seconds = (performance.now() - started) / 1000;
    return {
      epoch,
      loss: lossSum / n,
      accuracy: right / n,
      valLoss: val.loss,
      valAccuracy: val.accuracy,
      seconds,
      lr,
      ...(settings.weightDecay > 0 && { penalty: penaltySum / n }),
      ...(stop && { stopLoss: stop.loss }),
    };
  };
  try {
    return await runEpochs(settings, headVariables(head), runEpoch, hooks);
  } finally {
    optimizer.dispose();
    setup.weights?.dispose();
  }
}
