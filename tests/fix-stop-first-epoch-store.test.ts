import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StudioEvent, TrainSummary } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const SLOW = { timeout: 30_000 };

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useBackbone } = await import('../src/state/backbone');
const { useModelInUse } = await import('../src/state/model-in-use');
const { connectStores } = await import('../src/state/coordinator');
const { loadSavedModel } = await import('../src/state/model-store');
const { keepLastModel } = await import('../src/core/storage/model-writer');
const { closeDatabases } = await import('../src/core/storage/databases');
const { statusLine, statusWords } = await import('../src/ui/TrainPanel');
const { firstModelSentence } = await import('../src/ui/first-model-line');

const initial = { training: useTraining.getState(), backbone: useBackbone.getState() };

const summary = (over: Partial<TrainSummary> = {}) =>
  ({
    classes: ['cats', 'dogs'],
    history: [{ epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75 }],
    settings: useTraining.getState().settings,
    valAccuracy: 0.75,
    bestEpoch: 1,
    seconds: { extract: 1, train: 1 },
    backend: 'wasm',
    stopped: false,
    ...over,
  }) as unknown as TrainSummary;

/** a run the test drives, as the worker would: events, then an answer or a rejection */
function startRun() {
  let called = () => {};
  const started = new Promise<void>((resolve) => (called = resolve));
  const run = { emit: (_e: StudioEvent) => {}, finish: (_r: TrainSummary) => {}, fail: (_e: Error) => {}, started };
  let answered = summary();
  worker.train = (_classes: string[], _images: unknown, _settings: unknown, onEvent: (e: StudioEvent) => void) =>
    new Promise<TrainSummary>((resolve, reject) => {
      run.emit = onEvent;
      run.finish = (r) => resolve((answered = r));
      run.fail = reject;
      called();
    });
  worker.exportModel = async (keep?: boolean) => {
    const zip = new Uint8Array([1, 2, 3]);
    const notKept = keep ? await keepLastModel({ zip, result: answered, savedAt: new Date().toISOString() }) : null;
    return { zip, files: { 'model.json': new Uint8Array() }, notKept };
  };
  return { run, done: useTraining.getState().train() };
}

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
let disconnect: () => void;

beforeEach(() => {
  resetWorker();
  disconnect = connectStores();
  installLocalStorage();
  useTraining.setState(initial.training, true);
  useBackbone.setState(initial.backbone, true);
  useProject.setState({
    classes: [
      { id: 'c1', name: 'cats', images: [{ id: 'i1', file: file('a.png'), url: '' }] },
      { id: 'c2', name: 'dogs', images: [{ id: 'i2', file: file('b.png'), url: '' }] },
    ],
  });
});
afterEach(async () => {
  disconnect();
  await useTraining.getState().modelKept();
  vi.restoreAllMocks();
  await closeDatabases();
});

describe('Stop before the first epoch ends (the worker answers "stopped": the run made no model)', () => {
  it('the model and results the page had stay: Try it, the results, the charts, the run history and storage', async () => {
    // a good model, trained here and kept
    const good = summary({ valAccuracy: 0.92, images: { train: 8, val: 2 } });
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
    const firstModel = summary({ valAccuracy: 0.81, phase: 'first', images: { train: 8, val: 2 } });
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
