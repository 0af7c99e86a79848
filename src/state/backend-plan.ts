import type { BackendChoice, BackendInfo, BackendPlan } from '../worker/protocol';

const KEY = 'transfer-studio-backend-plan';
const CHOICE_KEY = 'transfer-studio-backend-choice';

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or blocked: it holds for this visit only
  }
}

/** The last calibration's choice per job (the worker uses it only on the hardware it was measured on). */
export function storedPlan(): BackendPlan | null {
  const plan = read<BackendPlan>(KEY);
  return plan && typeof plan.signature === 'string' && typeof plan.extraction === 'string' ? plan : null;
}

export function keepPlan(plan: BackendPlan): void {
  write(KEY, plan);
}

/** The backend and head backend picked by hand, remembered for the next visits on this hardware. */
export function storedChoice(): BackendChoice | null {
  const choice = read<BackendChoice>(CHOICE_KEY);
  return choice && typeof choice.signature === 'string' ? choice : null;
}

/** Adds to the remembered choice (a choice made on other hardware is replaced); null forgets it (a calibration is newer). */
export function keepChoice(signature: string, pick: Omit<BackendChoice, 'signature'> | null): void {
  const old = storedChoice();
  write(CHOICE_KEY, pick && { ...(old?.signature === signature ? old : {}), ...pick, signature });
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
