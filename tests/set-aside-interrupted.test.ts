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
  const generations = await import('../src/state/project-generations');
  const { projectUndoContext } = await import('../src/state/project-undo');
  const disconnect = connectStores();
  /** the undos the autosave stored with the project when the page before went, as persist hands them over */
  const storedWithProject = (stored: unknown) =>
    projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => stored });
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
  return {
    worker,
    useTraining,
    ...undo,
    ...aside,
    ...generations,
    offered,
    leave,
    loadInterrupted,
    writeCheckpoint,
    storedWithProject,
  };
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
  vi.restoreAllMocks();
  vi.resetModules();
});

/** the clock moved on by `ms` (the set-aside slot and the stored undos age alike) */
const real = Date.now.bind(Date);
function later(ms: number) {
  vi.spyOn(Date, 'now').mockImplementation(() => real() + ms);
}

/** what the autosave stores of the pending undos, as JSON (state/persist.ts) */
const stored = (p: { savedUndos(): unknown }) => JSON.parse(JSON.stringify(p.savedUndos())) as unknown;

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

describe('the set-aside run across a reload, as the other stored undos', () => {
  it('held open past its 15 s (pointer or focus), a reload offers it again, with the run', async () => {
    const { p } = await trainOver();
    p.pauseUndo(p.offered(SET_ASIDE)!.id);
    const undos = stored(p);
    await p.leave();
    later(60_000);
    const after = await page();
    after.storedWithProject(undos);
    await after.useTraining.getState().revivePutAside();
    expect(after.offered(SET_ASIDE)?.label).toBe(
      'Started a new run in place of the interrupted one (epoch 7 of 30) before the page reloaded',
    );
    expect((await after.loadSetAside())?.run.savedAt).toBe('then');
    await after.leave();
  });

  it('not held, it runs out as its toast did: a reload after that forgets the run', async () => {
    const { p } = await trainOver();
    const undos = stored(p);
    await p.leave();
    later(60_000);
    const after = await page();
    after.storedWithProject(undos);
    await after.useTraining.getState().revivePutAside();
    expect(after.offered(SET_ASIDE)).toBeUndefined();
    expect(await after.loadSetAside()).toBeNull();
    await after.leave();
  });

  it('let go of with a moment left, it lasts past the 15 s from the click, as its toast did', async () => {
    const { p } = await trainOver();
    const id = p.offered(SET_ASIDE)!.id;
    // held while its last half second ran: let go of, it gets 5 s more
    later(14_500);
    p.pauseUndo(id);
    p.resumeUndo(id);
    const undos = stored(p);
    await p.leave();
    later(17_000);
    const after = await page();
    after.storedWithProject(undos);
    await after.useTraining.getState().revivePutAside();
    expect(after.offered(SET_ASIDE)).toBeDefined();
    expect((await after.loadSetAside())?.run.savedAt).toBe('then');
    await after.leave();
  });
});

describe('the revived set-aside toast has the time its toast had left, as the other stored undos', () => {
  it.each([
    ['held open with 12 s left, a reload gives it those 12 s, not a fresh 15', 3_000, 12_000],
    ['held with a moment left, a reload gives it at least 8 s', 14_000, 8_000],
  ])('%s', async (_, heldAt, left) => {
    const { p } = await trainOver();
    const id = p.offered(SET_ASIDE)!.id;
    later(heldAt);
    p.pauseUndo(id);
    const undos = stored(p);
    await p.leave();
    later(60_000);
    const after = await page();
    after.storedWithProject(undos);
    await after.useTraining.getState().revivePutAside();
    const given = after.offered(SET_ASIDE)!.expiresAt - Date.now();
    expect(given).toBeGreaterThan(left - 1_000);
    expect(given).toBeLessThanOrEqual(left);
    await after.leave();
  });
});

describe('the set-aside run belongs to the project it was set aside in', () => {
  it('New or Open project puts its undo away, and the project put back brings it back', async () => {
    const { p } = await trainOver();
    const made = p.currentProject();
    const { issued } = p.generations();
    p.setGenerations({ current: issued + 1, issued: issued + 1 });
    const offer = p.offered(SET_ASIDE)!;
    expect(offer.otherProject).toBe(true);
    // neither a click that reached it nor Ctrl+Z puts one project's run into another
    expect(p.newestUndoable()?.id).not.toBe(offer.id);
    expect(await p.runUndo(offer.id)).toBe(false);
    expect(p.useTraining.getState().interrupted).toBeNull();
    p.backToProject(made);
    expect(p.offered(SET_ASIDE)?.otherProject).toBeFalsy();
    expect(p.newestUndoable()?.id).toBe(offer.id);
    await p.leave();
  });

  it('revived after a reload in another project, it stays put away until its own is back', async () => {
    const { p } = await trainOver();
    const made = p.currentProject();
    const { issued } = p.generations();
    p.setGenerations({ current: issued + 1, issued: issued + 1 });
    const undos = stored(p);
    await p.leave();
    for (const list of [undos, null]) {
      // null: the project's undo list could not be read, and the slot says where it was made
      const after = await page();
      after.storedWithProject(list);
      expect(after.currentProject()).not.toBe(made);
      await after.useTraining.getState().revivePutAside();
      const offer = after.offered(SET_ASIDE)!;
      expect(offer.otherProject).toBe(true);
      expect(await after.runUndo(offer.id)).toBe(false);
      after.backToProject(made);
      expect(after.offered(SET_ASIDE)?.otherProject).toBeFalsy();
      after.setGenerations({ ...after.generations(), current: issued + 1 });
      await after.leave();
    }
  });
});
