/**
 * Frames per second over a sliding window of completion times (ms, e.g. performance.now()). The
 * last two completions stay however old: a loop slower than one frame per window read 0 ("measuring"
 * for as long as it ran, on a busy machine); a frame overdue lowers the rate while it waits.
 */
export class FpsMeter {
  private times: number[] = [];

  constructor(private readonly windowMs = 2000) {}

  reset(): void {
    this.times = [];
  }

  tick(now: number): void {
    this.times.push(now);
    this.trim(now);
  }

  fps(now: number): number {
    this.trim(now);
    const t = this.times;
    if (t.length < 2) return 0;
    const span = t[t.length - 1] - t[0];
    if (span <= 0) return 0;
    const rate = ((t.length - 1) * 1000) / span;
    const waited = now - t[t.length - 1];
    return waited > 0 ? Math.min(rate, 1000 / waited) : rate;
  }

  private trim(now: number): void {
    const from = now - this.windowMs;
    let drop = 0;
    while (drop < this.times.length - 2 && this.times[drop] < from) drop++;
    if (drop) this.times.splice(0, drop);
  }
}

/** Median of a list of numbers (0 for an empty list). */
export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
