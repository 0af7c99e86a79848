import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbones/backbone';
import { fastest, measureBackend, type CalibrationRow } from '../core/backend-timing';
import { barOf } from '../core/calibration-bar';
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
 * Runs the calibration on every backend this browser offers, each with its own copy of the
 * backbone (weights must live on the backend that runs them), then puts the active backend back.
 * A backend that fails is a row with its error, never a failed calibration. Rows come back in
 * the probes' order, whatever order they were measured in.
 */
export async function calibrateBackends(
  probes: readonly BackendProbe[],
  load: () => Promise<Backbone>,
  onProgress: (done: number, total: number, detail: string) => void,
): Promise<Calibration> {
  const original = tf.getBackend();
  const offered = probes.filter((p) => p.ok).map((p) => p.name);
  const names = measureOrder(offered);
  const rows: CalibrationRow[] = [];
  try {
    for (const [i, name] of names.entries()) {
      onProgress(i, names.length, `${name}: warming up`);
      let backbone: Backbone | null = null;
      try {
        if (!(await tf.setBackend(name))) throw new Error('the backend did not start');
        await tf.ready();
        backbone = await load();
        rows.push({ name, ok: true, ...(await measureBackend(backbone, 3, barOf(rows))) });
      } catch (err) {
        rows.push({ name, ok: false, error: (err as Error).message });
      } finally {
        backbone?.dispose();
      }
    }
  } finally {
    await tf.setBackend(original);
    await tf.ready();
  }
  onProgress(names.length, names.length, 'done');
  rows.sort((a, b) => offered.indexOf(a.name) - offered.indexOf(b.name));
  return { rows, best: fastest(rows), active: original };
}

/** What the worker's backend state offers a calibration to follow (worker/backend-state.ts). */
export interface FollowedBackends {
  ready(): Promise<BackendInfo>;
  setPlan(plan: BackendPlan | null, choice: BackendChoice | null): void;
  choose(preferred: string, why: string): Promise<BackendInfo>;
  setHead(name: string | null, reason: string): Promise<BackendInfo>;
  restore(info: BackendInfo): Promise<BackendInfo>;
}

/**
 * Follows a calibration in the worker, so the page makes one call and shows what comes back:
 * the plan (extraction where forward passes were fastest, the head where dense steps were) becomes
 * the worker's, extraction moves to its backend (the backbone is reloaded there, `reload`: weights
 * live on the backend that runs them; the same backend keeps it and only the reason changes), and
 * the head trains on its own. A plan that names one backend for both leaves the head at home.
 * A backbone that cannot be loaded there keeps extraction where it was (its weights live there).
 */
export async function followCalibration(
  calibration: Calibration,
  backends: FollowedBackends,
  reload: () => Promise<BackboneInfo | null>,
  onProgress: (done: number, total: number, detail: string) => void,
): Promise<CalibrationOutcome> {
  const { extraction, headTraining } = calibration.best;
  if (!extraction) return { calibration, plan: null, backend: null, reloaded: null };
  const before = await backends.ready();
  const plan: BackendPlan = {
    signature: before.signature,
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
  const backend = await backends.setHead(plan.headTraining, 'fastest for head training in the calibration just now');
  return { calibration, plan, backend, reloaded };
}
