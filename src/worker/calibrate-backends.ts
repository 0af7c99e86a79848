import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbones/backbone';
import { fastest, measureBackend, type CalibrationRow } from '../core/backend-timing';
import type { BackendProbe, Calibration } from './protocol';

/**
 * Runs the calibration on every backend this browser offers, each with its own copy of the
 * backbone (weights must live on the backend that runs them), then puts the active backend back.
 * A backend that fails is a row with its error, never a failed calibration.
 */
export async function calibrateBackends(
  probes: readonly BackendProbe[],
  load: () => Promise<Backbone>,
  onProgress: (done: number, total: number, detail: string) => void,
): Promise<Calibration> {
  const original = tf.getBackend();
  const names = probes.filter((p) => p.ok).map((p) => p.name);
  const rows: CalibrationRow[] = [];
  try {
    for (const [i, name] of names.entries()) {
      onProgress(i, names.length, `${name}: warming up`);
      let backbone: Backbone | null = null;
      try {
        if (!(await tf.setBackend(name))) throw new Error('the backend did not start');
        await tf.ready();
        backbone = await load();
        rows.push({ name, ok: true, ...(await measureBackend(backbone)) });
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
  return { rows, best: fastest(rows), active: original };
}
