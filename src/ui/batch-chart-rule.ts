import type { EpochMetrics } from '../core/train/epochs';
import type { BatchPoint } from '../state/run-record';

/**
 * What the Train step shows for the loss per batch: the chart; a line saying each epoch was one
 * batch ('one'); or nothing yet ('wait').
 */
export type BatchChartView = 'chart' | 'one' | 'wait';

export interface BatchChartInput {
  batches: readonly BatchPoint[];
  /** the epochs on the chart: a two-phase run's full model's once it began */
  epochs: readonly EpochMetrics[];
  /** a two-phase run's first model's epochs, when it has some */
  firstEpochs?: readonly EpochMetrics[];
  running: boolean;
  phase: 'first' | 'final' | null;
}

/**
 * The automatic recipe trains the whole training set as one batch (AUTO_BATCH), so its loss per
 * batch was the loss per epoch point for point, a second chart saying nothing new. The chart is
 * kept where an epoch has several batches (fine-tuning, the manual recipe's batch size).
 *
 * Judged on the full model's batches once it has some: a two-phase run's first model trains at
 * the default batch size whatever the full model does, and a chart drawn for it and taken away at
 * the full model's start would jump. Points are numbered by step, so a stored run's thinned list
 * (run-record.ts thin) still counts its batches, within the gap it leaves between points.
 */
export function batchChartView({ batches, epochs, firstEpochs, running, phase }: BatchChartInput): BatchChartView {
  const full = batches.filter((b) => !b.first);
  // while the first model trains, or the full model has not reached its first batch: its batches decide
  const judged = full.length ? full : running && phase ? [] : batches;
  const on = full.length || !firstEpochs?.length ? epochs.length : firstEpochs.length;
  // an ended run with nothing to judge keeps the chart and its "No batches were recorded"
  if (!judged.length || !on) return running ? 'wait' : 'chart';
  let gap = 1;
  for (let i = 1; i < judged.length; i++) gap = Math.max(gap, judged[i].step - judged[i - 1].step);
  const count = judged[judged.length - 1].step - judged[0].step + 1;
  // a running epoch's batch can come before its epoch: one batch an epoch shows one batch ahead
  const ahead = running ? 1 : 0;
  // after one epoch, two batches are either one an epoch and the next begun, or two an epoch
  if (running && on === 1 && count === 2) return 'wait';
  // fewer batches than epochs (a resumed run's earlier epochs have none): not known to be one, charted
  return count <= on + ahead && count >= on - 2 * (gap - 1) ? 'one' : 'chart';
}
