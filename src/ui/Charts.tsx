import { memo, useEffect, useMemo, useState } from 'react';
import type { EpochMetrics } from '../core/train/epochs';
import { isRunning, useTraining, type BatchPoint, type TrainingState } from '../state/training';
import { useStoreSoon } from './useStoreSoon';
import { inTurn, leaveTurn } from './frame-turns';
import { epochTicks, niceTicks, runningEpochSpan, type ValueFormat } from './chart-scale';
import { ChartCanvas, type ChartAxes } from './ChartCanvas';
import {
  batchLossSeries,
  learningRateSeries,
  plannedSchedule,
  rateChanges,
  steadyRateText,
  trainValSeries,
  xRange,
  type ChartData,
  type FirstModelNaming,
} from './chart-series';
import { ChartValues } from './ChartValues';
import { penaltyText } from './loss-words';
import { chartWaiting } from './train-panel-rules';
import { batchChartView } from './batch-chart-rule';
import { useChartSize } from '../state/chart-size';
import { onPart } from '../state/run-record';

/** the canvas's height, compact (two charts a row on a desktop) and "Larger charts" (one a row) */
const CANVAS_HEIGHT = 136;
/** 300 px: a curve's bends read at 1280 × 800, and one chart with its legend and summary still fits the window */
const LARGE_CANVAS_HEIGHT = 300;
/** the legend line above a canvas and the summary line below it: a waiting chart takes their room too */
const AROUND_CANVAS = 34;

/**
 * `value`, redrawn in its turn (frame-turns.ts): each chart renders, commits and draws in a task of
 * its own after a frame, and is laid out and painted in the next. Redrawn inside an animation
 * frame (flushSync in requestAnimationFrame), a chart's render, canvas draw, layout and paint were
 * one task: 35-65 ms frames under 4× CPU throttling when the charts first drew.
 */
function useQueued<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const [key] = useState(() => ({}));
  useEffect(() => {
    if (value !== shown) inTurn(key, () => setShown(value));
  }, [value, shown, key]);
  useEffect(() => () => leaveTurn(key), [key]);
  return shown;
}

const UNIT: [number, number] = [0, 1];

const epochsOf = (s: TrainingState) => s.epochs;
/**
 * The queued epochs for a chart. The subscribing wrapper re-renders (as a transition, useStoreSoon)
 * at every store update; the memoised chart below it only when its queued value arrives, in its own task.
 */
const useQueuedEpochs = () => useQueued(useStoreSoon(useTraining, epochsOf));

const epochSpan = (s: TrainingState) =>
  isRunning(s.status) ? runningEpochSpan(s.epochs.length, s.epochsPlanned) : s.epochs.length;
/** The epoch axis: growing with the run while it runs, the epochs it really had once it ended. */
function useEpochSpan(): number {
  return useQueued(useStoreSoon(useTraining, epochSpan));
}
/** "Waiting for the first epoch…" while a run goes; once it has ended, that none came (train-panel-rules.ts). */
const runningNow = (s: TrainingState) => isRunning(s.status);
const useWaiting = (what: 'epoch' | 'batch') => chartWaiting(what, useStoreSoon(useTraining, runningNow));

function epochAxis(span: number): ChartAxes['x'] {
  const end = Math.max(span, 2);
  return { title: 'epoch', domain: [1, end], ticks: epochTicks(end) };
}

/** A live chart in its figure: the caption, then what it waits for or the canvas. */
function LiveFigure({
  label,
  count,
  waiting,
  series,
  axes,
  height,
}: {
  label: string;
  count: number;
  waiting?: string;
  series: ChartData;
  axes: ChartAxes;
  height: number;
}) {
  return (
    <figure className="chart" aria-label={`${label}, ${count} points`} data-points={count}>
      <figcaption>{label}</figcaption>
      {count === 0 && waiting ? (
        <div className="chart-empty" style={{ height: height + AROUND_CANVAS }}>
          {waiting}
        </div>
      ) : (
        <>
          <ChartCanvas series={series.drawn} values={series.values} axes={axes} height={height} />
          <ChartValues label={label} axes={axes} series={series.values} />
        </>
      )}
    </figure>
  );
}

