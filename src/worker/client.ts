import * as Comlink from 'comlink';
import { storedChoice, storedPlan } from '../state/backend-plan';
import type { StudioWorkerApi } from './protocol';

/** The one place the page crosses into the training worker. */
let remote: Comlink.Remote<StudioWorkerApi> | null = null;

export function studioWorker(): Comlink.Remote<StudioWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./studio.worker.ts', import.meta.url), { type: 'module', name: 'studio' });
    remote = Comlink.wrap<StudioWorkerApi>(worker);
    // first message: the worker's first backend choice can then follow the last calibration and the user's picks
    void remote.setBackendPlan(storedPlan(), storedChoice());
  }
  return remote;
}

/** Callbacks must be proxied to cross the worker boundary. */
export const proxy = Comlink.proxy;
