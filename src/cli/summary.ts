import type { TrainOutcome } from '../core/pipeline';
import type { TrainSettings } from '../core/train/settings';

/** The --json contract: keys other tools read. Add freely, never rename. */
export interface RunSummary {
  backbone: string;
  backend: string;
  classes: string[];
  images: { train: number; val: number };
  valAccuracy: number;
  perClassAccuracy: Record<string, number>;
  perClass: Record<string, { count: number; accuracy: number; precision: number; f1: number }>;
  confusion: number[][];
  seconds: { extract: number; train: number; total: number };
  epochs: number;
  /** early stopping: the epoch whose weights the model holds (null when off) */
  bestEpoch: number | null;
  history: TrainOutcome['history'];
  skipped: TrainOutcome['skipped'];
  settings: TrainSettings;
}

export function summarise(backboneId: string, backend: string, o: TrainOutcome, settings: TrainSettings, totalSeconds: number): RunSummary {
  return {
    backbone: backboneId,
    backend,
    classes: o.classes,
    images: o.images,
    valAccuracy: o.valAccuracy,
    perClassAccuracy: Object.fromEntries(o.classes.map((c, i) => [c, o.perClass[i].accuracy])),
    perClass: Object.fromEntries(o.classes.map((c, i) => [c, o.perClass[i]])),
    confusion: o.confusion,
    seconds: { ...o.seconds, total: totalSeconds },
    epochs: o.history.length,
    bestEpoch: o.bestEpoch ?? null,
    history: o.history,
    skipped: o.skipped,
    settings,
  };
}
