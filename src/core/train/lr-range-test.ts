import * as tf from '@tensorflow/tfjs';
import { createRng, shuffled } from '../random';
import { yieldToEventLoop } from '../yield';
import { buildHead, headVariables } from './head';
import type { TrainSettings } from './settings';
import { setLearningRate, stepSetup, trainStep } from './step';

export interface LrPoint {
  lr: number;
  /** exponential moving average of the batch loss, bias-corrected */
  loss: number;
}

export interface LrFinderResult {
  points: LrPoint[];
  /** learning rate at the lowest smoothed loss, divided by 10 (null when the sweep is too short) */
  suggestion: number | null;
  /** learning rate where the smoothed loss falls fastest against log(lr), before its minimum */
  steepest: number | null;
  /** the sweep ended because the loss exploded (or became non-finite) */
  diverged: boolean;
  /** Stop ended the sweep early: the curve may still be falling, so there is no suggestion */
  stopped?: boolean;
}

/** fastai's lr_find defaults (beta is its loss smoothing) */
export const LR_FINDER_DEFAULTS = Object.freeze({ startLr: 1e-7, endLr: 1, steps: 100, beta: 0.98, divergeFactor: 4 });
export type LrFinderOptions = Partial<Record<keyof typeof LR_FINDER_DEFAULTS, number>>;

export interface LrFinderData {
  x: tf.Tensor2D;
  labels: Int32Array;
  numClasses: number;
}

/**
 * The suggestion is fastai's older "minimum / 10": the lowest point of the smoothed curve is
 * already too hot to train at (the loss is about to rise), and a tenth of it sits on the falling
 * slope. It is steadier than the steepest slope, which follows noise on small data sets, so the
 * steepest point is only reported alongside.
 */
export function suggestLearningRate(points: LrPoint[]): Pick<LrFinderResult, 'suggestion' | 'steepest'> {
  if (points.length < 5) return { suggestion: null, steepest: null };
  let min = 0;
  points.forEach((p, i) => (p.loss < points[min].loss ? (min = i) : 0));
  // the first tenth is skipped for the slope: Adam's first steps and the young average are noisy
  const from = Math.max(1, Math.floor(points.length / 10));
  let steepest: number | null = null;
  let best = 0;
  // a slope over a few neighbours each side, so single noisy steps do not win
  const k = Math.max(1, Math.round(points.length / 25));
  for (let i = Math.max(from, k); i <= min && i < points.length - k; i++) {
    const slope = (points[i + k].loss - points[i - k].loss) / (Math.log(points[i + k].lr) - Math.log(points[i - k].lr));
    if (slope < best) {
      best = slope;
      steepest = points[i].lr;
    }
  }
  return { suggestion: points[min].lr / 10, steepest };
}

/**
 * Leslie Smith's learning-rate range test as in fastai's lr_find: a fresh head (same architecture,
 * dropout, class weights and weight decay as training, with Adam) takes `steps` mini-batch steps
 * while the rate grows exponentially from startLr to endLr; the sweep stops once the smoothed
 * loss exceeds divergeFactor × its best. Nothing outside this function is touched, and every
 * tensor it makes is freed.
 */
export async function lrRangeTest(
  data: LrFinderData,
  settings: TrainSettings,
  options: LrFinderOptions = {},
  hooks: { onStep?: (step: number, steps: number, point: LrPoint) => void; shouldStop?: () => boolean } = {},
): Promise<LrFinderResult> {
  const { startLr, endLr, steps, beta, divergeFactor } = { ...LR_FINDER_DEFAULTS, ...options };
  const { x, labels, numClasses } = data;
  const n = labels.length;
  const rng = createRng(settings.seed + 29);
  const head = buildHead(x.shape[1], numClasses, settings.hiddenUnits, settings.dropout, settings.seed);
  const optimizer = tf.train.adam(startLr);
  const setup = stepSetup(head, settings, labels, numClasses, rng);
  const groups = [{ optimizer, variables: headVariables(head) }];
  const batch = Math.min(settings.batchSize, n);
  const points: LrPoint[] = [];
  let order: number[] = [];
  let avg = 0;
  let bestLoss = Infinity;
  let diverged = false;
  let stopped = false;
  try {
    for (let step = 0; step < steps; step++) {
      await yieldToEventLoop();
      if (hooks.shouldStop?.()) {
        stopped = true;
        break;
      }
      const lr = startLr * (endLr / startLr) ** (step / Math.max(1, steps - 1));
      setLearningRate(optimizer, lr);
      if (order.length < batch)
        order = order.concat(
          shuffled(
            Array.from({ length: n }, (_, i) => i),
            rng,
          ),
        );
      const idx = order.splice(0, batch);
      const { objective: raw } = await trainStep(
        setup,
        groups,
        (m) => head.logits(x.gather(tf.tensor1d(idx, 'int32')), m),
        idx.map((i) => labels[i]),
      );
      if (!Number.isFinite(raw)) {
        diverged = true;
        break;
      }
      avg = beta * avg + (1 - beta) * raw;
      const loss = avg / (1 - beta ** (step + 1));
      const point = { lr, loss };
      points.push(point);
      hooks.onStep?.(step + 1, steps, point);
      if (loss > divergeFactor * bestLoss) {
        diverged = true;
        break;
      }
      bestLoss = Math.min(bestLoss, loss);
    }
  } finally {
    optimizer.dispose();
    setup.weights?.dispose();
    head.dispose();
  }
  // stopped short, the lowest loss is where the sweep was cut, not where the curve turns: a tenth of it
  // read as a normal suggestion
  if (stopped) return { points, diverged, stopped, suggestion: null, steepest: null };
  return { points, diverged, ...suggestLearningRate(points) };
}
