import { recordFor, type RunRecord } from '../state/run-record';
import type { TrainSummary } from '../worker/protocol';

/**
 * The run the shown model came from, to say what changed since it: its own record, found by its
 * figures; else the newest run while the shown model is known to be its (`latest`), else none. An
 * older model chosen again ("Use that model instead") and read back after a reload was compared with
 * the newest run, and named changes it never had.
 */
export function shownRun(result: TrainSummary, runs: readonly RunRecord[], latest: boolean): RunRecord | undefined {
  return recordFor(result, runs) ?? (latest ? runs.at(-1) : undefined);
}

/**
 * That run in words, for "These results are from …": an older model chosen again ("Use that model
 * instead") was said to be the last run's.
 */
export function shownRunName(result: TrainSummary, runs: readonly RunRecord[], latest: boolean): string {
  const run = shownRun(result, runs, latest);
  return !run || run === runs.at(-1) ? 'the last run' : `run ${run.n}`;
}
