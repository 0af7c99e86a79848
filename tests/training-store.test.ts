import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StudioEvent, TrainSummary } from '../src/worker/protocol';
import { imageSetPrint } from '../src/core/data/image-set';
import { trainSummary } from './fixtures/train-summary';
import { cutRun } from './fixtures/interrupted-run';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** a busy machine can be slow to settle */
const SLOW = { timeout: 30_000 };

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useBackbone } = await import('../src/state/backbone');
const { useModelInUse } = await import('../src/state/model-in-use');
const { connectStores } = await import('../src/state/coordinator');
const { keepChoice, storedChoice } = await import('../src/state/backend-plan');
const { loadInterrupted, loadSavedModel } = await import('../src/state/model-store');
const { loadSetAside } = await import('../src/state/saved-interrupted-undo');
const { useOtherModel } = await import('../src/state/other-model');
const { keepLastModel } = await import('../src/core/storage/model-writer');
const { closeDatabases } = await import('../src/core/storage/databases');
const { checkpointWriter } = await import('../src/core/storage/checkpoint-writer');
const { useUndo, runUndo, dismissUndo } = await import('../src/state/undo');
const runRecord = await import('../src/state/run-record');
const { startRun } = await import('./fixtures/driven-run');
const latestUndo = () => useUndo.getState().entries.at(-1)!.id;

const initial = { training: useTraining.getState(), backbone: useBackbone.getState() };

// the settings the page has as the run answers
const summary = (over: Partial<TrainSummary> = {}) =>
  trainSummary({ settings: useTraining.getState().settings, ...over });

/** a one-byte PNG file: the project's images here are never decoded */
const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
let disconnect: () => void;
afterEach(() => disconnect());

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
  // a finished run's model is still being kept (and its checkpoint forgotten after it): not into the next test
  await useTraining.getState().modelKept();
  // nor the offer of the model it moved aside, read from storage once it is kept
  await useOtherModel.getState().refresh();
  vi.useRealTimers();
  vi.restoreAllMocks();
  await closeDatabases();
});

/**
 * A run that finishes with a checkpoint in storage (kept by the worker's writer while it trained)
 * and its model's export held: resolves once the page has the result; the returned call lets the
 * export (and the keeping of the model) go on.
 */
