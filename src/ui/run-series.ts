import type { EpochMetrics } from '../core/train/epochs';
import type { RunRecord } from '../state/run-record';
import type { ChartSeries } from './chart-draw';
import { seriesColour, seriesDash } from './series-style';

// The run comparison's data: recharts reads one row per epoch, the values table one series per run.

/** A run keeps its colour when runs before it are discarded: it is taken from the run's number. */
export const runColour = (n: number) => seriesColour(n - 1);
export const runDash = (n: number) => seriesDash(n - 1);

/** Each run's value of `metric` per epoch, as the values table reads a chart's series. */
export function runSeries(runs: RunRecord[], metric: keyof EpochMetrics): ChartSeries[] {
  return runs.map((r) => ({
    name: `run ${r.n}`,
    color: runColour(r.n),
    points: r.history.map((h, i) => ({ x: i + 1, y: h[metric] as number })),
  }));
}

/** One row per epoch with each run's value of `metric` under its own key. */
export function byEpoch(runs: RunRecord[], metric: keyof EpochMetrics) {
  const longest = Math.max(...runs.map((r) => r.history.length));
  return Array.from({ length: longest }, (_, i) => {
    const row: Record<string, number> = { epoch: i + 1 };
    for (const r of runs) if (r.history[i]) row[`run${r.n}`] = r.history[i][metric] as number;
    return row;
  });
}
