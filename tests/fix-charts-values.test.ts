import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import type { BatchPoint } from '../src/state/training';
import { batchLossSeries, learningRateSeries, MAX_POINTS, trainValSeries } from '../src/ui/chart-series';
import { chartSummary, MAX_VALUE_ROWS, newestRows, valueRows } from '../src/ui/chart-values';

const epoch = (i: number): EpochMetrics => ({
  epoch: i,
  loss: 1 / i,
  accuracy: i / 2000,
  valLoss: 2 / i,
  valAccuracy: i / 3000,
  seconds: 1,
  lr: 0.001 / i,
});
const epochs = Array.from({ length: 1000 }, (_, i) => epoch(i + 1));
const fmt = (v: number) => String(v);

describe('chart values and summary use every point, the canvas a thinned copy', () => {
  it('a 1000-epoch run has 1000 value rows equal to its epochs', () => {
    const { values, drawn } = trainValSeries(epochs, [], 'loss', 'valLoss', 'loss');
    const rows = valueRows(values);
    expect(rows).toHaveLength(1000);
    rows.forEach((row, i) => expect(row).toEqual({ x: i + 1, values: [epochs[i].loss, epochs[i].valLoss] }));
    for (const s of drawn) expect(s.points.length).toBeLessThanOrEqual(MAX_POINTS);

    const rates = valueRows(learningRateSeries(epochs).values);
    expect(rates.map((r) => r.values[0])).toEqual(epochs.map((e) => e.lr));
  });

  it("the summary line reads the last raw point, not a bucket's mean", () => {
    const { values, drawn } = trainValSeries(epochs, [], 'loss', 'valLoss', 'loss');
    expect(drawn[0].points.length).toBeLessThan(1000);
    expect(chartSummary(values, 'epoch', undefined, fmt)).toBe(
      `epoch 1000: train loss ${epochs[999].loss} · validation loss ${epochs[999].valLoss}`,
    );
    // hovering near epoch 1 names epoch 1 and its own values
    expect(chartSummary(values, 'epoch', 1.2, fmt)).toBe(`epoch 1: train loss 1 · validation loss 2`);
  });

  it('a two-phase batch chart keeps every batch in its own phase, in values and on the canvas', () => {
    // 777 first-model batches then 777 full-model ones: buckets of 6 straddle step 777/778
    const batches: BatchPoint[] = Array.from({ length: 1554 }, (_, i) =>
      i < 777 ? { step: i + 1, loss: 0.25, first: true } : { step: i + 1, loss: 5 },
    );
    const { values, drawn } = batchLossSeries(batches);
    expect(values.map((s) => s.name)).toEqual(['full model, batch loss', 'quick first model, batch loss']);
    // the full model's batches counted from its own first one
    expect(values[0].points).toEqual(batches.slice(777).map((b) => ({ x: b.step - 777, y: b.loss })));
    expect(values[1].points).toEqual(batches.slice(0, 777).map((b) => ({ x: b.step, y: b.loss })));
    expect(chartSummary(values, 'batch', undefined, fmt)).toBe(
      'batch 777: full model, batch loss 5 · quick first model, batch loss 0.25',
    );
    // no averaged first-model loss in the full model's drawn line, nor the other way round
    expect(drawn[0].points.every((p) => p.y === 5 && p.x <= 777)).toBe(true);
    expect(drawn[1].points.every((p) => p.y === 0.25 && p.x <= 777)).toBe(true);
    expect(drawn[0].points.length + drawn[1].points.length).toBeLessThanOrEqual(MAX_POINTS + 1);
  });
});

describe('a values table open during a long run', () => {
  it('holds the newest 500 rows and says how many there are in all', () => {
    const batches = Array.from({ length: 25_000 }, (_, i) => ({ x: i + 1, y: 1 / (i + 1) }));
    // a second series on every tenth batch only: its rows in the window keep their values
    const sparse = batches.filter((p) => p.x % 10 === 0);
    const { rows, total } = newestRows([
      { name: 'batch loss', color: '#000', points: batches },
      { name: 'sparse', color: '#111', points: sparse },
    ]);
    expect(total).toBe(25_000);
    expect(rows).toHaveLength(MAX_VALUE_ROWS);
    expect(rows[0].x).toBe(25_000 - MAX_VALUE_ROWS + 1);
    expect(rows.at(-1)).toEqual({ x: 25_000, values: [1 / 25_000, 1 / 25_000] });
    expect(rows.find((r) => r.x === 24_990)?.values[1]).toBe(1 / 24_990);
    expect(rows.find((r) => r.x === 24_991)?.values[1]).toBeUndefined();
  });

  it('holds every row of a run that fits', () => {
    const points = Array.from({ length: 20 }, (_, i) => ({ x: i + 1, y: i }));
    const { rows, total } = newestRows([{ name: 'loss', color: '#000', points }]);
    expect(rows).toHaveLength(20);
    expect(total).toBe(20);
  });
});
