import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMemo } from 'react';
import { useTraining } from '../state/training';
import { downsample } from './downsample';

const MAX_POINTS = 300;

function Figure({ label, points, children }: { label: string; points: number; children: React.ReactElement }) {
  return (
    <figure className="chart" aria-label={`${label}, ${points} points`} data-points={points}>
      <figcaption>{label}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        {children}
      </ResponsiveContainer>
    </figure>
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
      <Figure label="Loss per epoch" points={epochsAll.length}>
        <LineChart data={epochs} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" />
          <YAxis />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="loss" name="train loss" stroke="#2563eb" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="valLoss" name="validation loss" stroke="#dc2626" dot={false} isAnimationActive={false} />
        </LineChart>
      </Figure>
      <Figure label="Accuracy per epoch" points={epochsAll.length}>
        <LineChart data={epochs} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" />
          <YAxis domain={[0, 1]} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="accuracy" name="train accuracy" stroke="#2563eb" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="valAccuracy" name="validation accuracy" stroke="#dc2626" dot={false} isAnimationActive={false} />
        </LineChart>
      </Figure>
      <Figure label="Training loss per batch" points={batchesAll.length}>
        <LineChart data={batches} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" />
          <YAxis />
          <Tooltip />
          <Line type="linear" dataKey="loss" name="batch loss" stroke="#7c3aed" dot={false} isAnimationActive={false} />
        </LineChart>
      </Figure>
    </div>
  );
}
