import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { memo, useEffect, useMemo, useState } from 'react';
import type { EpochMetrics } from '../core/train/epochs';
import { isRunning, useTraining, type BatchPoint } from '../state/training';
import { downsample } from './downsample';
import { drawSoon } from './draw-queue';

const MAX_POINTS = 300;
const HEIGHT = 170;
/** colour for meaning, the same in every chart: training blue, validation orange */
export const SERIES = { train: '#2563eb', validation: '#c2410c', rate: '#475569' } as const;

/**
 * A captioned chart; `name` is its accessible name when the point count is not the useful part.
 * Before its first point it shows what it waits for instead of an empty frame.
 */
export function Figure({ label, name, points, waiting, children }: { label: string; name?: string; points: number; waiting?: string; children: React.ReactElement }) {
  return (
    <figure className="chart" aria-label={name ?? `${label}, ${points} points`} data-points={points}>
      <figcaption>{label}</figcaption>
      {points === 0 && waiting ? (
        <div className="chart-empty" style={{ height: HEIGHT }}>
          {waiting}
        </div>
      ) : (
        <ResponsiveContainer width="100%" height={HEIGHT}>
          {children}
        </ResponsiveContainer>
      )}
    </figure>
  );
}

/** `value`, redrawn in its turn (draw-queue.ts): each chart renders in a task of its own. */
function useQueued<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const [key] = useState(() => ({}));
  useEffect(() => {
    if (value !== shown) drawSoon(key, () => setShown(value));
  }, [value, shown, key]);
  return shown;
}

export const CHART_MARGIN = { top: 8, right: 16, bottom: 20, left: 8 };
const UNIT: [number, number] = [0, 1];
const axisLabel = (value: string, angle = 0) =>
  angle ? { value, angle, position: 'insideLeft' as const, style: { textAnchor: 'middle' as const }, offset: 4 } : { value, position: 'insideBottom' as const, offset: -12 };

/**
 * The queued epochs for a chart. The subscribing wrapper re-renders at every store update; the
 * memoised chart below it only when its queued value arrives, in its own task.
 */
const useQueuedEpochs = () => useQueued(useTraining((s) => s.epochs));

/** Round tick values for an epoch axis from 1 to `span` (1, 20, 40, … rather than 1, 101, 201). */
export function epochTicks(span: number): number[] {
  const raw = Math.max(1, span / 5);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const ticks = [1];
  for (let t = step; t <= span; t += step) if (t > 1) ticks.push(t);
  return ticks;
}

/** The epoch axis: the planned run while it runs, the epochs it really had once it ended (an early stop shrinks it). */
function useEpochSpan(): number {
  return useQueued(useTraining((s) => (isRunning(s.status) ? Math.max(s.epochsPlanned, s.epochs.length) : s.epochs.length)));
}
const WAITING = 'Waiting for the first epoch…';

interface TrainValProps {
  label: string;
  train: keyof EpochMetrics;
  val: keyof EpochMetrics;
  what: string;
  domain?: [number, number];
}

/** One metric per epoch, training and validation side by side. */
const TrainValFigure = memo(function TrainValFigure(props: TrainValProps & { epochs: EpochMetrics[]; span: number; first: EpochMetrics[] }) {
  const { epochs, span, first } = props;
  const data = useMemo(() => downsample(epochs, MAX_POINTS, 'epoch'), [epochs]);
  return (
    <Figure label={props.label} points={epochs.length} waiting={first.length ? undefined : WAITING}>
      <LineChart accessibilityLayer={false} data={data} margin={CHART_MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="epoch" type="number" domain={[1, Math.max(span, 2)]} ticks={epochTicks(Math.max(span, 2))} label={axisLabel('epoch')} />
        <YAxis domain={props.domain} width={52} label={axisLabel(props.what, -90)} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))} />
        <Tooltip />
        <Legend verticalAlign="top" height={20} iconSize={10} />
        <Line type="monotone" dataKey={props.train} name={`train ${props.what}`} stroke={SERIES.train} strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line type="monotone" dataKey={props.val} name={`validation ${props.what}`} stroke={SERIES.validation} strokeWidth={2} dot={false} isAnimationActive={false} />
        {/* a two-phase run: the first model's (plain features) validation curve stays beside the full model's */}
        {first.length > 0 && (
          <Line data={first} type="monotone" dataKey={props.val} name={`first model, validation ${props.what}`} stroke={SERIES.rate} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
        )}
      </LineChart>
    </Figure>
  );
});

const NONE: EpochMetrics[] = [];

function TrainValChart(props: TrainValProps) {
  const first = useTraining((s) => (s.phase === 'final' || s.result?.phase === 'final' ? s.first?.epochs : undefined) ?? NONE);
  return <TrainValFigure {...props} epochs={useQueuedEpochs()} span={Math.max(useEpochSpan(), first.length)} first={first} />;
}

const BatchLossFigure = memo(function BatchLossFigure({ batches }: { batches: BatchPoint[] }) {
  const data = useMemo(() => downsample(batches, MAX_POINTS, 'step'), [batches]);
  return (
    <Figure label="Training loss per batch" points={batches.length} waiting="Waiting for the first batch…">
      <LineChart accessibilityLayer={false} data={data} margin={CHART_MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} label={axisLabel('batch')} />
        <YAxis width={52} label={axisLabel('loss', -90)} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))} />
        <Tooltip />
        <Line type="linear" dataKey="loss" name="batch loss" stroke={SERIES.train} dot={false} isAnimationActive={false} />
      </LineChart>
    </Figure>
  );
});

function BatchLossChart() {
  return <BatchLossFigure batches={useQueued(useTraining((s) => s.batches))} />;
}

const LearningRateFigure = memo(function LearningRateFigure({ epochs, span }: { epochs: EpochMetrics[]; span: number }) {
  const data = useMemo(() => downsample(epochs, MAX_POINTS, 'epoch'), [epochs]);
  return (
    <Figure label="Learning rate per epoch" points={epochs.length} waiting={WAITING}>
      <LineChart accessibilityLayer={false} data={data} margin={{ ...CHART_MARGIN, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="epoch" type="number" domain={[1, Math.max(span, 2)]} ticks={epochTicks(Math.max(span, 2))} label={axisLabel('epoch')} />
        <YAxis tickFormatter={(v: number) => v.toExponential(1)} width={64} label={axisLabel('learning rate', -90)} />
        <Tooltip />
        <Line type="stepAfter" dataKey="lr" name="learning rate" stroke={SERIES.rate} strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </Figure>
  );
});

function LearningRateChart() {
  return <LearningRateFigure epochs={useQueuedEpochs()} span={useEpochSpan()} />;
}

/**
 * Live charts: animation off (streaming points would queue transitions), one chart redrawn per
 * task (draw-queue.ts). They appear with the first run (not as empty frames on a fresh page) and
 * are mounted before its first epoch, each in its own task.
 */
export function Charts() {
  const shown = useQueued(useTraining((s) => isRunning(s.status) || s.epochs.length > 0 || s.batches.length > 0));
  // hidden only for a stored history from before epochs recorded their rate
  const hasLr = useTraining((s) => s.epochs.length === 0 || s.epochs.some((e) => e.lr !== undefined));
  if (!shown) return null;
  return (
    <div className="charts">
      <TrainValChart label="Loss per epoch" train="loss" val="valLoss" what="loss" />
      <TrainValChart label="Accuracy per epoch" train="accuracy" val="valAccuracy" what="accuracy" domain={UNIT} />
      <BatchLossChart />
      {hasLr && <LearningRateChart />}
    </div>
  );
}
