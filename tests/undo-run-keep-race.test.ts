import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { InterruptedRun } from '../src/core/train/interrupted';
import { cutRun } from './fixtures/interrupted-run';
import { trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** keepInterrupted's answer held back after its write: the window in which the stopped run's save can end */
const gate = vi.hoisted(() => ({ keepWritten: false, release: null as null | (() => void) }));
vi.mock('../src/state/model-store', async (actual) => {
  const real = await actual<typeof import('../src/state/model-store')>();
  return {
    ...real,
    keepInterrupted: async (run: InterruptedRun) => {
      const why = await real.keepInterrupted(run);
      gate.keepWritten = true;
      await new Promise<void>((resolve) => (gate.release = resolve));
      return why;
    },
  };
});

const { worker } = await import('./fake-worker');
const { openTrainingPage, closeTrainingPage } = await import('./helpers-training-page');
const { useTraining } = await import('../src/state/training');
const { loadInterrupted } = await import('../src/state/model-store');
const { keepInterrupted: keepForReal } =
  await vi.importActual<typeof import('../src/state/model-store')>('../src/state/model-store');
const { useUndo, runUndo } = await import('../src/state/undo');

const interrupted = cutRun(7);

beforeEach(openTrainingPage);
afterEach(closeTrainingPage);

it('"Undo new run" keeps the checkpoint it put back when the stopped run’s model is saved meanwhile', async () => {
  await keepForReal(interrupted);
  useTraining.getState().restoreInterrupted(interrupted);
  let stopped = 0;
  worker.stop = async () => void stopped++;
  let finish = (_r: unknown) => {};
  worker.train = () => new Promise((resolve) => (finish = resolve));
  let saved = (_bundle: unknown) => {};
  worker.exportModel = () => new Promise((resolve) => (saved = resolve));

  const run = useTraining.getState().train();
  await vi.waitFor(() => expect(useUndo.getState().entries.at(-1)?.label).toMatch(/^Started a new run/));
  const undoing = runUndo(useUndo.getState().entries.at(-1)!.id);
  await vi.waitFor(() => expect(stopped).toBe(1));
  finish(trainSummary({ stopped: true }));
  await run;
  // the undo has put the checkpoint back; the stopped run's model reaches storage before it answers
  await vi.waitFor(() => expect(gate.keepWritten).toBe(true));
  saved({ zip: new Uint8Array(3), files: {}, notKept: null });
  expect(await useTraining.getState().modelKept()).toBe(true);
  gate.release!();
  expect(await undoing).toBe(true);

  expect(useTraining.getState().interrupted?.savedAt).toBe('then');
  // what a reload offers to resume
  expect((await loadInterrupted())?.savedAt).toBe('then');
});
