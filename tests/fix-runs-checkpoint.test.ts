import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InterruptedRun } from '../src/core/train/interrupted';
import type { StudioEvent, TrainSummary } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useBackbone } = await import('../src/state/backbone');
const { connectStores } = await import('../src/state/coordinator');
const { checkpointWriter } = await import('../src/core/storage/checkpoint-writer');
const { closeDatabases } = await import('../src/core/storage/databases');
const { loadInterrupted } = await import('../src/state/model-store');
const { useUndo, runUndo, dismissUndo } = await import('../src/state/undo');
const { runEvents } = await import('../src/state/training-events');
const { createElement } = await import('react');
const { renderToStaticMarkup } = await import('react-dom/server');
const { CheckpointNotKept, InterruptedRun } = await import('../src/ui/InterruptedRun');

const initial = { training: useTraining.getState(), backbone: useBackbone.getState() };
const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
const cut = (epoch: number, savedAt = 'then') =>
  ({
    checkpoint: { epoch, history: [], values: [], early: null },
    settings: { ...useTraining.getState().settings, epochs: 30 },
    classes: ['cats', 'dogs'],
    images: [
      { id: 'i1', label: 0 },
      { id: 'i2', label: 1 },
    ],
    backboneId: 'mobilenet-v1-0.25',
    savedAt,
    split: 2,
  }) as unknown as InterruptedRun;
/** storage full: every put into IndexedDB is refused */
const fillStorage = () =>
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });

let disconnect: () => void;
beforeEach(() => {
  resetWorker();
  installLocalStorage();
  disconnect = connectStores();
  useUndo.setState({ entries: [] });
  useTraining.setState(initial.training, true);
  useBackbone.setState({ ...initial.backbone, loaded: { id: 'mobilenet-v1-0.25', blocks: [] } as never });
  useProject.setState({
    classes: [
      { id: 'c1', name: 'cats', images: [{ id: 'i1', file: file('a.png'), url: '' }] },
      { id: 'c2', name: 'dogs', images: [{ id: 'i2', file: file('b.png'), url: '' }] },
    ],
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const e of useUndo.getState().entries) await dismissUndo(e.id);
  await useTraining.getState().modelKept();
  disconnect();
  await closeDatabases();
});

describe('a training checkpoint storage refuses', () => {
  it('is told to the run (once per refusal, and when one is kept again), not only logged', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const told: (string | null)[] = [];
    const writer = checkpointWriter((why) => told.push(why));
    writer.keep(cut(1));
    await writer.settled();
    const full = fillStorage();
    writer.keep(cut(2));
    await writer.settled();
    writer.keep(cut(3));
    await writer.settled();
    full.mockRestore();
    writer.keep(cut(4));
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
    let emit = (_e: StudioEvent) => {};
    let finish = (_r: TrainSummary) => {};
    let called = false;
    worker.train = (_c: unknown, _i: unknown, _s: unknown, onEvent: (e: StudioEvent) => void) =>
      new Promise<TrainSummary>((resolve) => ((emit = onEvent), (finish = resolve), (called = true)));
    worker.exportModel = async () => ({ zip: new Uint8Array(3), files: {}, notKept: null });
    const done = useTraining.getState().train();
    await vi.waitFor(() => expect(called).toBe(true));
    emit({ type: 'checkpoint', refused: 'browser storage is full' });
    expect(useTraining.getState().checkpointRefused).toBe('browser storage is full');
    finish({
      classes: ['cats', 'dogs'],
      history: [{ epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75 }],
      settings: useTraining.getState().settings,
      valAccuracy: 0.75,
      stopped: false,
      backend: 'wasm',
    } as unknown as TrainSummary);
    await done;
    expect(useTraining.getState().checkpointRefused).toBeNull();
  });

  it('an interrupted run offered back that storage would not keep again says a reload loses it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const run = cut(7);
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
      Object.assign(state, { interrupted: cut(7) });
      expect(text(createElement(InterruptedRun, { resumeDisabled: false }))).toContain(
        'Storage refused to keep this run (browser storage is full): resume it before the page reloads or closes, or it is lost.',
      );
      // cut short under the split before version 2: no change to the project makes it resumable, so no "yet"
      Object.assign(state, { interrupted: { ...cut(7), split: undefined }, checkpointRefused: null });
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
