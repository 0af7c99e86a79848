import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { TrainSummary } from '../src/worker/protocol';
import { cutRun } from './fixtures/interrupted-run';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useBackbone } = await import('../src/state/backbone');
const { loadInterrupted, loadSavedModel } = await import('../src/state/model-store');
const { loadSetAside } = await import('../src/state/saved-interrupted-undo');
const { checkpointWriter } = await import('../src/core/storage/checkpoint-writer');
const { useUndo, runUndo, dismissUndo } = await import('../src/state/undo');
const { startRun } = await import('./fixtures/driven-run');
const {
  SLOW,
  finishWhileExporting,
  latestUndo,
  pngFile: file,
  summary,
  trainingStoreEachTest,
} = await import('./helpers-training-store');

trainingStoreEachTest();

describe('training store against a fake worker', () => {
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
});
