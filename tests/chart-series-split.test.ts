import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import type { BatchPoint } from '../src/state/training';
import {
  batchLossSeries,
  MAX_POINTS,
  plannedSchedule,
  rateChanges,
  steadyRateText,
  trainValSeries,
  xRange,
} from '../src/ui/chart-series';
import { chartSummary, newestRows } from '../src/ui/chart-values';

const epoch = (i: number, lr = 0.001, valLoss = 2 / i): EpochMetrics => ({
  epoch: i,
  loss: 1 / i,
  accuracy: i / 20,
  valLoss,
  valAccuracy: i / 30,
  seconds: 1,
  lr,
});
const fmt = (v: number) => String(v);
const names = (s: { name: string }[]) => s.map((x) => x.name);

describe('a legend names a line only once it has points', () => {
  it("the full model's epochs not started yet: only the first model's curve is named, drawn and tabled", () => {
    const first = [epoch(1), epoch(2), epoch(3)];
    const { values, drawn } = trainValSeries([], first, 'loss', 'valLoss', 'loss');
    expect(names(values)).toEqual(['quick first model, validation loss']);
    expect(names(drawn)).toEqual(['quick first model, validation loss']);
    // the summary line and the Values table read the same series
    expect(chartSummary(values, 'epoch', undefined, fmt)).toBe(`epoch 3: quick first model, validation loss ${2 / 3}`);
    expect(newestRows(values).rows[0].values).toHaveLength(1);
  });

  it('a series whose every value is missing is left out; one with a value is named', () => {
    const noVal = [epoch(1, 0.001, Number.NaN), epoch(2, 0.001, Number.NaN)];
    expect(names(trainValSeries(noVal, [], 'loss', 'valLoss', 'loss').values)).toEqual(['train loss']);
    const oneVal = [epoch(1, 0.001, Number.NaN), epoch(2)];
    expect(names(trainValSeries(oneVal, [], 'loss', 'valLoss', 'loss').values)).toEqual([
      'train loss',
      'validation loss',
    ]);
  });

  it("a first model's own epochs are named its own, and a curve on part of the validation images says so", () => {
    const own = trainValSeries([epoch(1), epoch(2)], [], 'loss', 'valLoss', 'loss', { own: true, part: '16 of 24' });
    expect(names(own.values)).toEqual([
      'quick first model, train loss',
      'quick first model, validation loss on 16 of 24 images',
    ]);
    const beside = trainValSeries([epoch(1)], [epoch(1)], 'accuracy', 'valAccuracy', 'accuracy', { part: '16 of 24' });
    expect(names(beside.values)).toEqual([
      'train accuracy',
      'validation accuracy',
      'quick first model, validation accuracy on 16 of 24 images',
    ]);
  });

  it('once the full model has an epoch, all three are named, the full model first', () => {
    const { values } = trainValSeries([epoch(1)], [epoch(1), epoch(2)], 'accuracy', 'valAccuracy', 'accuracy');
    expect(names(values)).toEqual(['train accuracy', 'validation accuracy', 'quick first model, validation accuracy']);
  });
});

