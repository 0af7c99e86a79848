import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { memo, useEffect, useMemo, useState } from 'react';
import type { EpochMetrics } from '../core/train/trainer';
import { useTraining, type BatchPoint } from '../state/training';
import { downsample } from './downsample';
import { drawSoon } from './draw-queue';

const MAX_POINTS = 300;

/** A captioned chart; `name` is its accessible name when the point count is not the useful part. */
export function Figure({ label, name, points, children }: { label: string; name?: string; points: number; children: React.ReactElement }) {
  return (
    <figure className="chart" aria-label={name ?? `${label}, ${points} points`} data-points={points}>
      <figcaption>{label}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        {children}
      </ResponsiveContainer>
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

const NONE: EpochMetrics[] = [];
const margin = { top: 8, right: 16, bottom: 8, left: 0 };
const UNIT: [number, number] = [0, 1];

/**
 * The queued epochs for a chart. The subscribing wrapper re-renders at every store update; the
 * memoised chart below it only when its queued value arrives, in its own task.
 */
const useQueuedEpochs = () => useQueued(useTraining((s) => s.epochs));

interface TrainValProps {
  label: string;
  train: keyof EpochMetrics;
  val: keyof EpochMetrics;
  what: string;
  domain?: [number, number];
}

/** One metric per epoch, training and validation side by side. */
const TrainValFigure = memo(function TrainValFigure(props: TrainValProps & { epochs: EpochMetrics[]; planned: number; first: EpochMetrics[] }) {
  const { epochs, planned, first } = props;
  const data = useMemo(() => downsample(epochs, MAX_POINTS, 'epoch'), [epochs]);
  return (
    <Figure label={props.label} points={epochs.length}>
      <LineChart data={data} margin={margin}>
        <CartesianGrid strokeDasharray="3 3" />
        {/* the planned run's whole width from the start: the axes are drawn before the first point and stay put */}
        <XAxis dataKey="epoch" type="number" domain={[1, Math.max(planned, epochs.length, first.length, 2)]} allowDecimals={false} />
        <YAxis domain={props.domain} />
        <Tooltip />
        <Legend />
        <Line type="monotone" dataKey={props.train} name={`train ${props.what}`} stroke="#2563eb" dot={false} isAnimationActive={false} />
        <Line type="monotone" dataKey={props.val} name={`validation ${props.what}`} stroke="#dc2626" dot={false} isAnimationActive={false} />
        {/* a two-phase run: the first model's (plain features) validation curve stays beside the full model's */}
        {first.length > 0 && (
          <Line data={first} type="monotone" dataKey={props.val} name={`first model, validation ${props.what}`} stroke="#6b7280" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
        )}
      </LineChart>
    </Figure>
  );
});

function TrainValChart(props: TrainValProps) {
  const first = useTraining((s) => (s.phase === 'final' || s.result?.phase === 'final' ? s.first?.epochs : undefined) ?? NONE);
  return <TrainValFigure {...props} epochs={useQueuedEpochs()} planned={useTraining((s) => s.epochsPlanned)} first={first} />;
}

const BatchLossFigure = memo(function BatchLossFigure({ batches }: { batches: BatchPoint[] }) {
  const data = useMemo(() => downsample(batches, MAX_POINTS, 'step'), [batches]);
  return (
    <Figure label="Training loss per batch" points={batches.length}>
      <LineChart data={data} margin={margin}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="step" />
        <YAxis />
        <Tooltip />
        <Line type="linear" dataKey="loss" name="batch loss" stroke="#7c3aed" dot={false} isAnimationActive={false} />
      </LineChart>
    </Figure>
  );
});

function BatchLossChart() {
  return <BatchLossFigure batches={useQueued(useTraining((s) => s.batches))} />;
}

const LearningRateFigure = memo(function LearningRateFigure({ epochs }: { epochs: EpochMetrics[] }) {
  const data = useMemo(() => downsample(epochs, MAX_POINTS, 'epoch'), [epochs]);
  return (
    <Figure label="Learning rate per epoch" points={epochs.length}>
      <LineChart data={data} margin={margin}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="epoch" />
        <YAxis tickFormatter={(v: number) => v.toExponential(1)} width={64} />
        <Tooltip />
        <Line type="stepAfter" dataKey="lr" name="learning rate" stroke="#16a34a" dot={false} isAnimationActive={false} />
      </LineChart>
    </Figure>
  );
});

function LearningRateChart() {
  return <LearningRateFigure epochs={useQueuedEpochs()} />;
}

/** Live charts: animation off (streaming points would queue transitions), one chart redrawn per task (draw-queue.ts). */
export function Charts() {
  // mounted before the first epoch (mounting it with the first points was a long task of its own);
  // hidden only for a stored history from before epochs recorded their rate
  const hasLr = useTraining((s) => s.epochs.length === 0 || s.epochs.some((e) => e.lr !== undefined));
  return (
    <div className="charts">
      <TrainValChart label="Loss per epoch" train="loss" val="valLoss" what="loss" />
      <TrainValChart label="Accuracy per epoch" train="accuracy" val="valAccuracy" what="accuracy" domain={UNIT} />
      <BatchLossChart />
      {hasLr && <LearningRateChart />}
    </div>
  );
}
