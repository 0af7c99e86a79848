import { afterEach, beforeEach } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';
import { installLocalStorage, resetWorker } from './fake-worker';
import { connectStores } from '../src/state/coordinator';
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
 * Each test of the file starts from these stores' first state, with a fresh fake worker and local
 * storage, the stores connected as main.tsx connects them; after it they are disconnected and the
 * databases closed.
 */
export function connectedStoresEachTest(stores: ResettableStore[]): void {
  const initial = stores.map((s) => s.getState());
  let disconnect: () => void = () => undefined;
  beforeEach(() => {
    resetWorker();
    installLocalStorage();
    stores.forEach((s, i) => s.setState(initial[i] as never, true));
    disconnect = connectStores();
  });
  afterEach(async () => {
    disconnect();
    await closeDatabases();
  });
}
