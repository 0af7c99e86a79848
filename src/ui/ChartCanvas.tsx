import { useEffect, useRef, useState } from 'react';
import { formatValue, nearest } from './chart-scale';
import { drawChart, packSeries, plotLeft, plotRight, type ChartAxes, type ChartSeries } from './chart-draw';
import { paintOffThread, releaseCanvas } from './chart-painter';

export type { ChartAxes, ChartPoint, ChartSeries } from './chart-draw';

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
 * machine). The drawing itself runs in the chart worker where the browser can hand a canvas to
 * one (chart-painter.ts), on the page otherwise.
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
    const canvas = ref.current;
    if (!canvas || width === 0 || !visible) return;
    const frame = { width, height, ratio: window.devicePixelRatio || 1, series: packSeries(series), axes };
    if (!paintOffThread(canvas, frame)) drawChart(canvas, frame);
  }, [series, axes, width, height, visible]);

  useEffect(() => {
    const canvas = ref.current;
    return () => {
      if (canvas) releaseCanvas(canvas);
    };
  }, []);

  const main = series[0]?.points ?? [];
  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (main.length === 0 || width === 0) return;
    const box = e.currentTarget.getBoundingClientRect();
    const left = plotLeft(axes);
    const x =
      axes.x.domain[0] +
      ((e.clientX - box.left - left) / Math.max(1, plotRight(width) - left)) * (axes.x.domain[1] - axes.x.domain[0]);
    setHover(
      nearest(
        main.map((p) => p.x),
        x,
      ),
    );
  };
  const text = summary(series, axes.x.title, hover !== undefined && hover < main.length ? hover : undefined, (v) =>
    formatValue(axes.y.format, v),
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
