import type { BackendPlan } from '../worker/protocol';

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
