import { useMemo, useState } from 'react';
import type { EpochMetrics } from '../core/train/trainer';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useTraining, type RunRecord } from '../state/training';
import { Figure } from './Charts';

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#7c3aed', '#ea580c', '#0891b2', '#be185d', '#4d7c0f'];

type Metric = 'valAccuracy' | 'valLoss' | 'accuracy' | 'loss';
const METRICS: Record<Metric, { name: string; domain?: [number, number] }> = {
  valAccuracy: { name: 'Validation accuracy', domain: [0, 1] },
  valLoss: { name: 'Validation loss' },
  accuracy: { name: 'Training accuracy', domain: [0, 1] },
  loss: { name: 'Training loss' },
};

/** One row per epoch with each run's value of `metric` under its own key. */
function byEpoch(runs: RunRecord[], metric: keyof EpochMetrics) {
  const longest = Math.max(...runs.map((r) => r.history.length));
  return Array.from({ length: longest }, (_, i) => {
    const row: Record<string, number> = { epoch: i + 1 };
    for (const r of runs) if (r.history[i]) row[`run${r.n}`] = r.history[i][metric] as number;
    return row;
  });
}

/** Every finished run of the session side by side: one metric per epoch (the user picks which), and a table. */
export function RunComparison() {
  const runs = useTraining((s) => s.runs);
  const [metric, setMetric] = useState<Metric>('valAccuracy');
  const data = useMemo(() => byEpoch(runs, metric), [runs, metric]);
  if (runs.length < 2) return null;
  return (
    <section aria-labelledby="runs-title" className="runs">
      <h3 id="runs-title">Runs of this project</h3>
      <label>
        Compare
        <select value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
          {Object.entries(METRICS).map(([key, m]) => (
            <option key={key} value={key}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <Figure label={`${METRICS[metric].name} per epoch, every run`} name={`${METRICS[metric].name} per epoch, ${runs.length} runs`} points={data.length}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" />
          <YAxis domain={METRICS[metric].domain} />
          <Tooltip />
          <Legend />
          {runs.map((r) => (
            <Line key={r.n} type="monotone" dataKey={`run${r.n}`} name={`run ${r.n}`} stroke={COLOURS[(r.n - 1) % COLOURS.length]} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </Figure>
      <table aria-label="Runs of this project">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Settings</th>
            <th scope="col">Epochs</th>
            <th scope="col">Validation accuracy</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.n}>
              <td>{r.n}</td>
              <td>{r.label}</td>
              <td>{r.history.length}</td>
              <td>{(r.valAccuracy * 100).toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
