import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InterruptedRun } from '../src/core/train/interrupted';
import type { TrainSummary } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });

/** A page: the stores as a fresh load has them, wired, with the project's two images. */
async function page() {
  // the fake worker the stores of this page call (through the mocked client)
  const { worker, resetWorker, installLocalStorage } =
    (await import('../src/worker/client')) as unknown as typeof import('./fake-worker');
  resetWorker();
  // localStorage outlives a reload
  if (!(globalThis as { localStorage?: unknown }).localStorage) installLocalStorage();
  const { useTraining } = await import('../src/state/training');
  const { useProject } = await import('../src/state/project');
  const { useBackbone } = await import('../src/state/backbone');
  const { connectStores } = await import('../src/state/coordinator');
  const undo = await import('../src/state/undo');
  const { closeDatabases } = await import('../src/core/storage/databases');
  const { loadPutAside } = await import('../src/state/saved-undo');
  const disconnect = connectStores();
  useBackbone.setState({ loaded: { id: 'mobilenet-v1-0.25', blocks: [] } as never });
  useProject.setState({
    classes: [
      { id: 'c1', name: 'cats', images: [{ id: 'i1', file: file('a.png'), url: '' }] },
      { id: 'c2', name: 'dogs', images: [{ id: 'i2', file: file('b.png'), url: '' }] },
    ],
  });
  const offered = (label: RegExp) => undo.useUndo.getState().entries.find((e) => label.test(e.label));
  /** the page goes (a reload, or the project taken into another tab) */
  const leave = async () => {
    disconnect();
    await closeDatabases();
    vi.resetModules();
  };
  return { worker, useTraining, ...undo, offered, leave, loadPutAside };
}

const cutAtSeven = (settings: object) =>
  ({
    checkpoint: { epoch: 7, history: [], values: [], early: null },
    // epochs typed by hand: the manual recipe, as the form makes it
    settings: { ...settings, epochs: 30, recipe: 'manual' },
    classes: ['cats', 'dogs'],
    images: [
      { id: 'i1', label: 0 },
      { id: 'i2', label: 1 },
    ],
    backboneId: 'mobilenet-v1-0.25',
    savedAt: 'then',
    split: 2,
    features: 384,
  }) as unknown as InterruptedRun;

beforeEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
  vi.resetModules();
});
afterEach(() => {
  vi.resetModules();
});

/** Resume pressed with settings edited since the run was cut short; the run goes on (never answers). */
async function resumeWithEdits() {
  const p = await page();
  p.useTraining.getState().restoreInterrupted(cutAtSeven(p.useTraining.getState().settings));
  p.useTraining.getState().updateSettings({ epochs: 12, learningRate: 0.01, recipe: 'manual' });
  const edited = p.useTraining.getState().settings;
  let called = false;
  let finish = (_r: TrainSummary) => {};
  p.worker.train = () => new Promise<TrainSummary>((resolve) => ((called = true), (finish = resolve)));
  p.worker.exportModel = async () => ({ zip: new Uint8Array(3), files: {}, notKept: null });
  const done = p.useTraining.getState().train({ resume: true });
  await vi.waitFor(() => expect(called).toBe(true));
  // the run's own settings are the page's now, and the autosave stores them
  const resumed = p.useTraining.getState().settings;
  expect(resumed.epochs).toBe(30);
  return { p, edited, resumed, finish, done };
}

describe('the edits "Resume training" put aside', () => {
  it('are offered back after a reload during the resumed run, as its end would have', async () => {
    const { p, edited, resumed } = await resumeWithEdits();
    await vi.waitFor(async () => expect(await p.loadPutAside()).not.toBeNull());
    await p.leave();

    // the reloaded page: its restored settings are the run's, and the run is offered to resume again
    const after = await page();
    after.useTraining.getState().replaceSettings(resumed);
    await after.useTraining.getState().revivePutAside();
    const offer = after.offered(/^Resume training put your changes/);
    expect(offer?.label).toBe('Resume training put your changes to Epochs and Learning rate aside: they can come back');
    expect(await after.runUndo(offer!.id)).toBe(true);
    expect(after.useTraining.getState().settings).toEqual(edited);
    // taken: a later reload offers nothing
    expect(await after.loadPutAside()).toBeNull();
    await after.leave();
  });

  it('stay stored while the offer at the run’s end is up, and go once it is made final', async () => {
    const { p, finish, done, resumed } = await resumeWithEdits();
    finish({
      classes: ['cats', 'dogs'],
      history: [{ epoch: 8, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75 }],
      settings: resumed,
      valAccuracy: 0.75,
      stopped: false,
      backend: 'wasm',
    } as unknown as TrainSummary);
    await done;
    await p.useTraining.getState().modelKept();
    await vi.waitFor(() => expect(p.offered(/^The resumed run has ended/)).toBeDefined());
    // a reload while it is up would offer them again
    expect(await p.loadPutAside()).not.toBeNull();
    await p.dismissUndo(p.offered(/^The resumed run has ended/)!.id);
    expect(await p.loadPutAside()).toBeNull();
    await p.leave();
  });

  it('are not offered after a reload once the settings changed, or in another project', async () => {
    for (const change of ['settings', 'project'] as const) {
      const { p, resumed } = await resumeWithEdits();
      await vi.waitFor(async () => expect(await p.loadPutAside()).not.toBeNull());
      await p.leave();
      const after = await page();
      after.useTraining.getState().replaceSettings(change === 'settings' ? { ...resumed, epochs: 77 } : resumed);
      if (change === 'project') {
        // a New project before the reload (its number outlives the reload)
        const { generations, setGenerations } = await import('../src/state/project-generations');
        const { issued } = generations();
        setGenerations({ current: issued + 1, issued: issued + 1 });
      }
      await after.useTraining.getState().revivePutAside();
      expect(after.offered(/put your changes/)).toBeUndefined();
      expect(await after.loadPutAside()).toBeNull();
      await after.leave();
    }
  });
});
