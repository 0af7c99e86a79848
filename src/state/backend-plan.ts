import type { BackendInfo, BackendPlan } from '../worker/protocol';

const KEY = 'transfer-studio-backend-plan';

/** The last calibration's choice per job (the worker uses it only on the hardware it was measured on). */
export function storedPlan(): BackendPlan | null {
  try {
    const raw = localStorage.getItem(KEY);
    const plan = raw ? (JSON.parse(raw) as BackendPlan) : null;
    return plan && typeof plan.signature === 'string' && typeof plan.extraction === 'string' ? plan : null;
  } catch {
    return null;
  }
}

export function keepPlan(plan: BackendPlan): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(plan));
  } catch {
    // storage full or blocked: the plan holds for this visit only
  }
}

/**
 * The backends a first visit measures by itself, or null when it need not: with a hardware GPU
 * (whether it beats wasm for each job depends on the card and the backbone) and no plan measured
 * on this hardware yet. Software renderers and plain cpu are left out: on every machine measured
 * so far they lose to wasm. `?calibrate=auto` asks for it anyway (tests, curious users).
 */
export function autoCalibration(backend: BackendInfo, search: string): string[] | null {
  const plan = storedPlan();
  if (plan && plan.signature === backend.signature) return null;
  const forced = /[?&]calibrate=auto\b/.test(search);
  if (!forced && !backend.probes.some((p) => p.ok && p.software === false)) return null;
  return backend.probes.filter((p) => p.ok && !p.software && p.name !== 'cpu').map((p) => p.name);
}
