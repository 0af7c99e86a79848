import { afterEach, beforeEach, vi } from 'vitest';
import type { TrainSummary } from '../src/worker/protocol';
import { installLocalStorage, resetWorker, worker } from './fake-worker';
import { cutRun } from './fixtures/interrupted-run';
import { startRun } from './fixtures/driven-run';
import { trainSummary } from './fixtures/train-summary';
import { checkpointWriter } from '../src/core/storage/checkpoint-writer';
import { closeDatabases } from '../src/core/storage/databases';
import { nextSlice } from '../src/core/frame-slices';
import { useBackbone } from '../src/state/backbone';
import { connectStores } from '../src/state/coordinator';
import { useOtherModel } from '../src/state/other-model';
import { useProject } from '../src/state/project';
import { useTraining } from '../src/state/training';
import { useUndo } from '../src/state/undo';

// Import after `vi.mock('../src/worker/client', () => import('./fake-worker'))`: the stores it
// connects talk to the fake worker.

/** a busy machine can be slow to settle */
export const SLOW = { timeout: 30_000 };

export const latestUndo = () => useUndo.getState().entries.at(-1)!.id;

export const initialStores = { training: useTraining.getState(), backbone: useBackbone.getState() };

// the settings the page has as the run answers
export const summary = (over: Partial<TrainSummary> = {}) =>
  trainSummary({ settings: useTraining.getState().settings, ...over });

/** a one-byte PNG file: the project's images here are never decoded */
export const pngFile = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });

/**
 * Each test of the file: a fresh fake worker and local storage, the stores connected, the training
 * and backbone stores at their first state, a project of two classes of one image each. After it,
 * what the run left being stored or queued in slices has ended, timers are real and spies put back.
 */
export function trainingStoreEachTest(): void {
  let disconnect: () => void;
  afterEach(() => disconnect());

  beforeEach(() => {
    resetWorker();
    disconnect = connectStores();
    installLocalStorage();
    useTraining.setState(initialStores.training, true);
    useBackbone.setState(initialStores.backbone, true);
    useProject.setState({
      classes: [
        { id: 'c1', name: 'cats', images: [{ id: 'i1', file: pngFile('a.png'), url: '' }] },
        { id: 'c2', name: 'dogs', images: [{ id: 'i2', file: pngFile('b.png'), url: '' }] },
      ],
    });
  });
  afterEach(async () => {
    // a finished run's model is still being kept (and its checkpoint forgotten after it): not into the next test
    await useTraining.getState().modelKept();
    // nor the offer of the model it moved aside, read from storage once it is kept
    await useOtherModel.getState().refresh();
    // a timer the run left (a slice waiting for its frame) fires now, not dropped with the fake clock
    if (vi.isFakeTimers()) await vi.runOnlyPendingTimersAsync();
    vi.useRealTimers();
    // what the run left in the page's slices (a first model's hand-over to Try it) runs while the
    // stores are still connected: queued after it, this slice comes once it has run
    await nextSlice();
    vi.restoreAllMocks();
    await closeDatabases();
  });
}

/**
 * A run that finishes with a checkpoint in storage (kept by the worker's writer while it trained)
 * and its model's export held: resolves once the page has the result; the returned call lets the
 * export (and the keeping of the model) go on.
 */
export async function finishWhileExporting(): Promise<() => void> {
  const { run, done } = startRun();
  await run.started;
  const writer = checkpointWriter();
  writer.keep(cutRun(7));
  await writer.settled();
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const exportModel = worker.exportModel;
  worker.exportModel = (async (...args: never[]) => {
    await held;
    return exportModel(...args);
  }) as never;
  run.finish(summary());
  await done;
  return release;
}
