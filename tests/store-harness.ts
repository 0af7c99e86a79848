import { afterEach, beforeEach, vi } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';
import { installLocalStorage, resetWorker } from './fake-worker';
import { connectStores } from '../src/state/coordinator';
import { useProject } from '../src/state/project';
import { useUndo } from '../src/state/undo';
import { closeDatabases } from '../src/core/storage/databases';

// Import after `vi.mock('../src/worker/client', () => import('./fake-worker'))`: the stores it
// connects talk to the fake worker.

/** What the worker answers for a loaded backbone: `blocks` fine-tunable blocks named "block i". */
export const backboneInfo = (id: string, blocks = 0): BackboneInfo =>
  ({
    id,
    blocks: Array.from({ length: blocks }, (_, i) => ({ name: `block ${i}` })),
    source: 'local',
  }) as unknown as BackboneInfo;

interface ResettableStore {
  getState(): unknown;
  setState(state: never, replace: true): void;
}

/**
 * Each test of the file: a fresh fake worker and local storage, `prepare`d stores connected as
 * main.tsx connects them; after it, the writes the page left running (fire and forget) ended when
 * `settle`, the stores disconnected, spies put back when `restoreMocks`, the databases closed.
 */
function storesEachTest(prepare: () => void, { settle = false, restoreMocks = false } = {}): void {
  let disconnect: () => void = () => undefined;
  beforeEach(() => {
    resetWorker();
    installLocalStorage();
    prepare();
    disconnect = connectStores();
  });
  afterEach(async () => {
    if (settle) await new Promise((resolve) => setTimeout(resolve, 50));
    disconnect();
    if (restoreMocks) vi.restoreAllMocks();
    await closeDatabases();
  });
}

/** Each test of the file starts from these stores' first state (storesEachTest). */
export function connectedStoresEachTest(stores: ResettableStore[]): void {
  const initial = stores.map((s) => s.getState());
  storesEachTest(() => stores.forEach((s, i) => s.setState(initial[i] as never, true)));
}

type ProjectState = ReturnType<typeof useProject.getState>;

export interface ProjectPage {
  /** the project each test opens on (a fresh one per test: its files are new); unlocked, no notice */
  project?: () => Partial<ProjectState>;
  /** more of the page put as each test needs it, before the stores connect */
  beforeConnect?: () => void;
  /** the writes the page left running end before the stores disconnect */
  settle?: boolean;
}

/**
 * Each test of the file opens the page on `project`, no undo offered, object URLs answered
 * (Node makes none), its stores connected (storesEachTest); spies are put back after it. A file's
 * own beforeEach, registered after this, runs once the stores are connected.
 */
export function projectStoresEachTest({ project, beforeConnect, settle }: ProjectPage = {}): void {
  storesEachTest(
    () => {
      Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
      useUndo.setState({ entries: [] });
      useProject.setState({ locked: null, notice: null, ...project?.() });
      beforeConnect?.();
    },
    { settle, restoreMocks: true },
  );
}
