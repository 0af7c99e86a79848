import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { TrainSettings } from '../src/core/train/settings';
import type { TrainSummary } from '../src/worker/protocol';
import { cutRun } from './fixtures/interrupted-run';
import { loadPage, reloadsEachTest } from './fixtures/reloaded-page';
import { trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** A page load, with the edits Resume put aside as storage holds them. */
async function page() {
  const p = await loadPage();
  const { loadPutAside } = await import('../src/state/saved-undo');
  return { ...p, loadPutAside };
}

/** epochs typed by hand: the manual recipe, as the form makes it */
const cutAtSeven = (settings: TrainSettings) => cutRun(7, { settings: { ...settings, epochs: 30, recipe: 'manual' } });

reloadsEachTest();

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
    finish(trainSummary({ settings: resumed }));
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
