import { wilsonInterval } from '../core/train/interval';
import type { TrainSummary } from '../worker/protocol';

/** the fields a result gained after earlier versions kept some in storage and in project zips */
type Later = 'valAccuracyInterval' | 'resumedFrom' | 'startedFrom';
export type OlderSummary = Omit<TrainSummary, Later> & Partial<Pick<TrainSummary, Later>>;

/**
 * A result an earlier version kept, with what it lacked filled in: the interval from its accuracy
 * and validation count (as a run works it out), no resume and no starting point. Evaluate read the
 * interval unguarded and failed on such a result; a project zip holding one did not open its model.
 */
export function upgradeResult(r: OlderSummary): TrainSummary {
  if (r.valAccuracyInterval && r.resumedFrom !== undefined && r.startedFrom !== undefined) return r as TrainSummary;
  const val = r.images?.val ?? 0;
  return {
    ...r,
    valAccuracyInterval:
      r.valAccuracyInterval ??
      (Number.isFinite(r.valAccuracy) ? wilsonInterval(Math.round(r.valAccuracy * val), val) : [0, 1]),
    resumedFrom: r.resumedFrom ?? null,
    startedFrom: r.startedFrom ?? null,
  };
}
