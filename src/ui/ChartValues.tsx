import { useState } from 'react';
import type { ChartSeries } from './chart-draw';
import { readValue, type ValueFormat } from './chart-scale';
import { newestRows } from './chart-values';
import { ScrollingTable } from './ScrollingTable';

/** what of a chart's axes the table writes (a ChartAxes, or a recharts chart's own) */
type ValuesAxes = { x: { title: string }; y: { format?: ValueFormat } };

/**
 * A chart's values as a table, behind a disclosure: built only while open, as the live charts
 * change at every epoch and batch of a run.
 */
export function ChartValues({
  label,
  axes,
  series,
}: {
  label: string;
  axes: ValuesAxes;
  series: readonly ChartSeries[];
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="chart-values" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Values<span className="visually-hidden"> of {label}</span>
      </summary>
      {open && <ValuesTable label={label} axes={axes} series={series} />}
    </details>
  );
}

/** "epoch" → "epochs", "batch" → "batches" */
const plural = (word: string) => (/(ch|sh|s|x)$/.test(word) ? `${word}es` : `${word}s`);

export function ValuesTable({
  label,
  axes,
  series,
}: {
  label: string;
  axes: ValuesAxes;
  series: readonly ChartSeries[];
}) {
  const { rows, total } = newestRows(series);
  // in the table's own name: a screen reader jumping by table hears that rows are left out
  const part = total > rows.length ? `the newest ${rows.length} of ${total} ${plural(axes.x.title)}` : '';
  return (
    <>
      {part && <p className="hint">{part.charAt(0).toUpperCase() + part.slice(1)}.</p>}
      <ScrollingTable label={`${label}: values${part ? ` (${part})` : ''}`} className="chart-values-scroll">
        <thead>
          <tr>
            <th scope="col">{axes.x.title}</th>
            {series.map((s) => (
              <th scope="col" className="num" key={s.name}>
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.x}>
              <th scope="row">{row.x}</th>
              {row.values.map((v, i) => (
                <td className="num" key={series[i].name}>
                  {v === undefined || !Number.isFinite(v) ? '—' : readValue(axes.y.format, v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
    </>
  );
}
