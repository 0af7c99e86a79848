import * as Comlink from 'comlink';
import type { StudioWorkerApi } from './protocol';
import { watchedRemote } from './watched';

type Remote = Comlink.Remote<StudioWorkerApi>;

/** The one place the page crosses into the training worker. */
let remote: Remote | null = null;
let firstWords: ((worker: Remote) => void) | null = null;

/**
 * What a new worker hears before anything else. The page sets it once at start-up
 * (state/coordinator.ts: the stored backend plan, so the worker's first backend choice follows the
 * last calibration); this side of the boundary knows nothing of the page's stores.
 */
export function onWorkerStart(first: (worker: Remote) => void): void {
  firstWords = first;
}

export function studioWorker(): Remote {
  if (!remote) {
    const worker = new Worker(new URL('./studio.worker.ts', import.meta.url), { type: 'module', name: 'studio' });
    remote = watchedRemote<StudioWorkerApi>(worker, 'training worker');
    firstWords?.(remote);
  }
  return remote;
}

/** Callbacks must be proxied to cross the worker boundary. */
export const proxy = Comlink.proxy;
