/**
 * Temporal smoothing of class probabilities: an exponential moving average over frames.
 * `amount` 0 passes frames through unchanged; 0.9 keeps 90% of the running average each frame
 * (steady labels, slower to react). The average restarts when the class list changes.
 */
export class ProbabilitySmoother {
  private avg: number[] | null = null;

  constructor(public amount = 0) {}

  reset(): void {
    this.avg = null;
  }

  push(probabilities: readonly number[]): number[] {
    const a = clampAmount(this.amount);
    if (!this.avg || this.avg.length !== probabilities.length || a === 0) {
      this.avg = probabilities.slice();
      return this.avg.slice();
    }
    const avg = this.avg;
    for (let i = 0; i < avg.length; i++) avg[i] = a * avg[i] + (1 - a) * probabilities[i];
    return avg.slice();
  }
}

export function clampAmount(amount: number): number {
  if (!Number.isFinite(amount)) return 0;
  return Math.min(0.99, Math.max(0, amount));
}