interface TrainValProps {
  label: string;
  train: keyof EpochMetrics;
  val: keyof EpochMetrics;
  what: string;
  domain?: [number, number];
  format?: ValueFormat;
  /** the canvas's height */
  height: number;
}

/** One metric per epoch, training and validation side by side. */
const TrainValFigure = memo(function TrainValFigure(
  props: TrainValProps & {
    epochs: EpochMetrics[];
    span: number;
    first: EpochMetrics[];
    naming: FirstModelNaming;
    waiting: string;
  },
) {
  const { epochs, span, first, naming, train, val, what, domain, format } = props;
  const series = useMemo(
    () => trainValSeries(epochs, first, train, val, what, naming),
    [epochs, first, train, val, what, naming],
  );
  const axes = useMemo<ChartAxes>(
    () => ({ x: epochAxis(span), y: { title: what, domain, format } }),
    [span, what, domain, format],
  );
  return (
    <LiveFigure
      label={props.label}
      count={epochs.length}
      waiting={first.length ? undefined : props.waiting}
      series={series}
      axes={axes}
      height={props.height}
    />
  );
});

const NONE: EpochMetrics[] = [];

/** a two-phase run's first model, charted beside the full model's epochs (and kept there by a Stop that keeps it) */
export const firstEpochs = (s: TrainingState) =>
  (s.phase === 'final' || s.result?.phase === 'final' || s.first?.besideFull ? s.first?.epochs : undefined) ?? NONE;

/**
 * How the epoch charts name a two-phase run's first model (chart-series.ts FirstModelNaming): its
 * epochs are the charts' own in its phase and when a Stop kept it before the full model's epochs
 * began. A plain object: useStoreSoon re-renders only when one of its values changes.
 */
export const firstModelNaming = (s: TrainingState): FirstModelNaming => {
  const ended = !isRunning(s.status);
  const own = s.phase === 'first' || (ended && s.result?.phase === 'first' && !s.first?.besideFull);
  // a run under way has no first model of its own until its first phase ends (the result is the last run's)
  const first = s.first ?? (ended && s.result?.phase === 'first' ? s.result : null);
  return { own, part: first && onPart(first) ? `${first.images.val} of ${first.partOf!.val}` : undefined };
};

function TrainValChart(props: TrainValProps) {
  const first = useStoreSoon(useTraining, firstEpochs);
  const naming = useStoreSoon(useTraining, firstModelNaming);
  return (
    <TrainValFigure
      {...props}
      epochs={useQueuedEpochs()}
      span={Math.max(useEpochSpan(), first.length)}
      first={first}
      naming={naming}
      waiting={useWaiting('epoch')}
    />
  );
}

const BatchLossFigure = memo(function BatchLossFigure({
  batches,
  waiting,
  height,
}: {
  batches: BatchPoint[];
  waiting: string;
  height: number;
}) {
  const series = useMemo(() => batchLossSeries(batches), [batches]);
  const axes = useMemo<ChartAxes>(() => {
    // each model's batches counted from 1 (chart-series.ts): the axis spans the longer of the two
    const [lo, top] = xRange(series.values) ?? [1, 2];
    const hi = Math.max(top, lo + 1);
    return {
      x: {
        title: 'batch',
        domain: [lo, hi],
        ticks: niceTicks(lo, hi).ticks.filter((t) => t >= lo && t <= hi && Number.isInteger(t)),
      },
      y: { title: 'loss' },
    };
  }, [series]);
  return (
    <LiveFigure
      label="Training loss per batch"
      count={batches.length}
      waiting={waiting}
      series={series}
      axes={axes}
      height={height}
    />
  );
});

const batchesOf = (s: TrainingState) => s.batches;

function BatchLossChart({ height }: { height: number }) {
  return (
    <BatchLossFigure
      batches={useQueued(useStoreSoon(useTraining, batchesOf))}
      waiting={useWaiting('batch')}
      height={height}
    />
  );
}

