import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const SLOW = { timeout: 30_000 };

const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { loadSavedModel } = await import('../src/state/model-store');
const { trainingPageEachTest } = await import('./helpers-training-page');
const { startRun } = await import('./fixtures/driven-run');
const { statusLine, statusWords } = await import('../src/ui/TrainPanel');
const { firstModelSentence } = await import('../src/ui/first-model-line');

trainingPageEachTest();

describe('Stop before the first epoch ends (the worker answers "stopped": the run made no model)', () => {
  it('the model and results the page had stay: Try it, the results, the charts, the run history and storage', async () => {
    // a good model, trained here and kept
    const good = trainSummary({ valAccuracy: 0.92, images: { train: 8, val: 2 } });
    const first = startRun();
    await first.run.started;
    first.run.emit({ type: 'batch', epoch: 1, batch: 1, batches: 1, loss: 0.4 });
    first.run.finish(good);
    await first.done;
    await vi.waitFor(async () => expect((await loadSavedModel())?.result.valAccuracy).toBe(0.92), SLOW);
    const answering = useModelInUse.getState().model;
    expect(answering?.kind).toBe('trained');
    const shown = useTraining.getState();
    expect(shown.batches).toHaveLength(1);

    // the next run trains a few steps of its first epoch, then Stop
    const next = startRun();
    await next.run.started;
    for (let b = 1; b <= 3; b++) next.run.emit({ type: 'batch', epoch: 1, batch: b, batches: 8, loss: 0.7 });
    await vi.waitFor(() => expect(useTraining.getState().status).toBe('training'), SLOW);
    next.run.fail(new Error('stopped'));
    await next.done;

    expect(useTraining.getState()).toMatchObject({
      status: 'stopped',
      error: null,
      result: good,
      epochs: shown.epochs,
      batches: shown.batches,
      first: null,
      lastRunShown: true,
      stoppedBeforeModel: true,
    });
    // the status line says the run made no model, and that the one before still answers
    expect(statusWords(statusLine(useTraining.getState())).text).toBe(
      'Training stopped before a model was made: the model you had still answers',
    );
    expect(useTraining.getState().runs).toEqual(shown.runs);
    expect(useModelInUse.getState().model).toBe(answering);
    expect((await loadSavedModel())?.result.valAccuracy).toBe(0.92);
  });

  it('a first model handed over before a Stop (a run restarted on another backend) is kept, stored and recorded', async () => {
    const run = startRun();
    await run.run.started;
    const firstModel = trainSummary({ valAccuracy: 0.81, phase: 'first', images: { train: 8, val: 2 } });
    run.run.emit({ type: 'first-model', result: firstModel });
    await vi.waitFor(() => expect(useTraining.getState().result?.valAccuracy).toBe(0.81), SLOW);
    // the restarted run's own first model is stopped in its first epoch: the worker answers "stopped"
    run.run.fail(new Error('stopped'));
    await run.done;
    expect(useTraining.getState()).toMatchObject({ status: 'stopped', error: null, stoppedBeforeModel: false });
    expect(useTraining.getState().result?.valAccuracy).toBe(0.81);
    // Stop kept it: Evaluate says so, not that the full model failed
    expect(useTraining.getState().result?.stopped).toBe(true);
    const { first, result } = useTraining.getState();
    expect(firstModelSentence(first!, result!, false)).toMatch(
      /kept: [\d.]+% on all 2 validation images; the run was stopped before a better one/,
    );
    expect(statusWords(statusLine(useTraining.getState())).text).toBe('Training stopped');
    // stored for the next visit (the fake worker's export writes its answer as the model)
    await vi.waitFor(async () => expect(await loadSavedModel()).toBeTruthy(), SLOW);
    expect(useTraining.getState().runs.at(-1)?.valAccuracy).toBe(0.81);
  });
});
