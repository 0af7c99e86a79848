// No tfjs here: the page shows these next to the calibration table, and tfjs stays in the worker.

export type TimedFigure = 'forwardMsBatch1' | 'forwardMsBatch8' | 'headStepMs' | 'finetuneStepMs';

/** The best of each figure among the backends measured so far. */
export type CalibrationBar = Partial<Record<TimedFigure, number>>;

/**
 * A figure this many times the best so far cannot make its backend the fastest: repeating it would
 * only add seconds (a software WebGPU's batch-8 forward is seconds a run) to learn how much slower.
 */
export const CLEARLY_SLOWER = 3;

const FIGURES: readonly TimedFigure[] = ['forwardMsBatch1', 'forwardMsBatch8', 'headStepMs', 'finetuneStepMs'];

/** The best of each figure over the rows measured so far (what the next backend is held against). */
export function barOf(
  rows: readonly ({ ok: boolean } & Partial<Record<TimedFigure, number | null>>)[],
): CalibrationBar {
  const bar: CalibrationBar = {};
  for (const r of rows) {
    if (!r.ok) continue;
    for (const key of FIGURES) {
      const v = r[key];
      if (typeof v === 'number' && v > 0 && v < (bar[key] ?? Infinity)) bar[key] = v;
    }
  }
  return bar;
}
