import type { EpochMetrics } from '../core/train/epochs';
import { augmentViewsFor, type TrainSettings } from '../core/train/settings';
import type { TrainSummary } from '../worker/protocol';

// What a finished run leaves in the run history (kept across reloads by state/model-store.ts).

export interface BatchPoint {
  step: number;
  loss: number;
  /** a batch of the first model (plain features); the full model's batches follow it */
  first?: true;
}

export interface RunRecord {
  n: number;
  /** what set this run apart: fine-tuning or head, learning rate, views */
  label: string;
  valAccuracy: number;
  history: EpochMetrics[];
  /** validation loss of the epoch the model kept (runs from before these were recorded lack them) */
  valLoss?: number;
  /** extraction + training, in seconds */
  seconds?: number;
  /** the per-batch losses (thinned), so the batch chart comes back after a reload */
  batches?: BatchPoint[];
  /** what the run was trained with, to say what changed from the run before */
  settings?: TrainSettings;
}

/** At most this many per-batch points are kept with a run. */
const KEPT_BATCHES = 600;
export const thin = (points: BatchPoint[]) =>
  points.length <= KEPT_BATCHES ? points : points.filter((_, i) => i % Math.ceil(points.length / KEPT_BATCHES) === 0);

export function runLabel(s: TrainSettings, views: number): string {
  const what = s.unfreeze > 0 ? `fine-tune ${s.unfreeze} block${s.unfreeze > 1 ? 's' : ''}` : 'head only';
  return `${what}, lr ${s.learningRate}, ${s.hiddenUnits} units, dropout ${s.dropout}, ${views} views`;
}

/** What a finished run (`result`, the `n`th of the session) leaves in the history. */
export function recordRun(result: TrainSummary, n: number, batches: BatchPoint[]): RunRecord {
  return {
    n,
    label: runLabel(result.settings, augmentViewsFor(result.settings)),
    valAccuracy: result.valAccuracy,
    history: result.history,
    valLoss: (result.bestEpoch ? result.history[result.bestEpoch - 1] : result.history.at(-1))?.valLoss,
    seconds: result.seconds.extract + result.seconds.train,
    batches: thin(batches),
    settings: result.settings,
  };
}
