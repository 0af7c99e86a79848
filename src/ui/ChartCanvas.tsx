import { useEffect, useRef, useState } from 'react';
import { readValue } from './chart-scale';
import { chartSummary, nearestPoint } from './chart-values';
import { drawChart, packSeries, plotLeft, plotRight, type ChartAxes, type ChartSeries } from './chart-draw';
import { paintOffThread, releaseCanvas } from './chart-painter';
import { chartInks, schemeColour, useColourScheme } from './colour-scheme';

export type { ChartAxes, ChartPoint, ChartSeries } from './chart-draw';

/**
 * A line chart drawn on a canvas. The live charts redraw at every epoch and batch; an SVG chart
 * library re-rendered hundreds of elements through React each time (55–700 ms tasks on a busy
 * machine). The drawing itself runs in the chart worker where the browser can hand a canvas to
 * one (chart-painter.ts), on the page otherwise.
 * `series` is what it draws (thinned for a long run, chart-series.ts); `values` the same series
 * with every point, for the line under it that says a point's values in words.
 */
export function ChartCanvas({
  series,
  values = series,
  axes,
  height,
}: {
  series: readonly ChartSeries[];
  values?: readonly ChartSeries[];
  axes: ChartAxes;
  height: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  /** the x of the point under the pointer */
  const [hover, setHover] = useState<number | undefined>(undefined);
  const scheme = useColourScheme();

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
    const shown = series.map((s) => ({ ...s, color: schemeColour(s.color, scheme) }));
    const frame = {
      width,
      height,
      ratio: window.devicePixelRatio || 1,
      series: packSeries(shown),
      axes,
      inks: chartInks(scheme),
    };
    if (!paintOffThread(canvas, frame)) drawChart(canvas, frame);
  }, [series, axes, width, height, visible, scheme]);

  useEffect(() => {
    const canvas = ref.current;
    return () => {
      if (canvas) releaseCanvas(canvas);
    };
  }, []);

  const main = values[0]?.points ?? [];
  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (main.length === 0 || width === 0) return;
    const box = e.currentTarget.getBoundingClientRect();
    const left = plotLeft(axes);
    const x =
      axes.x.domain[0] +
      ((e.clientX - box.left - left) / Math.max(1, plotRight(width) - left)) * (axes.x.domain[1] - axes.x.domain[0]);
    // the nearest point's own x, not the pointer's: moving within one point's reach re-renders nothing
    setHover(main[nearestPoint(main, x)].x);
  };
  const text = chartSummary(values, axes.x.title, hover, (v) => readValue(axes.y.format, v));
  return (
    <>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name}>
            <span
              className="chart-swatch"
              style={{ borderColor: schemeColour(s.color, scheme), borderStyle: s.dash ? 'dashed' : 'solid' }}
            />
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
