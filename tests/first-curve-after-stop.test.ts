import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import { runEvents } from '../src/state/training-events';
import type { TrainingState } from '../src/state/training';
import type { TrainSummary } from '../src/worker/protocol';

const { firstEpochs } = await import('../src/ui/Charts');

const epoch = (n: number, valAccuracy: number) =>
  ({ epoch: n, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy }) as EpochMetrics;
const firstHistory = [epoch(1, 0.8), epoch(2, 0.95)];

/** A two-phase run up to its first model, as the store holds it (see training-events.test.ts). */
function run() {
  let state = {
    status: 'extracting',
    phase: null,
    batches: [],
    epochs: [],
    first: null,
    result: null,
  } as unknown as TrainingState;
  const s = {
    get: () => state,
    set: (patch: Partial<TrainingState> | ((s: TrainingState) => Partial<TrainingState>)) => {
      state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
    },
  };
  const firstResult = { phase: 'first', valAccuracy: 0.95, history: firstHistory } as unknown as TrainSummary;
  const events = runEvents({
    ...s,
    names: new Map(),
    firstModel: () =>
      s.set({
        first: { valAccuracy: 0.95, epochs: firstHistory, seconds: 3, images: { train: 9, val: 3 } },
        result: firstResult,
      }),
    fellBack: () => undefined,
  });
  events.onEvent({ type: 'phase', phase: 'first', epochs: 2 });
  events.onEvent({ type: 'first-model', result: firstResult });
  return { s, events, firstResult };
}

describe('the first model’s curve on the accuracy chart', () => {
  it('stays beside the full model’s epochs when Stop keeps the first model (it vanished, the full curve stayed)', () => {
    const { s, events, firstResult } = run();
    events.onEvent({ type: 'phase', phase: 'final', epochs: 1000 });
    expect(firstEpochs(s.get())).toEqual(firstHistory);
    // Stop: the full model trails the first one, so the first is kept; the run's phase is over
    s.set({ status: 'stopped', phase: null, result: { ...firstResult, stopped: true } });
    expect(firstEpochs(s.get())).toEqual(firstHistory);
  });

  it('is not drawn twice when the run was stopped before its full model began (its epochs are the chart’s own)', () => {
    const { s, firstResult } = run();
    s.set({ status: 'stopped', phase: null, result: { ...firstResult, stopped: true } });
    expect(firstEpochs(s.get())).toEqual([]);
  });

  it('leaves the chart when a fallback restarts the run’s first phase (the old curve was drawn beside the new one)', () => {
    const { s, events } = run();
    events.onEvent({ type: 'phase', phase: 'final', epochs: 1000 });
    events.onEvent({ type: 'epoch', metrics: epoch(1, 0.6) });
    // the GPU is lost in the full phase: the run starts again on another backend, with a new first model
    events.onEvent({ type: 'phase', phase: 'first', epochs: 2 });
    expect(firstEpochs(s.get())).toEqual([]);
    expect(s.get().first?.besideFull).toBeFalsy();
  });
});
