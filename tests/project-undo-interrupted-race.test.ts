import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InterruptedRun } from '../src/core/train/interrupted';
import { cutRun } from './fixtures/interrupted-run';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/**
 * The page's next read of the run to resume, held once storage has answered and before the page
 * uses the answer (a slow read): `read` gets what storage gave, and the page goes on at `go`.
 */
const reads = vi.hoisted(() => ({
  hold: null as null | { read: (run: InterruptedRun | undefined) => void; go: Promise<void> },
}));
vi.mock('../src/state/model-store', async (original) => {
  const actual = await original<typeof import('../src/state/model-store')>();
  return {
    ...actual,
    loadInterrupted: async () => {
      const run = await actual.loadInterrupted();
      const held = reads.hold;
      reads.hold = null;
      if (held) {
        held.read(run);
        await held.go;
      }
      return run;
    },
  };
});

const { projectStoresEachTest } = await import('./store-harness');
const { emptyProject } = await import('../src/state/coordinator');
const { useTraining } = await import('../src/state/training');
const { useUndo, runUndo, newestUndoable } = await import('../src/state/undo');
const { replaceProject } = await import('../src/state/project-undo');
const { keepInterrupted, loadInterrupted } = await import('../src/state/model-store');
const { loadSetAside, setAsideInterrupted } = await import('../src/state/saved-interrupted-undo');
const { openDatabase } = await import('../src/core/storage/databases');

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
projectStoresEachTest({
  // the two images the interrupted runs were trained on (tests/fixtures/interrupted-run.ts)
  project: () => ({
    classes: [
      { id: 'c1', name: 'cats', images: [{ id: 'i1', file: file('a.png'), url: '' }] },
      { id: 'c2', name: 'dogs', images: [{ id: 'i2', file: file('b.png'), url: '' }] },
    ],
  }),
  settle: true,
});
beforeEach(async () => {
  await (await openDatabase('model')).clear('model');
  reads.hold = null;
  useTraining.setState({ interrupted: null, status: 'idle' });
});

const offered = (label: RegExp) => useUndo.getState().entries.find((e) => label.test(e.label));
const SET_ASIDE = /^Started a new run in place of the interrupted one/;
const NEW_PROJECT = /^Started a new project/;

/**
 * A reload cut short the run that took the place of an interrupted one: the new run ('new', epoch 2)
 * is the run to resume, the old one ('then', epoch 7) waits set aside, its undo offered again.
 */
async function reloadedDuringNewRun(): Promise<void> {
  await setAsideInterrupted(cutRun(7, { savedAt: 'then' }));
  const newRun = cutRun(2, { savedAt: 'new' });
  expect(await keepInterrupted(newRun)).toBeNull();
  useTraining.getState().restoreInterrupted(newRun);
  await useTraining.getState().revivePutAside();
  expect(offered(SET_ASIDE)).toBeDefined();
}

describe("New project's undo, and at once the set-aside run's (Ctrl+Z pressed twice)", () => {
  it('leaves the set-aside run offered and stored, not the run storage was read for before it was put back', async () => {
    await reloadedDuringNewRun();
    await replaceProject('Started a new project', emptyProject);
    expect(useTraining.getState().interrupted).toBeNull();
    expect(offered(SET_ASIDE)?.otherProject).toBe(true);

    let read!: (run: InterruptedRun | undefined) => void;
    const wasRead = new Promise<InterruptedRun | undefined>((resolve) => (read = resolve));
    let go!: () => void;
    reads.hold = { read, go: new Promise<void>((resolve) => (go = resolve)) };
    const projectBack = runUndo(offered(NEW_PROJECT)!.id);
    // the earlier project is back, and the page reads its run to resume: the new run, from the stash
    expect((await wasRead)?.savedAt).toBe('new');
    // its set-aside run's undo is back with it, and is what the second Ctrl+Z takes
    const aside = offered(SET_ASIDE)!;
    expect(aside.otherProject).toBeFalsy();
    expect(newestUndoable()?.id).toBe(aside.id);
    expect(await runUndo(aside.id)).toBe(true);
    expect(useTraining.getState().interrupted?.savedAt).toBe('then');

    // the read made before that put-back reaches the page only now
    go();
    expect(await projectBack).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // the page offers to resume the run storage holds: the one the undo put back
    expect(useTraining.getState().interrupted).toMatchObject({ savedAt: 'then', checkpoint: { epoch: 7 } });
    expect(await loadInterrupted()).toMatchObject({ savedAt: 'then', checkpoint: { epoch: 7 } });
    expect(await loadSetAside()).toBeNull();
  });
});
