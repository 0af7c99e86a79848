import type { LrSchedule } from './settings';

/**
 * Multiplier of the base learning rate at progress t (0 at the first scheduled epoch, below 1 at
 * the last, so the last epoch still learns). One-cycle follows fastai's fit_one_cycle: a cosine
 * warm-up from lr/25 over the first quarter, then cosine annealing towards lr/1e5, which lets a
 * higher peak rate be used without diverging early.
 */
export function scheduleFactor(schedule: LrSchedule, t: number): number {
  const cos = (from: number, to: number, p: number) => to + ((from - to) * (1 + Math.cos(Math.PI * p))) / 2;
  if (schedule === 'cosine') return cos(1, 0, t);
  if (schedule === 'one-cycle') {
    const pctStart = 0.25;
    return t < pctStart ? cos(1 / 25, 1, t / pctStart) : cos(1, 1e-5, (t - pctStart) / (1 - pctStart));
  }
  return 1;
}

/** Learning rate of epoch `epoch` (1-based) of `epochs`, the first `skip` epochs held at the base rate. */
export function epochLearningRate(base: number, schedule: LrSchedule, epoch: number, epochs: number, skip = 0): number {
  const held = Math.min(skip, epochs - 1);
  if (epoch <= held) return base;
  return base * scheduleFactor(schedule, (epoch - 1 - held) / Math.max(1, epochs - held));
}
