import type { EpochMetrics } from '../core/train/epochs';
import { resolveSettings, type LrSchedule, type TrainSettings } from '../core/train/settings';
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

const isValue = (y: number | undefined) => y !== undefined && Number.isFinite(y);
/**
 * The series with a value to draw. The legend, the summary line and the Values table all read
 * these: at the full model's start the legend named "train loss" and "validation loss" over an
 * empty canvas beside the first model's curve, as if those lines were there.
 */
const withPoints = (series: ChartSeries[]) => series.filter((s) => s.points.some((p) => isValue(p.y)));

/** The lowest and highest x of any series' points (the batch axis: both models counted from 1). */
export function xRange(series: readonly ChartSeries[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    if (s.points.length) {
      lo = Math.min(lo, s.points[0].x);
      hi = Math.max(hi, s.points[s.points.length - 1].x);
    }
  return lo <= hi ? [lo, hi] : undefined;
}

/**
 * Which model a two-phase run's epochs belong to, as the charts name them. `own`: the epochs charted
 * are the first model's (its phase, or a Stop kept it before the full model began): named "train
 * loss" they read as the run's model while the batch chart beside them said "quick first model".
 * `part`: the first model was validated on part of the validation images ("16 of 24"): its curve
 * ended at 100% beside Evaluate's 95.8% on all 24, with nothing to say the two differ.
 */
export interface FirstModelNaming {
  own?: boolean;
  part?: string;
}

const FIRST = 'quick first model, ';

/** One metric per epoch, training and validation, and a two-phase run's first model's validation beside them. */
export function trainValSeries(
  epochs: readonly EpochMetrics[],
  first: readonly EpochMetrics[],
  train: keyof EpochMetrics,
  val: keyof EpochMetrics,
  what: string,
  naming: FirstModelNaming = {},
): ChartData {
  const onPart = naming.part ? ` on ${naming.part} images` : '';
  const owner = naming.own ? FIRST : '';
  const values: ChartSeries[] = [
    {
      name: `${owner}train ${what}`,
      color: SERIES.train,
      points: points(
        epochs,
        (e) => e.epoch,
        (e) => e[train],
      ),
    },
    {
      name: `${owner}validation ${what}${naming.own ? onPart : ''}`,
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
      name: `${FIRST}validation ${what}${onPart}`,
      color: SERIES.rate,
      dash: [4, 3],
      points: points(
        first,
        (e) => e.epoch,
        (e) => e[val],
      ),
    });
  const shown = withPoints(values);
  return { values: shown, drawn: shown.map(thin) };
}

/**
 * The loss of every batch. In a two-phase run the first model's batches are a line of their own
 * (dashed), and the full model's batches are counted from 1 again: numbered on from the first
 * model's (from about batch 60), its line read as the same run going on. The full model starts
 * from a fresh head, so its loss jumps up where it begins, and a drawn point averaging both would
 * put the first model's losses on the full model's line.
 */
export function batchLossSeries(batches: readonly BatchPoint[]): ChartData {
  const isFirst = (b: BatchPoint) => b.first === true;
  const fullStart = batches.findIndex((b) => !isFirst(b));
  const offset = fullStart > 0 && batches.some(isFirst) ? batches[fullStart].step - 1 : 0;
  const counted = offset ? batches.map((b) => (isFirst(b) ? b : { ...b, step: b.step - offset })) : batches;
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
    const firstLine = { name: `${FIRST}batch loss`, color: SERIES.rate, dash: [4, 3], points: line(first) };
    // the newest batches first: the chart's summary line and hover read its first series
    return full.length
      ? [{ name: 'full model, batch loss', color: SERIES.train, points: line(full) }, firstLine]
      : [firstLine];
  };
  // thinned as one series, each bucket within one phase: the drawn points stay near MAX_POINTS in all
  return { values: lines(counted), drawn: lines(downsample(counted, MAX_POINTS, 'step', isFirst)) };
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

/** The schedule a run's settings give its learning rate (the automatic recipe trains at a constant one). */
export function plannedSchedule(settings: TrainSettings): LrSchedule {
  const r = resolveSettings(settings);
  return r.recipe === 'auto' ? 'constant' : (r.lrSchedule ?? 'constant');
}

const sameRate = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/**
 * Whether the learning rate moves in a run: under a schedule (known from its start), or where its
 * epochs' rates differ. A constant rate drawn as a chart was a flat line taking a quarter of the view.
 */
export function rateChanges(epochs: readonly EpochMetrics[], schedule: LrSchedule | undefined): boolean {
  if (schedule && schedule !== 'constant') return true;
  const rates = epochs.map((e) => e.lr).filter((lr): lr is number => lr !== undefined);
  return rates.some((lr) => !sameRate(lr, rates[0]));
}

/** A rate that does not change, in words instead of a chart; empty before an epoch says it. */
export function steadyRateText(epochs: readonly EpochMetrics[]): string {
  const lr = epochs.find((e) => e.lr !== undefined)?.lr;
  return lr === undefined ? '' : `Learning rate: ${Number(lr.toPrecision(3))}, the same every epoch.`;
}
