import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { trainingPageEachTest } = await import('./helpers-training-page');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { usePersistence } = await import('../src/state/persist-status');
const { reloadIntoUpdate, updateReady, useAppUpdate } = await import('../src/state/app-update');
const { guardLeaving, leavingLoses, leaveOnPurpose, unkept, MODEL_WRITING, UNKEPT_ON_LEAVE } =
  await import('../src/state/leave-guard');
const { modelZipDownloaded } = await import('../src/state/coordinator');

/** what the browser's beforeunload does with the page's answer: true when it would ask */
function asks(): boolean {
  const target = new EventTarget();
  const stop = guardLeaving(target as never);
  const e = new Event('beforeunload', { cancelable: true });
  // Node's Event has returnValue as a getter only; a browser's BeforeUnloadEvent takes a write
  Object.defineProperty(e, 'returnValue', { value: undefined, writable: true });
  target.dispatchEvent(e);
  stop();
  return e.defaultPrevented;
}

/** a run that ends with its model's export held back until `save` is called */
function finishingRun(notKept: string | null = null) {
  let save = () => {};
  worker.train = async () => trainSummary();
  worker.exportModel = () =>
    new Promise((resolve) => (save = () => resolve({ zip: new Uint8Array(3), files: {}, notKept })));
  return { run: useTraining.getState().train(), save: () => save() };
}

describe('leaving the page while work would be lost', () => {
  trainingPageEachTest();

  it('asks while a finished run’s model is still being written, and not once it is stored', async () => {
    expect(asks()).toBe(false);
    const { run, save } = finishingRun();
    await run;
    await vi.waitFor(() => expect(useTraining.getState().status).toBe('done'));
    // "Training finished" is on the page; the model is not in storage yet
    expect(leavingLoses()).toBe(MODEL_WRITING);
    expect(asks()).toBe(true);
    save();
    expect(await useTraining.getState().modelKept()).toBe(true);
    await vi.waitFor(() => expect(leavingLoses()).toBeNull());
    expect(asks()).toBe(false);
  });

  it('asks while storage refused the model (only the worker holds it), with the way to keep it', async () => {
    const { run, save } = finishingRun('the storage is full');
    await run;
    save();
    expect(await useTraining.getState().modelKept()).toBe(false);
    await vi.waitFor(() => expect(leavingLoses()).toBe(UNKEPT_ON_LEAVE));
    expect(asks()).toBe(true);
  });

  it('stops asking once that model’s zip was downloaded, and asks again for the next model storage refuses', async () => {
    const first = finishingRun('the storage is full');
    await first.run;
    first.save();
    expect(await useTraining.getState().modelKept()).toBe(false);
    await vi.waitFor(() => expect(asks()).toBe(true));
    // the Export panel's "Download model (zip)": the person holds the model, which Import brings back
    modelZipDownloaded(useTraining.getState().result!);
    expect(leavingLoses()).toBeNull();
    expect(asks()).toBe(false);
    // the page still drops it with a backbone change or New project: those questions stay (unkept)
    expect(unkept(useTraining.getState())).toBe(true);

    const second = finishingRun('the storage is full');
    await second.run;
    second.save();
    expect(await useTraining.getState().modelKept()).toBe(false);
    await vi.waitFor(() => expect(leavingLoses()).toBe(UNKEPT_ON_LEAVE));
    expect(asks()).toBe(true);
  });

  it('asks while images are still coming in, and while the autosave fails', () => {
    useProject.setState({ adding: { done: 3, total: 40 } } as never);
    expect(leavingLoses()).toMatch(/^Images are still being added/);
    expect(asks()).toBe(true);
    useProject.setState({ adding: null } as never);
    expect(asks()).toBe(false);
    usePersistence.setState({ status: 'error' });
    expect(leavingLoses()).toMatch(/not fully saved/);
    expect(asks()).toBe(true);
    usePersistence.setState({ status: 'idle' });
    expect(asks()).toBe(false);
  });

  it('asks again when the update the person chose could not start (the page did not reload)', async () => {
    useProject.setState({ adding: { done: 3, total: 40 } } as never);
    updateReady(async () => {
      throw new Error('the new service worker went away');
    });
    // "Reload anyway": the person was told what a reload could lose
    await reloadIntoUpdate(true);
    expect(useAppUpdate.getState().waiting).toMatch(/^The update could not start/);
    expect(asks()).toBe(true);
    useProject.setState({ adding: null } as never);
  });

  it('does not ask during a run (a reload leaves a checkpoint to resume), nor when the page reloads itself', async () => {
    let finish: ((r: unknown) => void) | null = null;
    worker.train = () => new Promise((resolve) => (finish = resolve));
    worker.exportModel = async () => ({ zip: new Uint8Array(3), files: {}, notKept: null });
    const run = useTraining.getState().train();
    await vi.waitFor(() => expect(finish).not.toBeNull());
    expect(asks()).toBe(false);
    finish!(trainSummary());
    await run;

    useProject.setState({ adding: { done: 3, total: 40 } } as never);
    expect(asks()).toBe(true);
    // another tab took the project, or the person chose the update: the page's own reload is not asked
    leaveOnPurpose();
    expect(asks()).toBe(false);
    leaveOnPurpose(false);
    useProject.setState({ adding: null } as never);
  });
});
