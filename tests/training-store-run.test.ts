import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { StudioEvent } from '../src/worker/protocol';
import { imageSetPrint } from '../src/core/data/image-set';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useBackbone } = await import('../src/state/backbone');
const { useModelInUse } = await import('../src/state/model-in-use');
const { keepChoice, storedChoice } = await import('../src/state/backend-plan');
const { loadSavedModel } = await import('../src/state/model-store');
const { startRun } = await import('./fixtures/driven-run');
const { SLOW, summary, trainingStoreEachTest } = await import('./helpers-training-store');

trainingStoreEachTest();

describe('training store against a fake worker', () => {
  it('collects per-batch events and publishes them together, a few times a second', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); // IndexedDB (fake-indexeddb) keeps its real setImmediate
    const { run, done } = startRun();
    await run.started;
    let updates = 0;
    const stop = useTraining.subscribe((s, prev) => void (s.batches !== prev.batches && updates++));
    for (let i = 0; i < 200; i++) run.emit({ type: 'batch', loss: 1 / (i + 1) } as StudioEvent);
    run.emit({ type: 'epoch', metrics: summary().history[0] } as StudioEvent);
    expect(useTraining.getState().status).toBe('training');
    expect(useTraining.getState().batches).toHaveLength(0); // nothing re-rendered per event
    await vi.advanceTimersByTimeAsync(300);
    expect(useTraining.getState().batches).toHaveLength(200);
    expect(useTraining.getState().batches.at(-1)).toEqual({ step: 200, loss: 1 / 200 });
    expect(useTraining.getState().epochs).toHaveLength(1);
    expect(updates).toBe(1);
    stop();
    run.finish(summary());
    await done;
    expect(useTraining.getState().status).toBe('done');
    // events that arrive after the result (their own port) change nothing
    run.emit({ type: 'batch', loss: 9 } as StudioEvent);
    await vi.advanceTimersByTimeAsync(300);
    expect(useTraining.getState().batches).toHaveLength(200);
  });

  it('a run refuses a second Train, a settings change, a calibration and a backend switch until it ends (its controls lock in their turn)', async () => {
    const { run, done } = startRun();
    await run.started;
    let calls = 0;
    const train = worker.train;
    worker.train = (...args: never[]) => (calls++, train(...args));
    await useTraining.getState().train();
    expect(calls).toBe(0);
    const before = useTraining.getState().settings;
    useTraining.getState().updateSettings({ epochs: before.epochs + 7 });
    expect(useTraining.getState().settings).toBe(before);
    let calibrated = 0;
    worker.calibrate = (async () => (calibrated++, {})) as never;
    await useBackbone.getState().calibrate();
    expect(calibrated).toBe(0);
    expect(useBackbone.getState().calibrating).toBeNull();
    // the backend the run trains on is not switched under it
    let switches = 0;
    const switchBackend = worker.switchBackend;
    worker.switchBackend = ((...args: never[]) => (switches++, switchBackend(...args))) as never;
    await useBackbone.getState().pickBackend('cpu');
    expect(switches).toBe(0);
    worker.switchBackend = switchBackend;
    run.finish(summary());
    await done;
    useTraining.getState().updateSettings({ epochs: before.epochs + 7 });
    expect(useTraining.getState().settings.epochs).toBe(before.epochs + 7);
  });

  it('handles a message of gathered events in order, as the worker sends them (worker/batched-events.ts)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { run, done } = startRun();
    await run.started;
    const [first, second] = [summary().history[0], { ...summary().history[0], epoch: 2 }];
    run.emit({
      type: 'gathered',
      events: [
        { type: 'extract', done: 2, total: 2 },
        { type: 'batches', losses: [0.9, 0.8] },
        { type: 'epoch', metrics: first },
        { type: 'phase', phase: 'final', epochs: 5 },
        { type: 'epoch', metrics: second },
      ],
    } as StudioEvent);
    // published at once, with the progress: the worker spaced its messages out already
    // the phase restarted the epoch chart: only the epoch after it is left
    expect(useTraining.getState().phase).toBe('final');
    expect(useTraining.getState().epochs).toEqual([second]);
    expect(useTraining.getState().batches).toEqual([
      { step: 1, loss: 0.9 },
      { step: 2, loss: 0.8 },
    ]);
    run.finish(summary());
    await done;
  });

  it('a fallback is reported, the header shows where the worker says training went, and a lost hand-picked head backend is forgotten', async () => {
    useBackbone.setState({ backend: { active: 'webgpu', head: { name: 'webgl' }, signature: 'sig' } as never });
    keepChoice('sig', { head: 'webgl' });
    const { run, done } = startRun();
    await run.started;
    const afterHead = { active: 'webgpu', head: null, signature: 'sig', reason: 'head moved' };
    run.emit({
      type: 'fallback',
      from: 'webgl',
      to: 'webgpu',
      reason: 'context lost',
      epoch: 0,
      backend: afterHead,
    } as unknown as StudioEvent);
    expect(useBackbone.getState().backend).toEqual(afterHead);
    expect(storedChoice()?.head).toBeNull();
    const afterGpu = {
      active: 'wasm',
      head: null,
      signature: 'sig',
      reason: 'switched to after webgpu failed: device lost',
    };
    run.emit({
      type: 'fallback',
      from: 'webgpu',
      to: 'wasm',
      reason: 'device lost',
      epoch: 2,
      backend: afterGpu,
    } as unknown as StudioEvent);
    expect(useBackbone.getState().backend).toEqual(afterGpu);
    expect(useTraining.getState().fallbacks).toEqual([
      'The webgl backend stopped working (context lost). Training continues on webgpu from the start (no epoch had finished; extracted features are kept).',
      'The webgpu backend stopped working (device lost). Training continues on wasm from epoch 3; the 2 finished epochs are kept.',
    ]);
    run.finish(summary({ backend: 'wasm' }));
    await done;
    expect(useTraining.getState().fallbacks).toHaveLength(2);
    expect(useBackbone.getState().backend?.active).toBe('wasm');
  });

  it('a run stopped or failed before any model of its own gives the results of the model still answering back', async () => {
    const before = summary({ valAccuracy: 0.9 });
    const batches = [{ step: 1, loss: 0.4 }];
    useTraining.setState({ status: 'done', result: before, epochs: before.history, batches });
    for (const why of ['stopped', 'the GPU went away']) {
      worker.train = async () => {
        throw new Error(why);
      };
      await useTraining.getState().train();
      // Evaluate and the downloads emptied while Try it still answered with that model
      expect(useTraining.getState()).toMatchObject({ result: before, epochs: before.history, batches });
    }
    expect(useTraining.getState()).toMatchObject({ status: 'error', error: 'the GPU went away' });
  });

  it("a replaced project takes its last run's status, skipped images and notes with it", () => {
    useTraining.setState({
      status: 'done',
      error: 'x',
      skipped: [{ id: 'i9', name: 'bad.jpg', className: 'cats', reason: 'unreadable' }] as never,
      notKept: 'not kept',
    });
    useTraining.getState().clearTrained();
    expect(useTraining.getState()).toMatchObject({ status: 'idle', error: null, skipped: [], notKept: null });
  });

  it("a two-phase run's first model answers once handed over, and never after the final one", async () => {
    const { run, done } = startRun();
    await run.started;
    run.emit({ type: 'first-model', result: summary({ valAccuracy: 0.6, phase: 'first' }) });
    await vi.waitFor(() => expect(useModelInUse.getState().model?.name).toMatch(/first model/), SLOW);
    // the final model arrives in the same task as the next first model: the later hand-over must not win
    run.emit({ type: 'first-model', result: summary({ valAccuracy: 0.6, phase: 'first' }) });
    run.finish(summary({ valAccuracy: 0.9 }));
    await done;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(useModelInUse.getState().model?.name).toBe('trained here');
  });

  it("a full model that fails after the first model: the first model is the run's, recorded and kept", async () => {
    const { run, done } = startRun();
    await run.started;
    const first = summary({ valAccuracy: 0.6, phase: 'first' });
    run.emit({ type: 'first-model', result: first });
    await vi.waitFor(() => expect(useTraining.getState().result).toBe(first), SLOW);
    run.fail(new Error('The loss diverged'));
    await done;
    expect(useTraining.getState()).toMatchObject({ status: 'error', error: 'The loss diverged', result: first });
    expect(useTraining.getState().runs).toHaveLength(1);
    // which images it ran on is recorded with it: another run on other images of the same counts is told apart
    const images = useProject.getState().classes.flatMap((c, label) => c.images.map((im) => ({ id: im.id, label })));
    expect(useTraining.getState().runs[0].imageSet).toBe(imageSetPrint(images));
    // its save was asked for (the worker writes the model it holds, the first one)
    expect(await useTraining.getState().modelKept()).toBe(true);
    expect(await loadSavedModel()).toBeDefined();
  });
});
