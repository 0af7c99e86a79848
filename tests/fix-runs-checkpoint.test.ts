import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { trainSummary } from './fixtures/train-summary';
import { cutRun } from './fixtures/interrupted-run';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useTraining } = await import('../src/state/training');
const { checkpointWriter } = await import('../src/core/storage/checkpoint-writer');
const { loadInterrupted } = await import('../src/state/model-store');
const { useUndo, runUndo } = await import('../src/state/undo');
const { worker } = await import('./fake-worker');
const { trainingPageEachTest } = await import('./helpers-training-page');
const { startRun } = await import('./fixtures/driven-run');
const { runEvents } = await import('../src/state/training-events');
const { createElement } = await import('react');
const { renderToStaticMarkup } = await import('react-dom/server');
const { CheckpointNotKept, InterruptedRun } = await import('../src/ui/InterruptedRun');

/** storage full: every put into IndexedDB is refused */
const fillStorage = () =>
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });

trainingPageEachTest();

describe('a training checkpoint storage refuses', () => {
  it('is told to the run (once per refusal, and when one is kept again), not only logged', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const told: (string | null)[] = [];
    const writer = checkpointWriter((why) => told.push(why));
    writer.keep(cutRun(1));
    await writer.settled();
    const full = fillStorage();
    writer.keep(cutRun(2));
    await writer.settled();
    writer.keep(cutRun(3));
    await writer.settled();
    full.mockRestore();
    writer.keep(cutRun(4));
    await writer.settled();
    expect(told).toEqual([null, 'browser storage is full', null]);
    expect((await loadInterrupted())?.checkpoint.epoch).toBe(4);
  });

  it('is kept in the training state from the run’s event, beside the run, until one is kept again', () => {
    let state = { status: 'training', phase: null, batches: [], epochs: [], checkpointRefused: null } as never;
    const events = runEvents({
      get: () => state,
      set: (patch) =>
        void (state = { ...(state as object), ...(typeof patch === 'function' ? patch(state) : patch) } as never),
      names: new Map(),
      firstModel: () => undefined,
      fellBack: () => undefined,
    });
    events.onEvent({ type: 'checkpoint', refused: 'browser storage is full' });
    expect((state as { checkpointRefused: unknown }).checkpointRefused).toBe('browser storage is full');
    events.onEvent({ type: 'gathered', events: [{ type: 'checkpoint', refused: null }] });
    expect((state as { checkpointRefused: unknown }).checkpointRefused).toBeNull();
  });

  it('in a run of the training store: said while it trains, gone once it finishes', async () => {
    const { run, done } = startRun();
    await run.started;
    run.emit({ type: 'checkpoint', refused: 'browser storage is full' });
    expect(useTraining.getState().checkpointRefused).toBe('browser storage is full');
    run.finish(trainSummary());
    await done;
    expect(useTraining.getState().checkpointRefused).toBeNull();
  });

  it('an interrupted run offered back that storage would not keep again says a reload loses it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const run = cutRun(7);
    useTraining.getState().restoreInterrupted(run);
    let stopped = 0;
    worker.stop = async () => void stopped++;
    let finish = (_r: unknown) => {};
    worker.train = () => new Promise((resolve) => (finish = resolve));
    const next = useTraining.getState().train();
    await vi.waitFor(() => expect(useUndo.getState().entries.at(-1)?.label).toMatch(/^Started a new run/));
    const undoing = runUndo(useUndo.getState().entries.at(-1)!.id);
    await vi.waitFor(() => expect(stopped).toBe(1));
    fillStorage();
    finish({ ...useTraining.getState(), stopped: true, history: [], classes: ['cats', 'dogs'] });
    await next;
    expect(await undoing).toBe(true);
    // still here to resume in this page, and the page says a reload would lose it
    expect(useTraining.getState().interrupted?.savedAt).toBe('then');
    expect(useTraining.getState().checkpointRefused).toBe('browser storage is full');
  });

  it('is said in one plain line beside the run, and beside an interrupted run offered to resume', () => {
    const text = (el: Parameters<typeof renderToStaticMarkup>[0]) =>
      renderToStaticMarkup(el)
        .replace(/<[^>]+>/g, '')
        .replace(/&#x27;|&rsquo;|’/g, "'");
    expect(text(createElement(CheckpointNotKept))).toBe('');
    // server rendering reads the store's initial state: the state under test goes there for a while
    const state = useTraining.getInitialState();
    const before = { ...state };
    try {
      Object.assign(state, { checkpointRefused: 'browser storage is full' });
      expect(text(createElement(CheckpointNotKept))).toBe(
        "Storage refused this run's checkpoint (browser storage is full): training goes on, but until the browser has room again a reload or closing the page leaves nothing to resume.",
      );
      Object.assign(state, { interrupted: cutRun(7) });
      expect(text(createElement(InterruptedRun, { resumeDisabled: false }))).toContain(
        'Storage refused to keep this run (browser storage is full): resume it before the page reloads or closes, or it is lost.',
      );
      // cut short under the split before version 2: no change to the project makes it resumable, so no "yet"
      Object.assign(state, { interrupted: { ...cutRun(7), split: undefined }, checkpointRefused: null });
      const outdated = text(createElement(InterruptedRun, { resumeDisabled: false }));
      expect(outdated).toContain('by an earlier version of the studio');
      expect(outdated).toContain(
        'it cannot be resumed. Train starts a new run; “Discard interrupted run” removes this offer.',
      );
      expect(outdated).not.toContain('Cannot resume yet');
      expect(outdated).not.toContain('continues from epoch');
    } finally {
      Object.assign(state, before);
    }
  });
});
