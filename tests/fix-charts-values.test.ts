import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import type { BatchPoint } from '../src/state/training';
import { batchLossSeries, learningRateSeries, MAX_POINTS, trainValSeries } from '../src/ui/chart-series';
import { chartSummary, valueRows } from '../src/ui/chart-values';

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
    expect(values.map((s) => s.name)).toEqual(['batch loss', 'first model, batch loss']);
    expect(values[0].points).toEqual(batches.slice(777).map((b) => ({ x: b.step, y: b.loss })));
    expect(values[1].points).toEqual(batches.slice(0, 777).map((b) => ({ x: b.step, y: b.loss })));
    expect(chartSummary(values, 'batch', undefined, fmt)).toBe('batch 1554: batch loss 5');
    // no averaged first-model loss in the full model's drawn line, nor the other way round
    expect(drawn[0].points.every((p) => p.y === 5 && p.x > 777)).toBe(true);
    expect(drawn[1].points.every((p) => p.y === 0.25 && p.x <= 777)).toBe(true);
    expect(drawn[0].points.length + drawn[1].points.length).toBeLessThanOrEqual(MAX_POINTS + 1);
  });
});
