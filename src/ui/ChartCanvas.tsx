import { useEffect, useRef, useState } from 'react';
import { extent, linear, nearest, niceTicks, short, ticksWithin } from './chart-scale';

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
export interface ChartAxes {
  x: { title: string; domain: [number, number]; ticks: number[] };
  y: { title: string; domain?: [number, number]; format?: (v: number) => string; width?: number };
}

const FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
const INK = '#4b5563';
const GRID = '#e5e7eb';
const AXIS = '#9ca3af';

/** The y axis: a fixed domain, or round ticks from zero (or the lowest value below it) to the highest. */
function yScale(
  series: readonly ChartSeries[],
  fixed?: [number, number],
): { domain: [number, number]; ticks: number[] } {
  if (fixed) return { domain: fixed, ticks: ticksWithin(fixed) };
  const span = extent(series.flatMap((s) => s.points.map((p) => p.y)));
  return span ? niceTicks(Math.min(0, span[0]), span[1]) : niceTicks(0, 1);
}

function draw(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  series: readonly ChartSeries[],
  axes: ChartAxes,
): void {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  const left = axes.y.width ?? 58;
  const plot = { left, right: width - 14, top: 8, bottom: height - 36 };
  const xs = linear(axes.x.domain, plot.left, plot.right);
  const y = yScale(series, axes.y.domain);
  const ys = linear(y.domain, plot.bottom, plot.top);
  const fmt = axes.y.format ?? short;

  // grid and tick labels
  ctx.strokeStyle = GRID;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.fillStyle = INK;
  ctx.beginPath();
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of y.ticks) {
    const py = Math.round(ys(t)) + 0.5;
    ctx.moveTo(plot.left, py);
    ctx.lineTo(plot.right, py);
    ctx.fillText(fmt(t), plot.left - 6, py);
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
  ctx.strokeStyle = AXIS;
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
    for (const p of s.points) {
      if (p.y === undefined || !Number.isFinite(p.y)) {
        open = false;
        continue;
      }
      const px = xs(p.x);
      const py = ys(p.y);
      if (!open) ctx.moveTo(px, py);
      else if (s.step) ctx.lineTo(px, lastY);
      if (open || !s.step) ctx.lineTo(px, py);
      open = true;
      lastY = py;
    }
    ctx.stroke();
  }
  ctx.restore();
}

/** What the chart says in words: the hovered point's values, or the newest ones. */
function summary(
  series: readonly ChartSeries[],
  xTitle: string,
  at: number | undefined,
  fmt: (v: number) => string,
): string {
  const main = series[0]?.points ?? [];
  if (main.length === 0) return '';
  const i = at === undefined ? main.length - 1 : at;
  const x = main[i]?.x;
  if (x === undefined) return '';
  const values = series
    .map((s) => {
      const p =
        s.points[
          nearest(
            s.points.map((q) => q.x),
            x,
          )
        ];
      return p && p.x === x && p.y !== undefined ? `${s.name} ${fmt(p.y)}` : undefined;
    })
    .filter(Boolean);
  return `${xTitle} ${x}: ${values.join(' · ')}`;
}

/**
 * A line chart drawn on a canvas. The live charts redraw at every epoch and batch; an SVG chart
 * library re-rendered hundreds of elements through React each time (55–700 ms tasks on a busy
 * machine), while a canvas redraw of a few hundred points is a millisecond or two.
 */
export function ChartCanvas({
  series,
  axes,
  height,
}: {
  series: readonly ChartSeries[];
  axes: ChartAxes;
  height: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<number | undefined>(undefined);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const observer = new ResizeObserver((entries) => setWidth(Math.floor(entries[0]?.contentRect.width ?? 0)));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  // a chart scrolled out of view (or in a folded step) is drawn when it comes back, with its newest points
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || typeof IntersectionObserver === 'undefined') return setVisible(true);
    const observer = new IntersectionObserver((entries) => setVisible(entries.at(-1)?.isIntersecting ?? false));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (ref.current && width > 0 && visible) draw(ref.current, width, height, series, axes);
  }, [series, axes, width, height, visible]);

  const main = series[0]?.points ?? [];
  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (main.length === 0 || width === 0) return;
    const box = e.currentTarget.getBoundingClientRect();
    const left = axes.y.width ?? 58;
    const x =
      axes.x.domain[0] +
      ((e.clientX - box.left - left) / Math.max(1, width - 14 - left)) * (axes.x.domain[1] - axes.x.domain[0]);
    setHover(
      nearest(
        main.map((p) => p.x),
        x,
      ),
    );
  };
  const text = summary(
    series,
    axes.x.title,
    hover !== undefined && hover < main.length ? hover : undefined,
    axes.y.format ?? short,
  );
  return (
    <>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name}>
            <span className="chart-swatch" style={{ borderColor: s.color, borderStyle: s.dash ? 'dashed' : 'solid' }} />
            {s.name}
          </li>
        ))}
      </ul>
      <canvas
        ref={ref}
        className="chart-canvas"
        style={{ height }}
        aria-hidden="true"
        onPointerMove={onMove}
        onPointerLeave={() => setHover(undefined)}
      />
      <p className="chart-summary">{text}</p>
    </>
  );
}
