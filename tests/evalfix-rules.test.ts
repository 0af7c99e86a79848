import { describe, expect, it } from 'vitest';
import { labelDoubt, howWrong, topLossCaption, SURE_ANSWER, trustsAnswers, UNLIKELY_LABEL } from '../src/ui/tile-words';
import { batchChartView, type BatchChartInput } from '../src/ui/batch-chart-rule';
import type { EpochMetrics } from '../src/core/train/epochs';
import type { BatchPoint } from '../src/state/run-record';

const CLASSES = ['daisy', 'rose', 'tulip'];
const p = (label: number, predicted: number, probabilities: number[]) => ({ id: 'x', label, predicted, probabilities });

// every top-loss tile asks "Label wrong?" and offers its moves (ImageTile.tsx); labelDoubt decides only
// which move, if any, is marked as the likely fix
describe('a move is marked as the likely fix only when the model is sure and the label unlikely', () => {
  it('an unsure wrong answer (45% daisy for a tulip) marks no move', () => {
    expect(labelDoubt(p(2, 0, [0.45, 0.2, 0.35]), true)).toBeNull();
  });

  it('a confident answer that gives the label almost nothing marks the move to its answer', () => {
    expect(labelDoubt(p(2, 0, [0.92, 0.05, 0.03]), true)).toBe(0);
    // the bar itself counts as sure
    expect(labelDoubt(p(2, 1, [0.1, SURE_ANSWER, 0.1]), true)).toBe(1);
  });

  it('a sure answer that still leaves the label its share marks none', () => {
    // exactly at the bars: the label's share must be under its bar
    expect(labelDoubt(p(0, 1, [UNLIKELY_LABEL, SURE_ANSWER, 0]), true)).toBeNull();
  });

  it('a right answer, however sure, marks none', () => {
    expect(labelDoubt(p(1, 1, [0, 1, 0]), true)).toBeNull();
  });

  it('a model whose validation figures do not show it to be good marks none: its confidence means little', () => {
    expect(labelDoubt(p(2, 0, [0.99, 0.005, 0.005]), false)).toBeNull();
    // 4 of 6 right: the interval's low end is 0.30; 17 of 18: 0.74; none recorded (an older run): not trusted
    expect(trustsAnswers({ valAccuracyInterval: [0.3, 0.9] })).toBe(false);
    expect(trustsAnswers({ valAccuracyInterval: [0.74, 0.99] })).toBe(true);
    expect(trustsAnswers({})).toBe(false);
  });
});

describe("a top loss's words", () => {
  it('say the label and the answer once, without the word loss', () => {
    const caption = topLossCaption(p(2, 0, [0.45, 0.25, 0.3]), CLASSES);
    expect(caption).toBe('labelled tulip, the model said daisy (45%)');
    expect(caption).not.toMatch(/loss/);
  });

  it("keep the loss, said plainly, for the tile's title", () => {
    const r = { ...p(2, 0, [0.45, 0.25, 0.3]), loss: -Math.log(0.3) };
    expect(howWrong(r, CLASSES)).toBe('How wrong (loss): 1.20; the model gave tulip 30%');
  });
});

const epochs = (n: number) => Array.from({ length: n }, (_, i) => ({ epoch: i + 1 }) as EpochMetrics);
const steps = (from: number, to: number, first?: true): BatchPoint[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ step: from + i, loss: 1, ...(first && { first }) }));
const view = (v: Partial<BatchChartInput>) =>
  batchChartView({ batches: [], epochs: [], running: false, phase: null, ...v });

describe('the per-batch loss chart', () => {
  it('is not drawn when every epoch was one batch (the automatic recipe): it would repeat the loss per epoch', () => {
    expect(view({ batches: steps(1, 100), epochs: epochs(100) })).toBe('one');
  });

  it('is drawn when epochs have several batches (fine-tuning, the manual recipe)', () => {
    expect(view({ batches: steps(1, 40), epochs: epochs(20) })).toBe('chart');
    expect(view({ batches: steps(1, 7), epochs: epochs(3), running: true })).toBe('chart');
  });

  it("while running, one batch an epoch may be one batch ahead of its epoch's figures", () => {
    expect(view({ batches: steps(1, 6), epochs: epochs(5), running: true })).toBe('one');
    // after one epoch, two batches could be either: wait for the next
    expect(view({ batches: steps(1, 2), epochs: epochs(1), running: true })).toBe('wait');
    expect(view({ batches: steps(1, 3), epochs: epochs(1), running: true })).toBe('chart');
    // nothing to judge yet
    expect(view({ running: true })).toBe('wait');
  });

  it("a two-phase run is judged on the full model's batches, not the first model's smaller ones", () => {
    const first = steps(1, 24, true);
    // the first model trains (2 batches an epoch): nothing is drawn to be taken away at the full model's start
    expect(view({ batches: first, epochs: epochs(12), running: true, phase: 'first' })).toBe('wait');
    expect(view({ batches: first, epochs: [], firstEpochs: epochs(12), running: true, phase: 'final' })).toBe('wait');
    // the full model: one batch an epoch
    const both = [...first, ...steps(25, 124)];
    expect(view({ batches: both, epochs: epochs(100), firstEpochs: epochs(12) })).toBe('one');
    // a full model of several batches an epoch keeps its chart (and the first model's line in it)
    expect(view({ batches: [...first, ...steps(25, 224)], epochs: epochs(100), firstEpochs: epochs(12) })).toBe(
      'chart',
    );
  });

  it('a first model kept by Stop before the full model trained is judged on its own epochs', () => {
    expect(view({ batches: steps(1, 24, true), epochs: [], firstEpochs: epochs(12) })).toBe('chart');
    expect(view({ batches: steps(1, 12, true), epochs: [], firstEpochs: epochs(12) })).toBe('one');
  });

  it("a stored run's thinned batches still count as one an epoch", () => {
    // 1,000 one-batch epochs kept as every second point, the last one dropped
    const thinned = steps(1, 1000).filter((b) => b.step % 2 === 1);
    expect(view({ batches: thinned, epochs: epochs(1000) })).toBe('one');
    // and 2 batches an epoch thinned the same way are still several
    expect(view({ batches: steps(1, 2000).filter((b) => b.step % 4 === 1), epochs: epochs(1000) })).toBe('chart');
  });

  it('a run with fewer batches than epochs (resumed) or none (stopped early) keeps the chart', () => {
    expect(view({ batches: steps(1, 20), epochs: epochs(100) })).toBe('chart');
    expect(view({ epochs: epochs(3) })).toBe('chart');
  });
});
