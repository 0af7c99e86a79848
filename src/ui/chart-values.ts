import type { ChartPoint, ChartSeries } from './chart-draw';

/**
 * A chart's points as rows of a table: one per x (epoch, batch) any series has, with each series'
 * value there or undefined. The canvas is hidden from screen readers and its hover is for a
 * pointer: this is every point in words, for the keyboard and screen readers, so it takes a
 * chart's own points, never the thinned ones its canvas draws (chart-series.ts).
 */
export function valueRows(series: readonly ChartSeries[]): { x: number; values: (number | undefined)[] }[] {
  const at = series.map((s) => new Map(s.points.map((p) => [p.x, p.y])));
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  return xs.map((x) => ({ x, values: at.map((m) => m.get(x)) }));
}

/** the most rows a chart's values table holds: a long run has tens of thousands of batches */
export const MAX_VALUE_ROWS = 500;

/**
 * The newest `max` rows of valueRows, and how many rows there are in all. Open during a long run,
 * the whole table (25,000 batches) was rebuilt at every update, 1.7 s a render.
 */
export function newestRows(
  series: readonly ChartSeries[],
  max = MAX_VALUE_ROWS,
): { rows: ReturnType<typeof valueRows>; total: number } {
  // each series' newest `max` points hold every x of the newest `max` rows (points are sorted by x)
  const rows = valueRows(series.map((s) => ({ ...s, points: s.points.slice(-max) })));
  const total = new Set(series.flatMap((s) => s.points.map((p) => p.x))).size;
  return { rows: rows.slice(-max), total };
}

/**
 * The index of the point whose x is nearest `x`, in points sorted by x: a binary search on the
 * points themselves, as a chart's summary is written at every redraw and pointer move of a run
 * with thousands of batches.
 */
export function nearestPoint(points: readonly ChartPoint[], x: number): number {
  let lo = 0;
  let hi = points.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].x < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(points[lo - 1].x - x) <= Math.abs(points[lo].x - x) ? lo - 1 : lo;
}

/**
 * What a chart says under its canvas: each series' value at the first series' point nearest
 * `at` (where the pointer is, in x units), or at its newest point. It takes the chart's own points,
 * so it names a real epoch or batch and the value Evaluate shows for it, not a drawn bucket's mean.
 */
export function chartSummary(
  series: readonly ChartSeries[],
  xTitle: string,
  at: number | undefined,
  fmt: (v: number) => string,
): string {
  const main = series[0]?.points ?? [];
  if (main.length === 0) return '';
  const x = main[at === undefined ? main.length - 1 : nearestPoint(main, at)]?.x;
  if (x === undefined) return '';
  const values = series
    .map((s) => {
      const p = s.points[nearestPoint(s.points, x)];
      return p && p.x === x && p.y !== undefined ? `${s.name} ${fmt(p.y)}` : undefined;
    })
    .filter(Boolean);
  return `${xTitle} ${x}: ${values.join(' · ')}`;
}
