import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import type { EpochMetrics } from '../core/train/trainer';
import { useTraining } from '../state/training';
import { downsample } from './downsample';

const MAX_POINTS = 300;
/**
 * Each live chart redraws this much after the one before it. Drawn together, one update of the
 * four recharts charts blocked the main thread 55-125 ms on a 2-core machine (the worker has the
 * other core); one chart per task stays under the 50 ms a frame may take.
 */
const STAGGER_MS = 60;

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

/** `value`, `lagMs` after it changed (0: at once); a newer value restarts the wait. */
function useLagged<T>(value: T, lagMs: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (!lagMs) return;
    const timer = setTimeout(() => startTransition(() => setShown(value)), lagMs);
    return () => clearTimeout(timer);
  }, [value, lagMs]);
  return lagMs ? shown : value;
}

function useEpochs(lagMs: number) {
  const all = useLagged(useTraining((s) => s.epochs), lagMs);
  return { all, data: useMemo(() => downsample(all, MAX_POINTS, 'epoch'), [all]) };
}

const margin = { top: 8, right: 16, bottom: 8, left: 0 };

/** One metric per epoch, training and validation side by side. */
const TrainValChart = memo(function TrainValChart(props: {
  label: string;
  train: keyof EpochMetrics;
  val: keyof EpochMetrics;
  what: string;
  domain?: [number, number];
  lagMs: number;
}) {
  const { all, data } = useEpochs(props.lagMs);
  const planned = useTraining((s) => s.epochsPlanned);
  return (
    <Figure label={props.label} points={all.length}>
      <LineChart data={data} margin={margin}>
        <CartesianGrid strokeDasharray="3 3" />
        {/* the planned run's whole width from the start: the axes are drawn before the first point and stay put */}
        <XAxis dataKey="epoch" type="number" domain={[1, Math.max(planned, all.length, 2)]} allowDecimals={false} />
        <YAxis domain={props.domain} />
        <Tooltip />
        <Legend />
        <Line type="monotone" dataKey={props.train} name={`train ${props.what}`} stroke="#2563eb" dot={false} isAnimationActive={false} />
        <Line type="monotone" dataKey={props.val} name={`validation ${props.what}`} stroke="#dc2626" dot={false} isAnimationActive={false} />
      </LineChart>
    </Figure>
  );
});

const BatchLossChart = memo(function BatchLossChart({ lagMs }: { lagMs: number }) {
  const all = useLagged(useTraining((s) => s.batches), lagMs);
  const data = useMemo(() => downsample(all, MAX_POINTS, 'step'), [all]);
  return (
    <Figure label="Training loss per batch" points={all.length}>
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

const LearningRateChart = memo(function LearningRateChart({ lagMs }: { lagMs: number }) {
  const { all, data } = useEpochs(lagMs);
  return (
    <Figure label="Learning rate per epoch" points={all.length}>
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

/** Live charts: animation off (streaming points would queue transitions), one chart redrawn per task. */
export function Charts() {
  // mounted before the first epoch (mounting it with the first points was a long task of its own);
  // hidden only for a stored history from before epochs recorded their rate
  const hasLr = useTraining((s) => s.epochs.length === 0 || s.epochs.some((e) => e.lr !== undefined));
  return (
    <div className="charts">
      <TrainValChart label="Loss per epoch" train="loss" val="valLoss" what="loss" lagMs={STAGGER_MS / 2} />
      <TrainValChart label="Accuracy per epoch" train="accuracy" val="valAccuracy" what="accuracy" domain={[0, 1]} lagMs={1.5 * STAGGER_MS} />
      <BatchLossChart lagMs={2.5 * STAGGER_MS} />
      {hasLr && <LearningRateChart lagMs={3.5 * STAGGER_MS} />}
    </div>
  );
}
