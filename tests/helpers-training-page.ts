import { afterEach, beforeEach, vi } from 'vitest';
import { resetWorker, installLocalStorage } from './fake-worker';
import { useTraining } from '../src/state/training';
import { useProject } from '../src/state/project';
import { useBackbone } from '../src/state/backbone';
import { connectStores } from '../src/state/coordinator';
import { closeDatabases } from '../src/core/storage/databases';
import { useUndo, dismissUndo } from '../src/state/undo';

/**
 * A page about to train, for the training store tests: two images (cats and dogs) on the loaded
 * MobileNet v1. Import it after `vi.mock('../src/worker/client', () => import('./fake-worker'))`
 * (and any other vi.mock of the stores it loads).
 */

// as the stores start: each test begins from them
const initial = { training: useTraining.getState(), backbone: useBackbone.getState() };
const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
let disconnect: (() => void) | null = null;

export function openTrainingPage(): void {
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
}

/** Its undos made final (none left to the next test), its stores disconnected. */
export async function closeTrainingPage(): Promise<void> {
  for (const e of useUndo.getState().entries) await dismissUndo(e.id);
  disconnect?.();
  disconnect = null;
  await closeDatabases();
}

/**
 * Each test of the file on a fresh training page; after it, spies put back (a storage refusal ends
 * with its test), its run's model kept, the page closed.
 */
export function trainingPageEachTest(): void {
  beforeEach(openTrainingPage);
  afterEach(async () => {
    vi.restoreAllMocks();
    await useTraining.getState().modelKept();
    await closeTrainingPage();
  });
}
