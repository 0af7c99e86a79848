import * as tf from '@tensorflow/tfjs';
import { earlyStopPlan, type EarlyStopPlan } from '../data/split';
import type { EpochHooks } from './epochs';
import type { Head } from './head';
import { gatherRows, type ImageRows } from './rows';
import { augmentViewsFor, type TrainSettings } from './settings';
import { featureStats, foldStandardisation, standardise } from './standardise';
import { foldTemperature } from './temperature';
import type { TrainLoopResult } from './epochs';
import { evaluateHead, trainHead } from './trainer';

export interface FitInput {
  /** the training images' rows (plain and cached views) */
  train: ImageRows;
  /** the validation images' plain rows */
  val: { plain: Float32Array; labels: Int32Array };
  numClasses: number;
  settings: TrainSettings;
  newHead: () => Head;
  hooks?: EpochHooks;
  /** the automatic recipe's temperature, folded into the trained head before it is evaluated (temperature.ts) */
  temperature?: number;
}

export interface FitResult {
  head: Head;
  loop: TrainLoopResult;
  /** the delivered head (standardisation folded in) on the validation images */
  evaluation: Awaited<ReturnType<typeof evaluateHead>>;
  /** training images early stopping held out (0 when it is off) */
  held: number;
  /** early stopping was asked for but the classes were too small for an inner split */
  earlyStopSkipped: EarlyStopPlan['skipped'];
}

/**
 * Trains one head on cached rows and evaluates the delivered head on the validation images:
 * with early stopping on, an inner split of the training images is held out and watched, so
 * the validation split never chooses anything; with standardisation on, the statistics come
 * from the training rows and are folded into the head before it is evaluated.
 */
export async function fitHead({
  train,
  val,
  numClasses,
  settings,
  newHead,
  hooks,
  temperature,
}: FitInput): Promise<FitResult> {
  const all = [...train.labels.keys()];
  const early = earlyStopPlan(
    Array.from(train.labels),
    settings.earlyStopPatience ?? 0,
    settings.seed,
    train.groups,
    train.order,
  );
  const { inner } = early;
  const fitRows = gatherRows(train, inner ? inner.train : all, Math.min(augmentViewsFor(settings), train.views.length));
  const stopRows = inner ? gatherRows(train, inner.val) : null;
  const xValRaw = tf.tensor2d(val.plain, [val.labels.length, train.featureSize]);
  const stats = settings.featureNorm === 'standardise' ? await featureStats(fitRows.x) : null;
  const norm = (x: tf.Tensor2D) => (stats ? standardise(x, stats) : x);
  const x = norm(fitRows.x);
  const xStop = stopRows ? norm(stopRows.x) : undefined;
  const xVal = norm(xValRaw);
  const head = newHead();
  try {
    const loop = await trainHead(
      head,
      {
        x,
        labels: fitRows.labels,
        views: fitRows.views,
        xVal,
        valLabels: val.labels,
        numClasses,
        xStop,
        stopLabels: stopRows?.labels,
      },
      settings,
      hooks,
    );
    if (stats) foldStandardisation(head, stats);
    if (temperature) foldTemperature(head, temperature);
    return {
      head,
      loop,
      evaluation: await evaluateHead(head, xValRaw, val.labels, numClasses),
      held: inner?.val.length ?? 0,
      earlyStopSkipped: early.skipped,
    };
  } catch (err) {
    head.dispose();
    throw err;
  } finally {
    tf.dispose([...new Set([fitRows.x, stopRows?.x, xValRaw, x, xStop, xVal].filter((t) => t !== undefined))]);
  }
}
