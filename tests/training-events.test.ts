import { describe, expect, it } from 'vitest';
import { runEvents } from '../src/state/training-events';
import type { TrainingState } from '../src/state/training';

/** A bare store holding what the event handler reads and writes. */
function store() {
  let state = { status: 'extracting', phase: null, batches: [], epochs: [] } as unknown as TrainingState;
  return {
    get: () => state,
    set: (patch: Partial<TrainingState> | ((s: TrainingState) => Partial<TrainingState>)) => {
      state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
    },
  };
}

describe('a run’s batch points', () => {
  it('mark the first model’s batches, so the chart tells them from the full model’s', () => {
    const s = store();
    const events = runEvents({ ...s, names: new Map(), firstModel: () => undefined, fellBack: () => undefined });
    events.onEvent({ type: 'phase', phase: 'first', epochs: 2 });
    events.onEvent({ type: 'batches', losses: [1.2, 0.9] });
    events.onEvent({ type: 'phase', phase: 'final', epochs: 3 });
    events.onEvent({ type: 'batch', epoch: 1, batch: 1, batches: 1, loss: 1.5 });
    events.finish();
    expect(s.get().batches).toEqual([
      { step: 1, loss: 1.2, first: true },
      { step: 2, loss: 0.9, first: true },
      { step: 3, loss: 1.5 },
    ]);
  });
});
