/**
 * Steady-rate capture: frames are due on a fixed grid (start + n / rate) so the rate does not
 * drift with timer jitter; when the page falls behind (a slow tick) it takes one frame and moves
 * on to the next grid point instead of bursting to catch up.
 */
export class CaptureScheduler {
  private next = 0;
  private running = false;
  readonly intervalMs: number;

  constructor(readonly rate = 10) {
    if (!(rate > 0)) throw new Error('capture rate must be positive');
    this.intervalMs = 1000 / rate;
  }

  start(now: number): void {
    this.running = true;
    this.next = now; // the first frame at once, so a short press still records one
  }

  stop(): void {
    this.running = false;
  }

  get active(): boolean {
    return this.running;
  }

  /** True when a frame should be taken now; advances the schedule. */
  due(now: number): boolean {
    if (!this.running || now < this.next) return false;
    const behind = Math.floor((now - this.next) / this.intervalMs);
    this.next += (behind + 1) * this.intervalMs;
    return true;
  }
}
