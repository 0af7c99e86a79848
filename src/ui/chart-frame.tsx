import { cloneElement, lazy, Suspense, useEffect, useLayoutEffect, useRef, useState, type ReactElement } from 'react';

/**
 * The SVG charts (the runs compared, the learning-rate finder's curve, the feature map) come from
 * recharts, which with its d3 and state libraries was about 40% of the page's own JavaScript, parsed
 * and run before the studio could start its worker. None of them has anything to draw on a fresh
 * page, so each loads on first use, and is fetched ahead (prefetchSvgCharts) once it is about to be
 * needed: the first run has ended, a sweep or a map is under way. The live charts are canvases
 * (ChartCanvas.tsx) and never needed it.
 */
const svgCharts = () => import('./svg-charts');
/** asked for ahead already (prefetchSvgCharts); a failed fetch may be asked for again */
let fetched = false;

/**
 * In place of a chart whose code could not be fetched (offline before the app was installed, or a
 * new version deployed since the page loaded): said where the chart would be, the rest of the panel
 * (its table, its values in words) still there.
 */
function ChartUnavailable() {
  return (
    <p className="chart-empty" role="note">
      This chart could not be loaded (its code did not arrive): reload the page to draw it.
    </p>
  );
}

/** A chart from svg-charts.tsx; where its code cannot be fetched, ChartUnavailable. */
function chart<K extends 'RunLines' | 'LrCurve' | 'MapChart'>(name: K) {
  return lazy(() =>
    svgCharts().then(
      (m) => ({ default: m[name] }),
      () => {
        fetched = false;
        return { default: ChartUnavailable as unknown as Awaited<ReturnType<typeof svgCharts>>[K] };
      },
    ),
  );
}
export const RunLines = chart('RunLines');
export const LrCurve = chart('LrCurve');
export const MapChart = chart('MapChart');

/** The SVG charts' code, fetched while the page is idle. */
export function prefetchSvgCharts(): void {
  if (fetched) return;
  fetched = true;
  const go = () => void svgCharts().catch(() => (fetched = false));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 2000 });
  else setTimeout(go, 0);
}

/** prefetchSvgCharts once `soon` holds: a chart is about to have something to draw */
export function usePrefetchSvgCharts(soon: boolean): void {
  useEffect(() => {
    if (soon) prefetchSvgCharts();
  }, [soon]);
}

/**
 * A chart's frame: the full width at a fixed height, its chart given the measured size (what
 * recharts' ResponsiveContainer did) once it has one, and an empty frame of that size while the
 * chart's code loads, so nothing below it moves.
 */
export function Sized({
  height,
  children,
}: {
  height: number;
  children: ReactElement<{ width?: number; height?: number }>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    setWidth(Math.floor(frame.getBoundingClientRect().width));
    const observer = new ResizeObserver((entries) => setWidth(Math.floor(entries[0]?.contentRect.width ?? 0)));
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="chart-frame" style={{ width: '100%', height }}>
      {width > 0 && <Suspense fallback={null}>{cloneElement(children, { width, height })}</Suspense>}
    </div>
  );
}
