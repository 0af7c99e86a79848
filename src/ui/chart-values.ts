import type { ChartSeries } from './chart-draw';

/**
 * A chart's points as rows of a table: one per x (epoch, batch) any series has, with each series'
 * value there or undefined. The canvas is hidden from screen readers and its hover is for a
 * pointer: this is every point in words, for the keyboard and screen readers.
 */
export function valueRows(series: readonly ChartSeries[]): { x: number; values: (number | undefined)[] }[] {
  const at = series.map((s) => new Map(s.points.map((p) => [p.x, p.y])));
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  return xs.map((x) => ({ x, values: at.map((m) => m.get(x)) }));
}
