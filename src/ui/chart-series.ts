import type { EpochMetrics } from '../core/train/epochs';
import type { BatchPoint } from '../state/run-record';
import type { ChartPoint, ChartSeries } from './chart-draw';
import { downsample } from './downsample';

/** the most points per series a live chart's canvas draws (4× CPU throttling: see Charts.tsx) */
export const MAX_POINTS = 300;
/** colour for meaning, the same in every chart: training blue, validation orange */
export const SERIES = { train: '#2563eb', validation: '#c2410c', rate: '#475569' } as const;

/**
 * A live chart's series twice: `values`, every epoch or batch as it was, for what the chart says
 * in words (its summary line and Values table); `drawn`, the same series thinned for the canvas.
 */
export interface ChartData {
  values: ChartSeries[];
  drawn: ChartSeries[];
}

const points = <T>(rows: readonly T[], x: (r: T) => number, y: (r: T) => number | undefined): ChartPoint[] =>
  rows.map((r) => ({ x: x(r), y: y(r) }));

const thin = (s: ChartSeries): ChartSeries => ({ ...s, points: downsample(s.points, MAX_POINTS, 'x') });

/** One metric per epoch, training and validation, and a two-phase run's first model's validation beside them. */
export function trainValSeries(
  epochs: readonly EpochMetrics[],
  first: readonly EpochMetrics[],
  train: keyof EpochMetrics,
  val: keyof EpochMetrics,
  what: string,
): ChartData {
  const values: ChartSeries[] = [
    {
      name: `train ${what}`,
      color: SERIES.train,
      points: points(
        epochs,
        (e) => e.epoch,
        (e) => e[train],
      ),
    },
    {
      name: `validation ${what}`,
      color: SERIES.validation,
      points: points(
        epochs,
        (e) => e.epoch,
        (e) => e[val],
      ),
    },
  ];
  if (first.length > 0)
    values.push({
      name: `first model, validation ${what}`,
      color: SERIES.rate,
      dash: [4, 3],
      points: points(
        first,
        (e) => e.epoch,
        (e) => e[val],
      ),
    });
  return { values, drawn: values.map(thin) };
}

/**
 * The loss of every batch. In a two-phase run the first model's batches are a line of their own:
 * the full model starts from a fresh head, so its loss jumps up where it begins, and a drawn point
 * averaging both would put the first model's losses on the full model's line.
 */
export function batchLossSeries(batches: readonly BatchPoint[]): ChartData {
  const isFirst = (b: BatchPoint) => b.first === true;
  const lines = (rows: readonly BatchPoint[]): ChartSeries[] => {
    const line = (part: readonly BatchPoint[]) =>
      points(
        part,
        (b) => b.step,
        (b) => b.loss,
      );
    const first = rows.filter(isFirst);
    if (!first.length) return [{ name: 'batch loss', color: SERIES.train, points: line(rows) }];
    const full = rows.filter((b) => !isFirst(b));
    const firstLine = { name: 'first model, batch loss', color: SERIES.rate, dash: [4, 3], points: line(first) };
    // the newest batches first: the chart's summary line and hover read its first series
    return full.length ? [{ name: 'batch loss', color: SERIES.train, points: line(full) }, firstLine] : [firstLine];
  };
  // thinned as one series, each bucket within one phase: the drawn points stay near MAX_POINTS in all
  return { values: lines(batches), drawn: lines(downsample(batches, MAX_POINTS, 'step', isFirst)) };
}

/** The learning rate of every epoch, a step series. */
export function learningRateSeries(epochs: readonly EpochMetrics[]): ChartData {
  const values: ChartSeries[] = [
    {
      name: 'learning rate',
      color: SERIES.rate,
      step: true,
      points: points(
        epochs,
        (e) => e.epoch,
        (e) => e.lr,
      ),
    },
  ];
  return { values, drawn: values.map(thin) };
}
