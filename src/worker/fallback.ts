import * as tf from '@tensorflow/tfjs';
import { BackendLostError, isBackendFault, nextBackend } from '../core/backend-fault';
import type { Checkpoint } from '../core/train/epochs';
import { watchBackend } from './backend-guard';

export interface Fallback {
  from: string;
  to: string;
  reason: string;
  /** the last completed epoch: training continues after it */
  epoch: number;
}

/**
 * Runs a training job and, when its backend falls over (device or context lost, a missing
 * kernel, out of memory), continues on the next backend from the last completed epoch. The
 * job gets the checkpoint to resume from and reports new ones; cached features are plain arrays,
 * so nothing is extracted twice. When the head was training on another backend than the active one
 * and that one fails (the error names it), the run continues on the active backend instead.
 * The abandoned run is told to stop at its next step, if it ever
 * takes one (a lost WebGL context can leave it waiting forever; it is simply let go). What it
 * returns after that is ignored here: `run` disposes it, seeing `abandoned()` (train-model.ts).
 */
export async function withFallback<T>(
  run: (
    resume: Checkpoint | undefined,
    onCheckpoint: (c: Checkpoint) => void,
    abandoned: () => boolean,
    failed: readonly string[],
  ) => Promise<T>,
  available: readonly string[],
  /** activate `backend`; `reason` says why the one before it failed */
  switchTo: (backend: string, reason: string) => Promise<void>,
  onFallback: (f: Fallback) => void,
  /** a checkpoint to start from (a run interrupted by a reload) */
  start?: Checkpoint,
): Promise<T> {
  let checkpoint: Checkpoint | undefined = start;
  const failed: string[] = [];
  for (;;) {
    const from = tf.getBackend();
    const watch = watchBackend();
    let gaveUp = false;
    const running = run(
      checkpoint,
      (c) => (checkpoint = c),
      () => gaveUp,
      failed,
    );
    running.catch(() => undefined);
    try {
      return await Promise.race([running, watch.lost]);
    } catch (err) {
      if (!isBackendFault(err)) throw err;
      gaveUp = true;
      const reason = err instanceof BackendLostError ? err.reason : (err as Error).message;
      // the backend the head was training on, when that is not the active one: the run goes on
      // here, where the backbone lives, and leaves that backend out (run sees it in `failed`)
      const side = err instanceof BackendLostError && err.backend !== from ? err.backend : null;
      if (side) {
        failed.push(side);
        onFallback({ from: side, to: from, reason, epoch: checkpoint?.epoch ?? 0 });
        continue;
      }
      failed.push(from);
      const to = await switchOn(failed, available, (b) => switchTo(b, reason));
      if (!to) throw err;
      onFallback({ from, to, reason, epoch: checkpoint?.epoch ?? 0 });
    } finally {
      watch.stop();
    }
  }
}

/**
 * The next backend that starts, in the fallback order; null when none does. A GPU process that
 * crashed often takes WebGL down with WebGPU: the run goes on on wasm rather than failing there.
 */
async function switchOn(
  failed: string[],
  available: readonly string[],
  switchTo: (backend: string) => Promise<void>,
): Promise<string | null> {
  for (let to = nextBackend(failed, available); to; to = nextBackend(failed, available)) {
    try {
      await switchTo(to);
      return to;
    } catch {
      failed.push(to);
    }
  }
  return null;
}
