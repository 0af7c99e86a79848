// The studio's SVG charts, in a chunk of their own with recharts (chart-frame.tsx loads it on first
// use). Each takes its size from the frame it is drawn in (Sized).
import { memo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  type LegendPayload,
  type TooltipContentProps,
} from 'recharts';
import { decadeTicks, epochTicks, formatValue, readValue, type ValueFormat } from './chart-scale';
import { schemeColour, useColourScheme } from './colour-scheme';
import { mapImages, type DrawnPoint, type MapView } from './embedding-points';
import { runColour, runDash } from './run-series';
import { seriesColour, seriesFill, seriesHollow, seriesShape } from './series-style';
import { useClassesSoon } from './useProjectSoon';

interface Size {
  width?: number;
  height?: number;
}

/**
 * One metric per epoch, a line per finished run (RunComparison.tsx). `format` writes its ticks and
 * hovered values as the values table does: an accuracy in % (0.87 → "87%"), a loss as a number.
 */
export function RunLines({
  data,
  runs,
  domain,
  format,
  width,
  height,
}: Size & {
  data: readonly Record<string, number>[];
  runs: readonly number[];
  domain?: [number, number];
  format?: ValueFormat;
}) {
  const scheme = useColourScheme();
  const tick = (v: unknown) => formatValue(format, Number(v));
  const value = (v: unknown) => readValue(format, Number(v));
  // the live charts' epoch ticks (1, 20, 40…): recharts' categories wrote every third epoch of 100
  const span = Math.max(2, ...data.map((d) => d.epoch));
  return (
    <LineChart
      accessibilityLayer={false}
      data={data as Record<string, number>[]}
      width={width}
      height={height}
      margin={{ top: 8, right: 16, bottom: 20, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        dataKey="epoch"
        type="number"
        domain={[1, span]}
        ticks={epochTicks(span)}
        label={{ value: 'epoch', position: 'insideBottom', offset: -12 }}
      />
      <YAxis domain={domain} width={52} tickFormatter={tick} />
      <Tooltip formatter={value} labelFormatter={(epoch) => `epoch ${String(epoch)}`} />
      {/* above the plot: below it, the legend sat on the axis's 'epoch' title */}
      <Legend verticalAlign="top" height={24} />
      {runs.map((n) => (
        <Line
          key={n}
          // straight between epochs, as the live charts draw them: a spline waved between 50% and 75%
          type="linear"
          dataKey={`run${n}`}
          name={`run ${n}`}
          stroke={schemeColour(runColour(n), scheme)}
          strokeDasharray={runDash(n)}
          dot={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}

const sci = (v: number) => v.toExponential(0);

/** The learning-rate finder's smoothed loss against the rate, log scale, the suggestion marked (LrFinder.tsx). */
export function LrCurve({
  points,
  suggestion,
  width,
  height,
}: Size & { points: readonly { lr: number; loss: number }[]; suggestion: number | null }) {
  const scheme = useColourScheme();
  const rates = points.map((p) => p.lr);
  const ticks = rates.length ? decadeTicks(Math.min(...rates), Math.max(...rates)) : undefined;
  return (
    <LineChart
      accessibilityLayer={false}
      data={points as { lr: number; loss: number }[]}
      width={width}
      height={height}
      margin={{ top: 20, right: 16, bottom: 8, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        dataKey="lr"
        type="number"
        scale="log"
        domain={['dataMin', 'dataMax']}
        ticks={ticks}
        tickFormatter={sci}
        allowDataOverflow
      />
      <YAxis domain={['auto', 'auto']} />
      <Tooltip
        labelFormatter={(v) => `learning rate ${Number(v).toExponential(2)}`}
        formatter={(v) => Number(v).toFixed(4)}
      />
      <Line
        type="monotone"
        dataKey="loss"
        name="smoothed loss"
        stroke={schemeColour('#2563eb', scheme)}
        dot={false}
        isAnimationActive={false}
      />
      {suggestion !== null && (
        <ReferenceLine
          x={suggestion}
          stroke={schemeColour('#16a34a', scheme)}
          strokeDasharray="4 2"
          label={{ value: 'suggested', position: 'top' }}
        />
      )}
    </LineChart>
  );
}

/** a hovered point: its image's name looked up now, its class as the map has it */
function PointTip({ active, payload, classes }: Partial<TooltipContentProps> & { classes: readonly string[] }) {
  const project = useClassesSoon();
  const point = active ? (payload?.[0]?.payload as DrawnPoint | undefined) : undefined;
  if (!point) return null;
  const name = mapImages(project, [point.id]).get(point.id)?.image.file.name ?? point.id;
  return (
    <div className="recharts-default-tooltip point-tip">
      <strong>{name}</strong>
      <br />
      {classes[point.cls]} · PC 1 {point.x.toFixed(2)} · PC 2 {point.y.toFixed(2)}
    </div>
  );
}

// recharts colours a legend label with the series' fill, white for a hollow one
const legendLabel = (value: unknown, entry: LegendPayload) => (
  <span style={{ color: entry.dot?.stroke ?? entry.color }}>{String(value)}</span>
);

/**
 * The feature map's scatter (EmbeddingView.tsx), memoised apart so that a project change (a rename,
 * a move, a webcam recording's 10 commits a second) re-renders the panel around it but not its
 * points: they come from the map's data and classes only.
 */
export const MapChart = memo(function MapChart({
  view,
  classes,
  width,
  height,
}: Size & { view: MapView; classes: readonly string[] }) {
  const scheme = useColourScheme();
  return (
    <ScatterChart
      accessibilityLayer={false}
      width={width}
      height={height}
      margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis type="number" dataKey="x" name="PC 1" tickFormatter={(v: number) => v.toFixed(1)} />
      <YAxis type="number" dataKey="y" name="PC 2" tickFormatter={(v: number) => v.toFixed(1)} />
      <Tooltip content={<PointTip classes={classes} />} />
      <Legend formatter={legendLabel} />
      {view.series.map((s, k) => (
        <Scatter
          key={`${k}-${s.name}`}
          name={s.name}
          data={s.points}
          fill={schemeColour(seriesFill(k), scheme)}
          stroke={seriesHollow(k) ? schemeColour(seriesColour(k), scheme) : undefined}
          shape={seriesShape(k)}
          isAnimationActive={false}
        />
      ))}
    </ScatterChart>
  );
});
