import * as tf from '@tensorflow/tfjs';
import { BackendLostError } from '../backend-fault';
import { lendBackend } from './backend-lease';
import { headVariables, type Head } from './head';

/**
 * Where head training runs when it is not where the backbone lives (calibration found another
 * backend faster for dense steps than for convolutions, or the user chose one). `guard` wraps the
 * work once that backend is active: the studio's worker races it against a lost GPU there.
 */
export interface HeadBackend {
  name: string;
  guard?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** `headBackend` when it is not the active backend (else the head trains right here: null). */
export function separateHeadBackend(headBackend: HeadBackend | undefined): HeadBackend | null {
  return headBackend && headBackend.name !== tf.getBackend() ? headBackend : null;
}

/** Runs head work on `away` (active for the work's whole duration), inside its guard. */
export function runOnHeadBackend<T>(away: HeadBackend, work: () => Promise<T>): Promise<T> {
  return onBackend(away.name, () => (away.guard ? away.guard(work) : work()));
}

/**
 * Runs `work` with `name` as the active backend and puts the previous one back, whatever happens.
 * Tensors made inside live on `name`; reading or disposing them later works from any backend.
 * Page-facing work (backend-lease.ts atHome) still runs at home meanwhile, at the work's reads.
 */
export async function onBackend<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (name === tf.getBackend()) return work();
  return lendBackend(
    name,
    async (home) => {
      if (!(await tf.setBackend(name).catch(() => false))) {
        // tfjs names a backend active before its initialisation fails: everything after would run on
        // nothing anyone chose. As a lost backend, the run's fallback trains the head at home instead.
        await tf.setBackend(home);
        await tf.ready();
        throw new BackendLostError(name, 'it did not start');
      }
      await tf.ready();
    },
    work,
  );
}

/**
 * A copy of `head` on the active backend, built by `build` (the same shape), with the trained
 * values; the original (trained elsewhere) is disposed. The values are read back asynchronously
 * (a WebGPU tensor cannot be read synchronously, so tfjs' own lazy move between backends would
 * fail there).
 */
export async function moveHeadToActiveBackend(head: Head, build: () => Head): Promise<Head> {
  const values = await Promise.all(headVariables(head).map((v) => v.data()));
  head.dispose();
  const copy = build();
  tf.tidy(() => headVariables(copy).forEach((v, i) => v.assign(tf.tensor(values[i], v.shape, v.dtype))));
  return copy;
}
