import { extent, formatValue, linear, niceTicks, ticksWithin, type ValueFormat } from './chart-scale';

export interface ChartPoint {
  x: number;
  y: number | undefined;
}
export interface ChartSeries {
  name: string;
  color: string;
  points: readonly ChartPoint[];
  dash?: number[];
  /** held until the next point (a learning-rate schedule), not joined by a slope */
  step?: boolean;
}
/** Plain data only: a chart's axes travel to the chart worker (chart.worker.ts) with every frame. */
export interface ChartAxes {
  x: { title: string; domain: [number, number]; ticks: number[] };
  y: { title: string; domain?: [number, number]; format?: ValueFormat; width?: number };
}
/** A series as the drawing needs it: x and y in typed arrays (a missing y is NaN), cheap to post to a worker. */
export interface PackedSeries {
  color: string;
  dash?: number[];
  step?: boolean;
  xs: Float64Array;
  ys: Float64Array;
}
/** A chart's own inks: tick labels and titles, grid, axis lines. */
export interface ChartInks {
  ink: string;
  grid: string;
  axis: string;
}
/** per colour scheme (colour-scheme.ts): the dark one keeps labels 4.5:1 and lines 3:1 on the dark surface */
export const CHART_INKS = {
  light: { ink: '#4b5563', grid: '#e5e7eb', axis: '#9ca3af' },
  dark: { ink: '#a3acb9', grid: '#374151', axis: '#6b7280' },
} as const satisfies Record<string, ChartInks>;

/** Everything one drawing of a chart needs, in CSS pixels and the screen's pixel ratio. */
export interface ChartFrame {
  width: number;
  height: number;
  ratio: number;
  series: PackedSeries[];
  axes: ChartAxes;
  /** the light scheme's when absent */
  inks?: ChartInks;
}

export function packSeries(series: readonly ChartSeries[]): PackedSeries[] {
  return series.map(({ color, dash, step, points }) => {
    const xs = new Float64Array(points.length);
    const ys = new Float64Array(points.length);
    points.forEach((p, i) => {
      xs[i] = p.x;
      ys[i] = p.y ?? NaN;
    });
    return { color, dash, step, xs, ys };
  });
}

/** The plot's left edge: the y axis's labels and title take the room to its left. */
export const plotLeft = (axes: ChartAxes): number => axes.y.width ?? 58;
/** The plot's right edge inside a chart `width` wide. */
export const plotRight = (width: number): number => width - 14;

const FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';

/** The y axis: a fixed domain, or round ticks from zero (or the lowest value below it) to the highest. */
function yScale(
  series: readonly PackedSeries[],
  fixed?: [number, number],
): { domain: [number, number]; ticks: number[] } {
  if (fixed) return { domain: fixed, ticks: ticksWithin(fixed) };
  const span = extent(series.flatMap((s) => Array.from(s.ys)));
  return span ? niceTicks(Math.min(0, span[0]), span[1]) : niceTicks(0, 1);
}

/**
 * Draws one chart: grid, ticks, axis titles and the lines, clipped to the plot. The same code runs
 * on the page's canvas and on an OffscreenCanvas in the chart worker; only plain data comes in.
 */
export function drawChart(canvas: HTMLCanvasElement | OffscreenCanvas, frame: ChartFrame): void {
  const { width, height, ratio, series, axes, inks = CHART_INKS.light } = frame;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  const plot = { left: plotLeft(axes), right: plotRight(width), top: 8, bottom: height - 36 };
  const xs = linear(axes.x.domain, plot.left, plot.right);
  const y = yScale(series, axes.y.domain);
  const ys = linear(y.domain, plot.bottom, plot.top);

  // grid and tick labels
  ctx.strokeStyle = inks.grid;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.fillStyle = inks.ink;
  ctx.beginPath();
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of y.ticks) {
    const py = Math.round(ys(t)) + 0.5;
    ctx.moveTo(plot.left, py);
    ctx.lineTo(plot.right, py);
    ctx.fillText(formatValue(axes.y.format, t), plot.left - 6, py);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of axes.x.ticks) {
    const px = Math.round(xs(t)) + 0.5;
    ctx.moveTo(px, plot.top);
    ctx.lineTo(px, plot.bottom);
    ctx.fillText(String(t), px, plot.bottom + 4);
  }
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.strokeStyle = inks.axis;
  ctx.beginPath();
  ctx.moveTo(plot.left + 0.5, plot.top);
  ctx.lineTo(plot.left + 0.5, plot.bottom + 0.5);
  ctx.lineTo(plot.right, plot.bottom + 0.5);
  ctx.stroke();

  // axis titles
  ctx.textBaseline = 'bottom';
  ctx.fillText(axes.x.title, (plot.left + plot.right) / 2, height - 2);
  ctx.save();
  ctx.translate(12, (plot.top + plot.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(axes.y.title, 0, 0);
  ctx.restore();

  // the lines, clipped to the plot
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.left, plot.top - 2, plot.right - plot.left, plot.bottom - plot.top + 4);
  ctx.clip();
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.setLineDash(s.dash ?? []);
    ctx.beginPath();
    let open = false;
    let lastY = 0;
    // a point with no neighbour is a line of no length, which the canvas draws as nothing: a dot instead
    const lone: [number, number][] = [];
    for (let i = 0; i < s.xs.length; i++) {
      if (!Number.isFinite(s.ys[i])) {
        open = false;
        continue;
      }
      const px = xs(s.xs[i]);
      const py = ys(s.ys[i]);
      if (!open && !Number.isFinite(s.ys[i + 1])) {
        lone.push([px, py]);
        continue;
      }
      if (!open) ctx.moveTo(px, py);
      else if (s.step) ctx.lineTo(px, lastY);
      if (open || !s.step) ctx.lineTo(px, py);
      open = true;
      lastY = py;
    }
    ctx.stroke();
    ctx.fillStyle = s.color;
    for (const [px, py] of lone) {
      ctx.beginPath();
      ctx.arc(px, py, 3, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
}
