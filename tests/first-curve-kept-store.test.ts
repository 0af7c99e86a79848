import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import { trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const SLOW = { timeout: 30_000 };

const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { trainingPageEachTest } = await import('./helpers-training-page');
const { startRun } = await import('./fixtures/driven-run');
const { firstEpochs } = await import('../src/ui/Charts');
const { trainValSeries } = await import('../src/ui/chart-series');

const epoch = (n: number, valAccuracy: number) =>
  ({ epoch: n, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy }) as EpochMetrics;
const firstHistory = [epoch(1, 0.8), epoch(2, 0.95)];
const fullSoFar = [epoch(1, 0.5), epoch(2, 0.7), epoch(3, 0.9)];

const firstModel = trainSummary({ history: firstHistory, valAccuracy: 0.95, bestEpoch: 2, phase: 'first' });

/** a two-phase run the test drives as the worker would, up to three epochs of its full model */
async function intoFullPhase() {
  const { run, done } = startRun();
  await run.started;
  run.emit({ type: 'phase', phase: 'first', epochs: 2 });
  for (const metrics of firstHistory) run.emit({ type: 'epoch', metrics });
  run.emit({ type: 'first-model', result: firstModel });
  // handed over a slice later: left pending, it landed after the test had disconnected the stores
  await vi.waitFor(() => expect(useModelInUse.getState().model?.name).toMatch(/first model/), SLOW);
  run.emit({ type: 'phase', phase: 'final', epochs: 20 });
  for (const metrics of fullSoFar) run.emit({ type: 'epoch', metrics });
  return { run, done };
}

/** what the accuracy chart draws from the store, as TrainValChart reads it */
function accuracyChart() {
  const s = useTraining.getState();
  return trainValSeries(s.epochs, firstEpochs(s), 'accuracy', 'valAccuracy', 'accuracy').values;
}
const line = (name: string) =>
  accuracyChart()
    .find((v) => v.name === name)
    ?.points.map((p) => p.y);

function expectBothCurves() {
  expect(line('validation accuracy')).toEqual([0.5, 0.7, 0.9]);
  expect(line('quick first model, validation accuracy')).toEqual([0.8, 0.95]);
  // Evaluate's figure is the kept first model's: its own line reaches it
  expect(line('quick first model, validation accuracy')).toContain(useTraining.getState().result?.valAccuracy);
}

trainingPageEachTest();

describe('a first model kept over a full model stopped short: the accuracy chart', () => {
  it('keeps the full model’s epochs as its own curve and the first model’s beside them (both read the first’s history)', async () => {
    const { run, done } = await intoFullPhase();
    // Stop: the full model trails the first one, so the worker answers with the first model
    run.finish({ ...firstModel, stopped: true });
    await done;
    await vi.waitFor(() => expect(useTraining.getState().status).toBe('stopped'), SLOW);
    expectBothCurves();
  });

  it('does the same when the full model fails after the first model came', async () => {
    const { run, done } = await intoFullPhase();
    run.fail(new Error('out of memory'));
    await done;
    expect(useTraining.getState().status).toBe('error');
    expect(useTraining.getState().result?.phase).toBe('first');
    expectBothCurves();
  });
});
