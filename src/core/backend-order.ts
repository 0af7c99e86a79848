// Which backend the studio would run on by itself, given what the browser offers: the worker tries
// them in this order (after the user's own pick), and the page offers the first as "recommended"
// once a person has picked another.

/** what a probe of a backend found (worker/protocol.ts BackendProbe) */
interface Probe {
  name: string;
  ok: boolean;
  adapter?: string;
  /** a software renderer (SwiftShader) rather than a GPU */
  software?: boolean;
}

/** a calibration's choice (worker/protocol.ts BackendPlan), when measured on this hardware */
interface Plan {
  extraction: string;
  /** ISO date */
  measuredAt: string;
}

export interface Candidate {
  name: string;
  reason: string;
}

/**
 * The backends in the order the studio prefers them by itself: what a calibration on this hardware
 * measured fastest for feature extraction, then each hardware GPU (WebGPU, then WebGL), then wasm
 * (the fastest CPU path for frozen forward passes and dense heads), then cpu.
 */
export function automaticOrder(probes: readonly Probe[], plan: Plan | null): Candidate[] {
  const hardware = probes.filter((p) => p.ok && p.software === false);
  const order: Candidate[] = [];
  if (plan)
    order.push({
      name: plan.extraction,
      reason: `fastest for feature extraction when calibrated on ${plan.measuredAt.slice(0, 10)}`,
    });
  for (const h of hardware) order.push({ name: h.name, reason: `hardware GPU: ${h.adapter}` });
  order.push({
    name: 'wasm',
    reason: hardware.length
      ? 'wasm is the fastest CPU backend'
      : 'no hardware GPU found; wasm is the fastest CPU backend',
  });
  order.push({ name: 'cpu', reason: 'fallback: the other backends failed to start' });
  return order;
}

/** The first backend of the automatic order that the probes found working (cpu always works). */
export function recommendedBackend(probes: readonly Probe[], plan: Plan | null): Candidate {
  const works = (name: string) => probes.find((p) => p.name === name)?.ok !== false;
  return automaticOrder(probes, plan).find((c) => works(c.name))!;
}
