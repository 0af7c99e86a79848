import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InterruptedRun } from '../src/core/train/interrupted';
import type { TrainSummary } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });

/** A page: the stores as a fresh load has them, wired, with the project's two images. */
async function page() {
  const { worker, resetWorker, installLocalStorage } =
    (await import('../src/worker/client')) as unknown as typeof import('./fake-worker');
  resetWorker();
  if (!(globalThis as { localStorage?: unknown }).localStorage) installLocalStorage();
  const { useTraining } = await import('../src/state/training');
  const { useProject } = await import('../src/state/project');
  const { useBackbone } = await import('../src/state/backbone');
  const { connectStores } = await import('../src/state/coordinator');
  const undo = await import('../src/state/undo');
  const { closeDatabases } = await import('../src/core/storage/databases');
  const { checkpointWriter } = await import('../src/core/storage/checkpoint-writer');
  const { loadInterrupted } = await import('../src/state/model-store');
  const aside = await import('../src/state/saved-interrupted-undo');
  const disconnect = connectStores();
  useBackbone.setState({ loaded: { id: 'mobilenet-v1-0.25', blocks: [] } as never });
  useProject.setState({
    classes: [
      { id: 'c1', name: 'cats', images: [{ id: 'i1', file: file('a.png'), url: '' }] },
      { id: 'c2', name: 'dogs', images: [{ id: 'i2', file: file('b.png'), url: '' }] },
    ],
  });
  const offered = (label: RegExp) => undo.useUndo.getState().entries.find((e) => label.test(e.label));
  /** what the training worker does: a run's checkpoint written to storage */
  const writeCheckpoint = async (run: InterruptedRun) => {
    const writer = checkpointWriter();
    writer.keep(run);
    await writer.settled();
  };
  /** the page goes (a reload, or the tab closed) */
  const leave = async () => {
    disconnect();
    await closeDatabases();
    vi.resetModules();
  };
  return { worker, useTraining, ...undo, ...aside, offered, leave, loadInterrupted, writeCheckpoint };
}

const cut = (savedAt: string, epoch: number) =>
  ({
    checkpoint: { epoch, history: [], values: [new Float32Array([1, 2])], early: null },
    settings: { epochs: 30, recipe: 'manual' },
    classes: ['cats', 'dogs'],
    images: [
      { id: 'i1', label: 0 },
      { id: 'i2', label: 1 },
    ],
    backboneId: 'mobilenet-v1-0.25',
    savedAt,
    split: 2,
    features: 384,
  }) as unknown as InterruptedRun;

/** The page offers an interrupted run (kept in storage), and Train starts a new run over it (which never answers). */
async function trainOver() {
  const p = await page();
  const old = { ...cut('then', 7), settings: { ...p.useTraining.getState().settings, epochs: 30 } };
  await p.writeCheckpoint(old);
  p.useTraining.getState().restoreInterrupted(old);
  let called = false;
  p.worker.train = () => new Promise<TrainSummary>(() => (called = true));
  void p.useTraining.getState().train();
  await vi.waitFor(() => expect(called).toBe(true));
  await vi.waitFor(async () => expect(await p.loadSetAside()).not.toBeNull());
  return { p, old };
}

beforeEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
  vi.resetModules();
});
afterEach(() => {
  vi.resetModules();
});

const SET_ASIDE = /^Started a new run in place of the interrupted one/;

describe('an interrupted run a new run took the place of', () => {
  it('waits in storage apart from the run to resume, and a reload offers its undo, which puts it back', async () => {
    const { p } = await trainOver();
    // not where a reload looks for the run to resume: that is the new run's place now
    expect(await p.loadInterrupted()).toBeUndefined();
    expect((await p.loadSetAside())?.run).toMatchObject({ savedAt: 'then', checkpoint: { epoch: 7 } });
    // the new run got through two epochs before the reload
    await p.writeCheckpoint(cut('new', 2));
    await p.leave();

    const after = await page();
    // as restore-trained does: the cut-off new run is the one to resume now
    const newRun = await after.loadInterrupted();
    after.useTraining.getState().restoreInterrupted(newRun!);
    await after.useTraining.getState().revivePutAside();
    const offer = after.offered(SET_ASIDE);
    expect(offer?.label).toBe(
      'Started a new run in place of the interrupted one (epoch 7 of 30) before the page reloaded',
    );
    expect(await after.runUndo(offer!.id)).toBe(true);
    expect(after.useTraining.getState().interrupted).toMatchObject({ savedAt: 'then', checkpoint: { epoch: 7 } });
    expect(await after.loadInterrupted()).toMatchObject({ savedAt: 'then', checkpoint: { epoch: 7 } });
    // taken: no longer set aside, and the next reload offers nothing
    expect(await after.loadSetAside()).toBeNull();
    await after.leave();
    const again = await page();
    await again.useTraining.getState().revivePutAside();
    expect(again.offered(SET_ASIDE)).toBeUndefined();
    expect((await again.loadInterrupted())?.savedAt).toBe('then');
    await again.leave();
  });

  it('is forgotten once its undo is made final, and a reload then offers nothing', async () => {
    const { p } = await trainOver();
    const offer = p.offered(SET_ASIDE)!;
    expect(offer.label).toBe('Started a new run in place of the interrupted one (epoch 7 of 30)');
    await p.dismissUndo(offer.id);
    expect(await p.loadSetAside()).toBeNull();
    await p.leave();
    const after = await page();
    await after.useTraining.getState().revivePutAside();
    expect(after.offered(SET_ASIDE)).toBeUndefined();
    await after.leave();
  });

  it('is forgotten by a reload that comes after its undo ran out', async () => {
    const p = await page();
    await p.setAsideInterrupted(cut('then', 7), -1);
    await p.leave();
    const after = await page();
    await after.useTraining.getState().revivePutAside();
    expect(after.offered(SET_ASIDE)).toBeUndefined();
    expect(await after.loadSetAside()).toBeNull();
    await after.leave();
  });
});
