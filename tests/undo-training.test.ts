import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InterruptedRun } from '../src/core/train/interrupted';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores, emptyProject } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useTraining } = await import('../src/state/training');
const { useUndo, runUndo, dismissUndo } = await import('../src/state/undo');
const { replaceProject } = await import('../src/state/project-undo');
const { keepInterrupted, loadInterrupted } = await import('../src/state/model-store');
const { closeDatabases } = await import('../src/core/storage/databases');

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
const image = (id: string) => ({ id, file: file(`${id}.png`), url: '' });
const undoOf = (label: RegExp) => useUndo.getState().entries.find((e) => label.test(e.label))!.id;
/** put away with its project: no toast, no Ctrl+Z, until that project is back (state/undo.ts) */
const putAway = (id: string) =>
  expect(useUndo.getState().entries.find((e) => e.id === id)).toMatchObject({ state: 'pending', otherProject: true });
const shownAgain = (id: string) =>
  expect(useUndo.getState().entries.find((e) => e.id === id)?.otherProject).toBeUndefined();
const initial = useTraining.getState();
const run = {
  checkpoint: { epoch: 12, history: [] },
  settings: { ...initial.settings, epochs: 60 },
  classes: ['cats', 'dogs'],
  images: [],
  backboneId: 'b',
  savedAt: 'then',
  split: 2,
} as unknown as InterruptedRun;
let disconnect: () => void;

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
  useUndo.setState({ entries: [] });
  useTraining.setState(initial, true);
  useProject.setState({
    locked: null,
    notice: null,
    classes: [
      { id: 'c1', name: 'cats', images: [image('a')] },
      { id: 'c2', name: 'dogs', images: [image('d')] },
    ],
  });
  disconnect = connectStores();
});
afterEach(async () => {
  for (const e of useUndo.getState().entries) await dismissUndo(e.id);
  // the restore a put-back project starts reads storage a while after its undo
  await new Promise((resolve) => setTimeout(resolve, 100));
  disconnect();
  await closeDatabases();
});

describe("the training store's undos belong to the project they were made in", () => {
  it('"Discard interrupted run" is not undone into a new project; put back, its project shows the run again and keeps its checkpoint', async () => {
    await keepInterrupted(run);
    useTraining.getState().restoreInterrupted(run);
    useTraining.getState().discardInterrupted();
    await replaceProject('Started a new project', emptyProject);
    const discard = undoOf(/^Discarded/);
    putAway(discard);
    expect(await runUndo(discard)).toBe(false);
    expect(useTraining.getState().interrupted).toBeNull();
    // the project put back brings its checkpoint back, and the page offers the run again
    expect(await runUndo(undoOf(/^Started a new project/))).toBe(true);
    await vi.waitFor(() => expect(useTraining.getState().interrupted?.savedAt).toBe('then'));
    shownAgain(discard);
    expect(await runUndo(discard)).toBe(true);
    // made final while the page offers that run again, the discard leaves its checkpoint alone
    useTraining.getState().discardInterrupted();
    const second = undoOf(/^Discarded/);
    await replaceProject('Opened other.zip', emptyProject);
    await runUndo(undoOf(/^Opened other/));
    await vi.waitFor(() => expect(useTraining.getState().interrupted?.savedAt).toBe('then'));
    await dismissUndo(second);
    expect((await loadInterrupted())?.savedAt).toBe('then');
  });

  it('"Freeze whole backbone" is not undone into a new project, and is again once its project is back', async () => {
    useTraining.getState().updateSettings({ unfreeze: 2, frozenBlocks: [] });
    useTraining.getState().freezeBackbone();
    expect(useTraining.getState().settings.unfreeze).toBe(0);
    await replaceProject('Started a new project', emptyProject);
    const freeze = undoOf(/^Froze/);
    putAway(freeze);
    expect(await runUndo(freeze)).toBe(false);
    expect(useTraining.getState().settings.unfreeze).toBe(0);
    await runUndo(undoOf(/^Started a new project/));
    shownAgain(freeze);
    expect(await runUndo(freeze)).toBe(true);
    expect(useTraining.getState().settings.unfreeze).toBe(2);
  });
});