async function finishWhileExporting(): Promise<() => void> {
  const { run, done } = startRun();
  await run.started;
  const writer = checkpointWriter();
  writer.keep(cutRun(7));
  await writer.settled();
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const exportModel = worker.exportModel;
  worker.exportModel = (async (...args: never[]) => {
    await held;
    return exportModel(...args);
  }) as never;
  run.finish(summary());
  await done;
  return release;
}

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

  it('a discarded interrupted run can be undone; made final, it forgets only its own checkpoint', async () => {
    const writer = checkpointWriter();
    const cut = (epoch: number, savedAt: string) => cutRun(epoch, { savedAt });
    writer.keep(cut(4, 'first'));
    await writer.settled();
    useTraining.getState().restoreInterrupted(cut(4, 'first'));
    useTraining.getState().discardInterrupted();
    expect(useTraining.getState().interrupted).toBeNull();
    expect(useUndo.getState().entries.map((e) => e.label)).toEqual(['Discarded the interrupted run']);
    // still in storage while the undo is offered: a reload would offer it again
    expect((await loadInterrupted())?.savedAt).toBe('first');
    expect(await runUndo(latestUndo())).toBe(true);
    expect(useTraining.getState().interrupted?.checkpoint).toMatchObject({ epoch: 4 });
    // after a Resume stopped (or failed) before an epoch the page is not idle, and nothing took its place
    useTraining.setState({ status: 'stopped' });
    useTraining.getState().discardInterrupted();
    expect(await runUndo(latestUndo())).toBe(true);
    expect(useTraining.getState().interrupted?.checkpoint).toMatchObject({ epoch: 4 });
    useTraining.setState({ status: 'idle' });

    useTraining.getState().discardInterrupted();
    await dismissUndo(latestUndo());
    expect(await loadInterrupted()).toBeUndefined();
    // discarded again, then a later run's checkpoint took the place: making the discard final keeps that one
    writer.keep(cut(4, 'first'));
    await writer.settled();
    useTraining.getState().restoreInterrupted(cut(4, 'first'));
    useTraining.getState().discardInterrupted();
    writer.keep(cut(2, 'later run'));
    await writer.settled();
    await dismissUndo(latestUndo());
    expect((await loadInterrupted())?.savedAt).toBe('later run');
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

  it('Train over an interrupted run offers it back: the new run stops, the checkpoint is stored again', async () => {
    const run = cutRun(7);
    useBackbone.setState({ loaded: { id: 'mobilenet-v1-0.25', blocks: [] } as never });
    checkpointWriter().keep(run);
    useTraining.getState().restoreInterrupted(run);
    let stopped = 0;
    worker.stop = async () => void stopped++;
    const { run: next, done } = startRun();
    await next.started;
    const offer = useUndo.getState().entries.at(-1)!;
    expect(offer.label).toBe('Started a new run in place of the interrupted one (epoch 7 of 30)');
    const undoing = runUndo(offer.id);
    // the new run is asked to stop; its answer ends it
    await vi.waitFor(() => expect(stopped).toBe(1), SLOW);
    next.finish(summary({ stopped: true }));
    await done;
    expect(await undoing).toBe(true);
    expect(useTraining.getState().interrupted?.savedAt).toBe('then');
    expect((await loadInterrupted())?.savedAt).toBe('then');
    // back in the run-to-resume slot, no longer kept apart for a reload
    expect(await loadSetAside()).toBeNull();
    // resuming it continues from its checkpoint
    let resumedFrom: unknown;
    worker.train = async (...args: unknown[]) => ((resumedFrom = args[4]), summary());
    await useTraining.getState().train({ resume: true });
    expect(useTraining.getState().error).toBeNull();
    expect(resumedFrom).toMatchObject({ epoch: 7 });
  });

  it("Resume's put-aside edits are offered back once the resumed run has ended", async () => {
    const run = cutRun(7);
    useBackbone.setState({ loaded: { id: 'mobilenet-v1-0.25', blocks: [] } as never });
    useTraining.getState().restoreInterrupted(run);
    // edited after the reload, before pressing Resume
    useTraining.getState().updateSettings({ epochs: 12, learningRate: 0.01 });
    const edited = useTraining.getState().settings;
    let finish = (_r: TrainSummary) => {};
    let called = false;
    worker.train = () => new Promise<TrainSummary>((resolve) => ((called = true), (finish = resolve)));
    worker.exportModel = async () => ({ zip: new Uint8Array(3), files: {}, notKept: null });
    const resumed = useTraining.getState().train({ resume: true });
    await vi.waitFor(() => expect(useTraining.getState().status).not.toBe('idle'));
    expect(useTraining.getState().settings.epochs).toBe(30);
    // offered once the run has ended: a toast offered as it starts would be gone long before
    await vi.waitFor(() => expect(called).toBe(true), SLOW);
    // (the tests before leave their toasts)
    const earlier = new Set(useUndo.getState().entries.map((e) => e.id));
    const resumeOffer = () =>
      useUndo.getState().entries.find((e) => !earlier.has(e.id) && e.label.startsWith('The resumed run'));
    expect(resumeOffer()).toBeUndefined();
    finish(summary());
    await resumed;
    await vi.waitFor(() => expect(resumeOffer()).toBeDefined());
    const offer = resumeOffer()!;
    expect(offer.label).toBe('The resumed run has ended: your changes to Epochs and Learning rate can come back');
    // a new run started before the undo is pressed uses the settings: refused while it trains
    useTraining.setState({ status: 'training' });
    expect(await runUndo(offer.id)).toBe(false);
    expect(resumeOffer()?.error).toMatch(/undo when it has ended/);
    useTraining.setState({ status: 'done' });
    expect(await runUndo(offer.id)).toBe(true);
    expect(useTraining.getState().settings).toEqual(edited);
  });

  it('Resume hands the worker the images in the order the run had them, not the order the project has now', async () => {
    useProject.setState({
      classes: [
        {
          id: 'c1',
          name: 'cats',
          images: [
            { id: 'i1', file: file('a.png'), url: '' },
            { id: 'i3', file: file('c.png'), url: '' },
          ],
        },
        { id: 'c2', name: 'dogs', images: [{ id: 'i2', file: file('b.png'), url: '' }] },
      ],
    });
    const run = {
      ...cutRun(7),
      images: [
        { id: 'i3', label: 0 },
        { id: 'i1', label: 0 },
        { id: 'i2', label: 1 },
      ],
    };
    useBackbone.setState({ loaded: { id: 'mobilenet-v1-0.25', blocks: [] } as never });
    useTraining.getState().restoreInterrupted(run);
    let sent: string[] = [];
    worker.train = async (_c: string[], images: { id: string }[]) => {
      sent = images.map((i) => i.id);
      throw new Error('stopped');
    };
    await useTraining.getState().train({ resume: true });
    expect(sent).toEqual(['i3', 'i1', 'i2']);
  });

  it('Resume that stops before any new epoch (or fails) offers the interrupted run again, its checkpoint kept', async () => {
    const run = cutRun(7);
    await checkpointWriter().keep(run);
    useBackbone.setState({ loaded: { id: 'mobilenet-v1-0.25', blocks: [] } as never });
    useTraining.getState().restoreInterrupted(run);
    worker.train = async () => {
      throw new Error('stopped');
    };
    await useTraining.getState().train({ resume: true });
    expect(useTraining.getState().status).toBe('stopped');
    expect(useTraining.getState().interrupted?.checkpoint.epoch).toBe(7);
    expect((await loadInterrupted())?.checkpoint.epoch).toBe(7);
  });

  it('the checkpoint of a finished run goes only once its model is in storage (a reload before can resume it)', async () => {
    const release = await finishWhileExporting();
    // the model is still being exported: a reload now finds the run to resume
    await new Promise((r) => setTimeout(r, 50));
    expect(await loadInterrupted()).toBeDefined();
    release();
    await vi.waitFor(async () => expect(await loadInterrupted()).toBeUndefined(), SLOW);
    expect(await loadSavedModel()).toBeDefined();
  });

  it("a reload for another tab or an update waits for the last run's model to be stored, not only the autosave", async () => {
    const { settleWrites } = await import('../src/state/coordinator');
    const release = await finishWhileExporting();
    let settled = false;
    const settling = settleWrites().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    // the autosave has nothing to write (it never started here): only the model's save holds the reload
    expect(settled).toBe(false);
    release();
    await settling;
    expect(await loadSavedModel()).toBeDefined();
  });

  it('New project right after a run waits for its model to be stored: undone, the run is not offered back as interrupted', async () => {
    const { replaceProject } = await import('../src/state/project-undo');
    const { emptyProject } = await import('../src/state/coordinator');
    const release = await finishWhileExporting();
    const replacing = replaceProject('Started a new project', emptyProject);
    await new Promise((r) => setTimeout(r, 30));
    release();
    await replacing;
    expect(await runUndo(latestUndo())).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(useTraining.getState().interrupted).toBeNull();
    expect(await loadInterrupted()).toBeUndefined();
    expect(await loadSavedModel()).toBeDefined();
  });

  it('the interrupted run offered back never stops a later run than the one that took its place', async () => {
    const run = cutRun(3);
    useTraining.getState().restoreInterrupted(run);
    let stopped = 0;
    worker.stop = async () => void stopped++;
    const first = startRun();
    await first.run.started;
    const offer = useUndo.getState().entries.at(-1)!.id;
    first.run.finish(summary());
    await first.done;
    const later = startRun();
    await later.run.started;
    expect(await runUndo(offer)).toBe(false);
    expect(useUndo.getState().entries.find((e) => e.id === offer)?.error).toMatch(/Another run has started since/);
    expect(stopped).toBe(0);
    later.run.finish(summary());
    await later.done;
    // both ended: the offer comes back
    expect(await runUndo(offer)).toBe(true);
    expect(useTraining.getState().interrupted?.savedAt).toBe('then');
  });

  it("keeps the newest checkpoint for a reload (the worker's writer), and the page forgets it once the run ends", async () => {
    const writer = checkpointWriter();
    const saved = (epoch: number) => cutRun(epoch, { savedAt: '' });
    for (const epoch of [1, 2, 3]) writer.keep(saved(epoch));
    await writer.settled();
    expect((await loadInterrupted())?.checkpoint).toMatchObject({ epoch: 3 });
    expect((await loadInterrupted())?.classes).toEqual(['cats', 'dogs']);
    const { run, done } = startRun();
    await run.started;
    writer.keep(saved(4));
    await writer.settled();
    run.finish(summary());
    await done;
    await vi.waitFor(async () => expect(await loadInterrupted()).toBeUndefined(), SLOW);
  });

  it("the results say whose model they are: a run's (the worker's) or one read back from storage (its zip)", async () => {
    expect(useTraining.getState().restoreResult(summary())).toBe(true);
    expect(useTraining.getState().resultStored).toBe(true);
    const { run, done } = startRun();
    await run.started;
    run.finish(summary());
    await done;
    expect(useTraining.getState().resultStored).toBe(false);
    expect(useTraining.getState().showKept(summary())).toBe(true);
    expect(useTraining.getState().resultStored).toBe(true);
  });

  it("an older model chosen again, read back after a reload, is not called the last run's, whichever comes back first", () => {
    const { recordRun } = runRecord;
    const older = summary({ valAccuracy: 0.7 });
    const newer = summary({ valAccuracy: 0.9 });
    const runs = [recordRun(older, 1, [], 'mobilenet-v1-0.25'), recordRun(newer, 2, [], 'mobilenet-v1-0.25')];
    // the run history first, then the model
    useTraining.getState().restoreRuns(runs);
    expect(useTraining.getState().restoreResult(older)).toBe(true);
    expect(useTraining.getState().lastRunShown).toBe(false);
    // the model first, then the run history
    useTraining.setState({ ...initial.training }, true);
    expect(useTraining.getState().restoreResult(older)).toBe(true);
    expect(useTraining.getState().lastRunShown).toBe(true);
    useTraining.getState().restoreRuns(runs);
    expect(useTraining.getState().lastRunShown).toBe(false);
    // the newest run's own model is
    useTraining.setState({ ...initial.training }, true);
    useTraining.getState().restoreRuns(runs);
    useTraining.getState().restoreResult(newer);
    expect(useTraining.getState().lastRunShown).toBe(true);
  });

  it("a kept model chosen again shows its own run's batch losses beside its epochs, not the newer run's", () => {
    const { recordRun } = runRecord;
    const older = summary({ valAccuracy: 0.7 });
    const newer = summary({ valAccuracy: 0.9 });
    const runs = [
      recordRun(older, 1, [{ step: 1, loss: 0.7 }], 'mobilenet-v1-0.25'),
      recordRun(newer, 2, [{ step: 1, loss: 0.9 }], 'mobilenet-v1-0.25'),
    ];
    useTraining.setState({ runs, batches: runs[1].batches!, result: newer, status: 'done' });
    expect(useTraining.getState().showKept(older)).toBe(true);
    expect(useTraining.getState().batches).toEqual([{ step: 1, loss: 0.7 }]);
  });

  it('a finished run is kept for the next visit, with the results it was shown with', async () => {
    const { run, done } = startRun();
    await run.started;
    run.finish(summary({ valAccuracy: 0.9 }));
    await done;
    await vi.waitFor(async () => expect((await loadSavedModel())?.result.valAccuracy).toBe(0.9), SLOW);
    expect([...(await loadSavedModel())!.zip]).toEqual([1, 2, 3]);
    expect(useTraining.getState().notKept).toBeNull();
  });

  it('the model a run replaced is kept and offered back; using it swaps the two, results, Try it and storage', async () => {
    worker.importModel = async () => ({ labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'center' });
    for (const valAccuracy of [0.9, 0.6]) {
      const { run, done } = startRun();
      await run.started;
      expect(useOtherModel.getState().other).toBeNull(); // nothing to go back to while a run trains
      run.finish(summary({ valAccuracy, images: { train: 8, val: 2 } }));
      await done;
      await vi.waitFor(async () => expect((await loadSavedModel())?.result.valAccuracy).toBe(valAccuracy), SLOW);
    }
    await vi.waitFor(() => expect(useOtherModel.getState().other?.valAccuracy).toBe(0.9), SLOW);
    expect(useTraining.getState().lastRunShown).toBe(true);
    await useOtherModel.getState().switchToOther();
    expect(useTraining.getState().result?.valAccuracy).toBe(0.9);
    // an earlier run's model: Evaluate does not compare it with "the run before" (it is that run)
    expect(useTraining.getState().lastRunShown).toBe(false);
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'restored', labels: ['cats', 'dogs'] });
    // stored as the last model: a reload brings back the one chosen; and the other way back is offered
    expect((await loadSavedModel())?.result.valAccuracy).toBe(0.9);
    await vi.waitFor(() => expect(useOtherModel.getState().other?.valAccuracy).toBe(0.6), SLOW);
    // a model that cannot be read back is said so, and nothing changes
    worker.importModel = async () => {
      throw new Error('the zip is damaged');
    };
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toMatch(/could not be used: the zip is damaged/);
    expect(useTraining.getState().result?.valAccuracy).toBe(0.9);
    expect((await loadSavedModel())?.result.valAccuracy).toBe(0.9);
  });

  it('the model kept beside the last one, trained on another backbone, loads that backbone first', async () => {
    const order: string[] = [];
    worker.importModel = async () => {
      order.push(`import on ${useBackbone.getState().loaded?.id}`);
      return { labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'center' };
    };
    worker.loadBackbone = async (id: string) => {
      order.push(`load ${id}`);
      if (id === 'mobilenet-v2-0.35') throw new Error('offline');
      return { id, blocks: [], source: 'local' };
    };
    await useBackbone.getState().select('mobilenet-v1-0.25-graph');
    const result = summary({ valAccuracy: 0.8, images: { train: 8, val: 2 } });
    const savedAt = new Date().toISOString();
    const keep = (zip: number, backboneId: string) =>
      keepLastModel({ zip: new Uint8Array([zip]), result, savedAt, backboneId });
    await keep(1, 'mobilenet-v1-0.25');
    await keep(2, 'mobilenet-v1-0.25-graph');
    await useOtherModel.getState().refresh();
    expect(useOtherModel.getState().other?.backboneId).toBe('mobilenet-v1-0.25');
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toBeNull();
    expect(order).toEqual(['load mobilenet-v1-0.25-graph', 'load mobilenet-v1-0.25', 'import on mobilenet-v1-0.25']);
    expect(useTraining.getState().result?.valAccuracy).toBe(0.8);
    expect([...(await loadSavedModel())!.zip]).toEqual([1]);
    // a backbone that does not load: nothing is swapped
    await keep(3, 'mobilenet-v2-0.35');
    await keep(4, 'mobilenet-v1-0.25');
    await useOtherModel.getState().refresh();
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toMatch(/backbone it was trained on could not be loaded/);
    expect([...(await loadSavedModel())!.zip]).toEqual([4]);
    // a backbone no longer listed is not even tried
    await keep(5, 'custom-gone');
    await keep(6, 'mobilenet-v1-0.25');
    await useOtherModel.getState().refresh();
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toMatch(/no longer listed/);
    expect(order.filter((o) => o.startsWith('import'))).toHaveLength(1);
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

  it('a full disk keeps the trained model on the page and says it is not kept for the next visit', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { run, done } = startRun();
    await run.started;
    run.finish(summary());
    await done;
    expect(useModelInUse.getState().model?.kind).toBe('trained');
    await vi.waitFor(
      () => expect(useTraining.getState().notKept).toMatch(/not kept for your next visit \(browser storage is full\)/),
      SLOW,
    );
  });
});
