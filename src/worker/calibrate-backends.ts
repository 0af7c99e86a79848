import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbones/backbone';
import { fastest, measureBackend, type CalibrationRow } from '../core/backend-timing';
import { barOf } from '../core/calibration-bar';
import { BackendLostError } from '../core/backend-fault';
import { watchBackend } from './backend-guard';
import type {
  BackboneInfo,
  BackendChoice,
  BackendInfo,
  BackendPlan,
  BackendProbe,
  Calibration,
  CalibrationOutcome,
} from './protocol';

/**
 * The order backends are measured in: wasm first (it starts in a moment and is never slow), so
 * each later backend is held against its figures and one that is clearly slower is not repeated.
 */
export function measureOrder(names: readonly string[]): string[] {
  return [...names.filter((n) => n === 'wasm'), ...names.filter((n) => n !== 'wasm')];
}

/**
 * A calibration and the backbone it timed (null: none could be loaded): the figures hold for that
 * backbone only (a large one can favour another backend than the default one).
 */
export interface MeasuredCalibration extends Calibration {
  backboneId: string | null;
}

/** A plan and the backbone it was measured with (state/backend-plan.ts applies it to that one only). */
export interface MeasuredPlan extends BackendPlan {
  backboneId?: string;
}

/**
 * One backend's figures, raced against its loss: on a lost WebGL context readbacks never settle
 * (worker/backend-guard.ts), and a calibration left waiting held the worker's gate for good.
 */
async function measureRow(
  name: string,
  load: () => Promise<Backbone>,
  bar: ReturnType<typeof barOf>,
  measured: (id: string) => void,
): Promise<CalibrationRow> {
  const watch = watchBackend();
  const held: { copy: Backbone | null } = { copy: null };
  let abandoned = false;
  const measuring = (async () => {
    const copy = await load();
    if (abandoned) {
      // loaded after the loss was reported: nobody disposes it otherwise
      copy.dispose();
      throw new Error('abandoned');
    }
    held.copy = copy;
    measured(copy.spec.id);
    return measureBackend(copy, 3, bar);
  })();
  measuring.catch(() => undefined);
  try {
    return { name, ok: true, ...(await Promise.race([measuring, watch.lost])) };
  } catch (err) {
    const lost = err instanceof BackendLostError;
    return {
      name,
      ok: false,
      error: lost ? `it stopped working while measured: ${err.reason}` : (err as Error).message,
    };
  } finally {
    abandoned = true;
    watch.stop();
    try {
      held.copy?.dispose();
    } catch {
      // its tensors went with the lost device
    }
  }
}

/**
 * Runs the calibration on every backend this browser offers, each with its own copy of the
 * backbone (weights must live on the backend that runs them), then puts the active backend back.
 * A backend that fails, or is lost while measured, is a row with its error, never a failed
 * calibration. Rows come back in the probes' order, whatever order they were measured in.
 */
export async function calibrateBackends(
  probes: readonly BackendProbe[],
  load: () => Promise<Backbone>,
  onProgress: (done: number, total: number, detail: string) => void,
): Promise<MeasuredCalibration> {
  const original = tf.getBackend();
  const offered = probes.filter((p) => p.ok).map((p) => p.name);
  const names = measureOrder(offered);
  const rows: CalibrationRow[] = [];
  let backboneId: string | null = null;
  try {
    for (const [i, name] of names.entries()) {
      onProgress(i, names.length, `${name}: warming up`);
      try {
        if (!(await tf.setBackend(name))) throw new Error('the backend did not start');
        await tf.ready();
      } catch (err) {
        rows.push({ name, ok: false, error: (err as Error).message });
        continue;
      }
      rows.push(await measureRow(name, load, barOf(rows), (id) => (backboneId = id)));
    }
  } finally {
    await tf.setBackend(original);
    await tf.ready();
  }
  onProgress(names.length, names.length, 'done');
  rows.sort((a, b) => offered.indexOf(a.name) - offered.indexOf(b.name));
  return { rows, best: fastest(rows), active: original, backboneId };
}

/** What the worker's backend state offers a calibration to follow (worker/backend-state.ts). */
export interface FollowedBackends {
  ready(): Promise<BackendInfo>;
  setPlan(plan: BackendPlan | null, choice: BackendChoice | null): void;
  choose(preferred: string, why: string): Promise<BackendInfo>;
  setHead(name: string | null, reason: string): Promise<BackendInfo>;
  restore(info: BackendInfo): Promise<BackendInfo>;
  forgetLost(failed: readonly { name: string; error?: string }[]): Promise<BackendInfo>;
}

/**
 * Follows a calibration in the worker, so the page makes one call and shows what comes back:
 * the plan (extraction where forward passes were fastest, the head where dense steps were) becomes
 * the worker's, extraction moves to its backend (the backbone is reloaded there, `reload`: weights
 * live on the backend that runs them; the same backend keeps it and only the reason changes), and
 * the head trains on its own. A plan that names one backend for both leaves the head at home.
 * A backbone that cannot be loaded there keeps extraction where it was (its weights live there).
 * A backend lost while measured is no longer offered, as after a run's fallback (backend-state.ts forgetLost).
 */
export async function followCalibration(
  calibration: Calibration & { backboneId?: string | null },
  backends: FollowedBackends,
  reload: () => Promise<BackboneInfo | null>,
  onProgress: (done: number, total: number, detail: string) => void,
): Promise<CalibrationOutcome> {
  const { extraction, headTraining } = calibration.best;
  // a backend lost while measured is dropped after the plan's choice (which probes afresh and would
  // offer it again): left registered, a later pick of it, or a choice falling through to it, got the lost instance
  const failed = calibration.rows.filter((r) => !r.ok);
  if (!extraction)
    return {
      calibration,
      plan: null,
      backend: failed.length ? await backends.forgetLost(failed) : null,
      reloaded: null,
    };
  const before = await backends.ready();
  const plan: MeasuredPlan = {
    signature: before.signature,
    ...(calibration.backboneId && { backboneId: calibration.backboneId }),
    extraction,
    headTraining: headTraining && headTraining !== extraction ? headTraining : null,
    measuredAt: new Date().toISOString(),
  };
  // a calibration is newer than what was picked by hand before it
  backends.setPlan(plan, null);
  await backends.choose(extraction, 'fastest for feature extraction in the calibration just now');
  let reloaded: CalibrationOutcome['reloaded'] = null;
  if (extraction !== before.active) {
    const total = calibration.rows.length;
    onProgress(total, total, `loading the backbone onto ${extraction}`);
    // as a user's backend switch would: a failed load is the backbone's error, not the calibration's
    try {
      const backbone = await reload();
      reloaded = backbone && { backbone };
    } catch (err) {
      await backends.restore(before);
      reloaded = { error: (err as Error).message };
    }
  }
  const headed = await backends.setHead(plan.headTraining, 'fastest for head training in the calibration just now');
  const backend = failed.length ? await backends.forgetLost(failed) : headed;
  return { calibration, plan, backend, reloaded };
}