const LearningRateFigure = memo(function LearningRateFigure({
  epochs,
  span,
  waiting,
  height,
}: {
  epochs: EpochMetrics[];
  span: number;
  waiting: string;
  height: number;
}) {
  const series = useMemo(() => learningRateSeries(epochs), [epochs]);
  const axes = useMemo<ChartAxes>(
    () => ({ x: epochAxis(span), y: { title: 'learning rate', format: 'exponential', width: 70 } }),
    [span],
  );
  return (
    <LiveFigure
      label="Learning rate per epoch"
      count={epochs.length}
      waiting={waiting}
      series={series}
      axes={axes}
      height={height}
    />
  );
});

function LearningRateChart({ height }: { height: number }) {
  return (
    <LearningRateFigure
      epochs={useQueuedEpochs()}
      span={useEpochSpan()}
      waiting={useWaiting('epoch')}
      height={height}
    />
  );
}

const batchView = (s: TrainingState) =>
  batchChartView({
    batches: s.batches,
    epochs: s.epochs,
    firstEpochs: s.first?.epochs,
    running: isRunning(s.status),
    phase: s.phase,
  });

const chartsShown = (s: TrainingState) => isRunning(s.status) || s.epochs.length > 0 || s.batches.length > 0;

const CHART = 'chart';
/**
 * The learning rate as a chart when it changes during the run (a schedule: the run's settings say so
 * from its start; once it has ended, its epochs do), as a line of words when it stays the same, and
 * not at all for a stored history from before epochs recorded their rate. A string, so the
 * selector's result compares equal between updates.
 */
/** the L2 penalty left out of the train loss, said once the run has an epoch (loss-words.ts); a string, as rateView */
const penaltyView = (s: TrainingState): string => penaltyText(s.epochs);

const rateView = (s: TrainingState): string => {
  if (s.epochs.length > 0 && s.epochs.every((e) => e.lr === undefined)) return '';
  return rateChanges(s.epochs, isRunning(s.status) ? plannedSchedule(s.settings) : undefined)
    ? CHART
    : steadyRateText(s.epochs);
};

/**
 * Live charts, drawn on canvases (ChartCanvas.tsx), one chart redrawn per frame (frame-turns.ts). They appear with the first run (not as empty frames on a fresh page) and
 * are mounted before its first epoch; the loss per batch only once an epoch is known to have
 * several batches (batch-chart-rule.ts): one batch an epoch, it repeated the loss per epoch.
 * "Larger charts" (kept on this device, state/chart-size.ts) lays them one a row, taller.
 */
export function Charts() {
  // mounted as a transition, in slices (redrawn in one turn each, the four charts mounted in one frame: 63 ms, 4x, load 13)
  const shown = useStoreSoon(useTraining, chartsShown);
  const rate = useStoreSoon(useTraining, rateView);
  const batches = useStoreSoon(useTraining, batchView);
  const penalty = useStoreSoon(useTraining, penaltyView);
  // the switch itself is not deferred: the button answers at once, every chart redrawn at its new size
  const large = useChartSize((s) => s.large);
  const setLarge = useChartSize((s) => s.setLarge);
  if (!shown) return null;
  const height = large ? LARGE_CANVAS_HEIGHT : CANVAS_HEIGHT;
  return (
    <div className={large ? 'charts charts-large' : 'charts'}>
      {/* first, before the charts (charts.css sets it at the right end of their first captions): a
          switch grows them below it, and the button stays where it was pressed */}
      <button type="button" className="chart-size" aria-pressed={large} onClick={() => setLarge(!large)}>
        Larger charts
      </button>
      <TrainValChart label="Loss per epoch" train="loss" val="valLoss" what="loss" height={height} />
      {/* in % as Evaluate says it: an axis of 0–1 beside a headline of 85.0% read as two measures */}
      <TrainValChart
        label="Accuracy per epoch"
        train="accuracy"
        val="valAccuracy"
        what="accuracy"
        domain={UNIT}
        format="percent"
        height={height}
      />
      {/* one batch an epoch: left out without a word, as a line explaining a missing chart was read as
          one more thing to understand */}
      {batches === 'chart' && <BatchLossChart height={height} />}
      {rate === CHART ? (
        <LearningRateChart height={height} />
      ) : (
        rate && (
          <p className="hint chart-rate" data-testid="steady-rate">
            {rate}
          </p>
        )
      )}
      {penalty && (
        <p className="hint chart-rate" data-testid="loss-penalty">
          {penalty}
        </p>
      )}
    </div>
  );
}
