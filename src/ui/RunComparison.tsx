import { useMemo, useState } from 'react';
import { useTraining, type TrainingState } from '../state/training';
import { useStoreSoon } from './useStoreSoon';
import { RunLines, Sized, usePrefetchSvgCharts } from './chart-frame';
import { changed, duration } from './run-changes';
import { FigureHeading, ScrollingTable } from './ScrollingTable';
import { ChartValues } from './ChartValues';
import { byEpoch, runSeries } from './run-series';
import { pct } from './percent';
import type { ValueFormat } from './chart-scale';

type Metric = 'valAccuracy' | 'valLoss' | 'accuracy' | 'loss';
// an accuracy reads in % on the axis and in the values, as the results and the train status say it
const METRICS: Record<Metric, { name: string; domain?: [number, number]; format?: ValueFormat }> = {
  valAccuracy: { name: 'Validation accuracy', domain: [0, 1], format: 'percent' },
  valLoss: { name: 'Validation loss' },
  accuracy: { name: 'Training accuracy', domain: [0, 1], format: 'percent' },
  loss: { name: 'Training loss' },
};

const runsOf = (s: TrainingState) => s.runs;

/** Every finished run of the session side by side: one metric per epoch (the user picks which), and a table. */
export function RunComparison() {
  // a transition (useStoreSoon): the run's end, which adds one, renders its chart in slices
  const runs = useStoreSoon(useTraining, runsOf);
  const [metric, setMetric] = useState<Metric>('valAccuracy');
  const data = useMemo(() => byEpoch(runs, metric), [runs, metric]);
  const series = useMemo(() => runSeries(runs, metric), [runs, metric]);
  // the chart's code comes once a second run is on its way
  usePrefetchSvgCharts(runs.length >= 1);
  if (runs.length < 2) return null;
  return (
    <section aria-labelledby="runs-title" className="runs">
      <h3 id="runs-title">Runs of this project</h3>
      <label>
        Compare{' '}
        <select value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
          {Object.entries(METRICS).map(([key, m]) => (
            <option key={key} value={key}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <figure
        className="chart"
        aria-label={`${METRICS[metric].name} per epoch, ${runs.length} runs`}
        data-points={data.length}
      >
        <figcaption>{`${METRICS[metric].name} per epoch, every run`}</figcaption>
        <Sized height={170}>
          <RunLines
            data={data}
            runs={runs.map((r) => r.n)}
            domain={METRICS[metric].domain}
            format={METRICS[metric].format}
          />
        </Sized>
      </figure>
      <ChartValues
        label={`${METRICS[metric].name} per epoch, every run`}
        axes={{ x: { title: 'epoch' }, y: { format: METRICS[metric].format } }}
        series={series}
      />
      <ScrollingTable label="Runs of this project">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">What changed</th>
            <FigureHeading>Epochs</FigureHeading>
            <FigureHeading>Validation accuracy</FigureHeading>
            <FigureHeading>Validation loss</FigureHeading>
            <FigureHeading>Duration</FigureHeading>
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => (
            <tr key={r.n}>
              <th scope="row">{r.n}</th>
              <td>
                {changed(r, runs[i - 1])}
                {i > 0 && <div className="hint">{r.label}</div>}
              </td>
              <td className="num">{r.history.length}</td>
              <td className="num">{pct(r.valAccuracy)}</td>
              <td className="num">{r.valLoss === undefined ? '—' : r.valLoss.toFixed(4)}</td>
              <td className="num">{duration(r.seconds)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
    </section>
  );
}