describe("the per-batch chart keeps the first model's batches apart from the full model's", () => {
  // 60 first-model batches (steps 1-60), then the full model's from step 61
  const twoPhase = (full: number): BatchPoint[] => [
    ...Array.from({ length: 60 }, (_, i) => ({ step: i + 1, loss: 0.25, first: true as const })),
    ...Array.from({ length: full }, (_, i) => ({ step: 61 + i, loss: 5 })),
  ];

  it("counts the full model's batches from 1, its own solid line beside the first model's dashed one", () => {
    const { values } = batchLossSeries(twoPhase(20));
    expect(names(values)).toEqual(['full model, batch loss', 'quick first model, batch loss']);
    expect(values[0].points[0]).toEqual({ x: 1, y: 5 });
    expect(values[0].points.at(-1)).toEqual({ x: 20, y: 5 });
    expect(values[0].dash).toBeUndefined();
    expect(values[1].points[0]).toEqual({ x: 1, y: 0.25 });
    expect(values[1].points.at(-1)).toEqual({ x: 60, y: 0.25 });
    expect(values[1].dash).toBeDefined();
    // the axis spans both models' own counts, not the run's 80 batches in a row
    expect(xRange(values)).toEqual([1, 60]);
    // the line under the chart names which model each loss is from, at the same batch of each
    expect(chartSummary(values, 'batch', undefined, fmt)).toBe(
      'batch 20: full model, batch loss 5 · quick first model, batch loss 0.25',
    );
    // the Values table: one row per batch number, a column per model
    const { rows, total } = newestRows(values);
    expect(total).toBe(60);
    expect(rows[0]).toEqual({ x: 1, values: [5, 0.25] });
    expect(rows[59]).toEqual({ x: 60, values: [undefined, 0.25] });
  });

  it('while the first model trains, its batches are the one series, counted from 1', () => {
    const { values } = batchLossSeries(twoPhase(0));
    expect(names(values)).toEqual(['quick first model, batch loss']);
    expect(xRange(values)).toEqual([1, 60]);
  });

  it('a one-phase run is a plain batch loss line, as before', () => {
    const batches = Array.from({ length: 30 }, (_, i) => ({ step: i + 1, loss: 1 }));
    const { values } = batchLossSeries(batches);
    expect(names(values)).toEqual(['batch loss']);
    expect(xRange(values)).toEqual([1, 30]);
    expect(xRange([])).toBeUndefined();
  });

  it("thinned for the canvas, each model's drawn points keep that model's own count and losses", () => {
    const { values, drawn } = batchLossSeries(twoPhase(2000));
    expect(values[0].points).toHaveLength(2000);
    expect(drawn[0].points.every((p) => p.y === 5 && p.x >= 1 && p.x <= 2000)).toBe(true);
    expect(drawn[1].points.every((p) => p.y === 0.25 && p.x <= 60)).toBe(true);
    expect(drawn[0].points.at(-1)?.x).toBe(2000);
    expect(drawn[0].points.length + drawn[1].points.length).toBeLessThanOrEqual(MAX_POINTS + 1);
  });
});

describe('the learning-rate chart is drawn only when the rate changes', () => {
  it('a constant rate is one line of words, a moving one a chart', () => {
    const steady = [epoch(1), epoch(2), epoch(3)];
    expect(rateChanges(steady, 'constant')).toBe(false);
    expect(rateChanges(steady, undefined)).toBe(false);
    expect(steadyRateText(steady)).toBe('Learning rate: 0.001, the same every epoch.');
    const moving = [epoch(1, 0.001), epoch(2, 0.0005)];
    expect(rateChanges(moving, 'constant')).toBe(true);
    // a schedule shows its chart from the run's start, before two epochs could differ
    expect(rateChanges([], 'cosine')).toBe(true);
    expect(rateChanges([epoch(1)], 'one-cycle')).toBe(true);
    expect(steadyRateText([])).toBe('');
    expect(steadyRateText([{ ...epoch(1), lr: undefined }])).toBe('');
    expect(steadyRateText([epoch(1, 0.000123456)])).toBe('Learning rate: 0.000123, the same every epoch.');
  });

  it("a run's schedule: the automatic recipe's is constant, fine-tuning's cosine unless chosen", () => {
    expect(plannedSchedule({ ...DEFAULT_SETTINGS })).toBe('constant');
    // a schedule picked in the form while the automatic recipe decides is not used
    expect(plannedSchedule({ ...DEFAULT_SETTINGS, recipe: 'auto', lrSchedule: 'cosine' })).toBe('constant');
    expect(plannedSchedule({ ...DEFAULT_SETTINGS, recipe: 'manual', lrSchedule: 'cosine' })).toBe('cosine');
    expect(plannedSchedule({ ...DEFAULT_SETTINGS, unfreeze: 2 })).toBe('cosine');
    expect(plannedSchedule({ ...DEFAULT_SETTINGS, unfreeze: 2, lrSchedule: 'constant' })).toBe('constant');
  });
});
