import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMemo } from 'react';
import type { EpochMetrics } from '../core/train/trainer';
import { useTraining } from '../state/training';
import { downsample } from './downsample';

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

/** One metric per epoch, training and validation side by side. */
function TrainValChart(props: {
  label: string;
  data: EpochMetrics[];
  points: number;
  train: keyof EpochMetrics;
  val: keyof EpochMetrics;
  what: string;
  domain?: [number, number];
}) {
  return (
    <Figure label={props.label} points={props.points}>
      <LineChart data={props.data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="epoch" />
        <YAxis domain={props.domain} />
        <Tooltip />
        <Legend />
        <Line type="monotone" dataKey={props.train} name={`train ${props.what}`} stroke="#2563eb" dot={false} isAnimationActive={false} />
        <Line type="monotone" dataKey={props.val} name={`validation ${props.what}`} stroke="#dc2626" dot={false} isAnimationActive={false} />
      </LineChart>
    </Figure>
  );
}

/** Live charts; animation is off so streaming points do not queue transitions. */
export function Charts() {
  const batchesAll = useTraining((s) => s.batches);
  const epochsAll = useTraining((s) => s.epochs);
  const batches = useMemo(() => downsample(batchesAll, MAX_POINTS, 'step'), [batchesAll]);
  const epochs = useMemo(() => downsample(epochsAll, MAX_POINTS, 'epoch'), [epochsAll]);
  return (
    <div className="charts">
      <TrainValChart label="Loss per epoch" data={epochs} points={epochsAll.length} train="loss" val="valLoss" what="loss" />
      <TrainValChart label="Accuracy per epoch" data={epochs} points={epochsAll.length} train="accuracy" val="valAccuracy" what="accuracy" domain={[0, 1]} />
      <Figure label="Training loss per batch" points={batchesAll.length}>
        <LineChart data={batches} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" />
          <YAxis />
          <Tooltip />
          <Line type="linear" dataKey="loss" name="batch loss" stroke="#7c3aed" dot={false} isAnimationActive={false} />
        </LineChart>
      </Figure>
      {epochsAll.some((e) => e.lr !== undefined) && (
        <Figure label="Learning rate per epoch" points={epochsAll.length}>
          <LineChart data={epochs} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="epoch" />
            <YAxis tickFormatter={(v: number) => v.toExponential(1)} width={64} />
            <Tooltip />
            <Line type="stepAfter" dataKey="lr" name="learning rate" stroke="#16a34a" dot={false} isAnimationActive={false} />
          </LineChart>
        </Figure>
      )}
    </div>
  );
}
