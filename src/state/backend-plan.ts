import { DEFAULT_BACKBONE_ID } from '../core/backbones/registry';
import { recommendedBackend, type Candidate } from '../core/backend-order';
import { readLocal, writeLocal } from '../core/storage/local';
import type { MeasuredPlan } from '../worker/calibrate-backends';
import type { BackendChoice, BackendInfo } from '../worker/protocol';

/**
 * The last calibration's choice per job (the worker uses it only on the hardware it was measured
 * on). Given `backboneId`, only a plan measured with that backbone: which backend wins depends on
 * the backbone too.
 */
export function storedPlan(backboneId?: string): MeasuredPlan | null {
  const plan = readLocal('backendPlan') as MeasuredPlan | null;
  if (!plan || typeof plan.signature !== 'string' || typeof plan.extraction !== 'string') return null;
  // kept before plans named their backbone: measured by a first visit's calibration, on the default one
  return backboneId === undefined || (plan.backboneId ?? DEFAULT_BACKBONE_ID) === backboneId ? plan : null;
}

export function keepPlan(plan: MeasuredPlan): void {
  writeLocal('backendPlan', plan);
}

/**
 * The backend the studio would run on by itself here (what the worker tries after a pick by hand):
 * offered back once a person has picked another. `backboneId`: the plan the worker was given is the one measured with it.
 */
export function recommendedFor(backend: BackendInfo, backboneId: string): Candidate {
  const plan = storedPlan(backboneId);
  return recommendedBackend(backend.probes, plan && plan.signature === backend.signature ? plan : null);
}

/** The backend and head backend picked by hand, remembered for the next visits on this hardware. */
export function storedChoice(): BackendChoice | null {
  const choice = readLocal('backendChoice') as BackendChoice | null;
  return choice && typeof choice.signature === 'string' ? choice : null;
}

/** Adds to the remembered choice (a choice made on other hardware is replaced); null forgets it (a calibration is newer). */
export function keepChoice(signature: string, pick: Omit<BackendChoice, 'signature'> | null): void {
  const old = storedChoice();
  writeLocal('backendChoice', pick && { ...(old?.signature === signature ? old : {}), ...pick, signature });
}

/**
 * The backends a first visit measures by itself, or null when it need not: with a hardware GPU
 * (whether it beats wasm for each job depends on the card and the backbone) and no plan measured
 * on this hardware yet, with this backbone (`backboneId`; without it, with any). Software
 * renderers and plain cpu are left out: on every machine measured so far they lose to wasm.
 * `?calibrate=auto` asks for it anyway (tests, curious users).
 */
export function autoCalibration(backend: BackendInfo, search: string, backboneId?: string): string[] | null {
  const plan = storedPlan(backboneId);
  if (plan && plan.signature === backend.signature) return null;
  const forced = /[?&]calibrate=auto\b/.test(search);
  if (!forced && !backend.probes.some((p) => p.ok && p.software === false)) return null;
  return backend.probes.filter((p) => p.ok && !p.software && p.name !== 'cpu').map((p) => p.name);
}
