// Shared by Node and the bench page: a figure is the median of timed runs after warm-up runs.
// Slow backends (software WebGPU) would blow the 10-minute budget at a fixed count, so runs stop
// early once a time budget is spent; the count actually used travels with every figure.

export interface Timed {
  /** median of the timed runs, in milliseconds */
  ms: number;
  runs: number;
  warmup: number;
  all: number[];
}

export interface MeasureOptions {
  warmup?: number;
  /** most timed runs */
  runs?: number;
  /** fewest timed runs, even past the budget */
  minRuns?: number;
  /** stop adding runs once the timed runs took this long */
  budgetMs?: number;
  /** hard stop, even below minRuns (a software-WebGPU batch of 16 takes 15 s on a loaded machine) */
  capMs?: number;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The `q` quantile (0..1), interpolated between the two nearest values; NaN when there are none. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.ceil(at)] - s[lo]) * (at - lo);
}

export async function measure(fn: () => Promise<unknown>, options: MeasureOptions = {}): Promise<Timed> {
  const { warmup = 1, runs = 5, minRuns = 1, budgetMs = Infinity, capMs = Infinity } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const all: number[] = [];
  let spent = 0;
  while (all.length === 0 || (all.length < runs && (all.length < minRuns || spent < budgetMs) && spent < capMs)) {
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    all.push(ms);
    spent += ms;
  }
  return { ms: median(all), runs: all.length, warmup, all };
}

export const round = (v: number, digits = 2): number => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);

/**
 * `runs` pairs at most; with a budget, as MeasureOptions, counted over both sides of the pairs.
 * `alternate`: every other pair runs B first (A, B, B, A, A, B…).
 */
export type InterleaveOptions = Omit<MeasureOptions, 'runs'> & { runs: number; alternate?: boolean };

/**
 * Two sides of a ratio measured in turns (A, B, A, B…) after `warmup` turns of each, so load
 * from other jobs on the machine hits both alike; each side's median and its runs. Under load the
 * first pass of a pair tended to be the slower (a model timed against itself in Node at load 8–9:
 * second ÷ first 0.78–0.98, thirty-seventh session): `alternate` spreads that over both sides.
 */
export async function interleaved(a: () => Promise<unknown>, b: () => Promise<unknown>, options: InterleaveOptions) {
  const { warmup = 1, runs, minRuns = 1, budgetMs = Infinity, capMs = Infinity, alternate = false } = options;
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const all: [number[], number[]] = [[], []];
  let spent = 0;
  for (let r = 0; r < runs && (r === 0 || ((r < minRuns || spent < budgetMs) && spent < capMs)); r++) {
    const order: [number, () => Promise<unknown>][] = [
      [0, a],
      [1, b],
    ];
    for (const [k, fn] of alternate && r % 2 ? order.reverse() : order) {
      const t = performance.now();
      await fn();
      const ms = performance.now() - t;
      all[k].push(ms);
      spent += ms;
    }
  }
  const side = (ms: number[]): Timed => ({ ms: median(ms), runs: ms.length, warmup, all: ms });
  return { a: side(all[0]), b: side(all[1]) };
}

/** A wedged backend (lost device, runaway shader compile) must not stall the whole run. */
export const CALL_TIMEOUT_MS = 120_000;

export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    p,
    new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(message)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** How each per-backend figure is timed: a few runs within a budget, never past three budgets. */
export function backendMeasureOptions(plan: { runs: number; budgetMs: number }): MeasureOptions {
  return {
    warmup: 1,
    runs: plan.runs,
    minRuns: Math.min(3, plan.runs),
    budgetMs: plan.budgetMs,
    capMs: plan.budgetMs ? 3 * plan.budgetMs : Infinity,
  };
}

/** Images per second of the pipeline (readable images only) and of the bare forward pass over as
 * many images in the same batches. */
export function extractionRates(r: { images: number; failed: number; pipeline: Timed; raw: Timed }) {
  return {
    pipelineImagesPerSec: (r.images - r.failed) / (r.pipeline.ms / 1000),
    rawModelImagesPerSec: r.images / (r.raw.ms / 1000),
  };
}

/** A per-backend figure's reason when WebGPU reported errors while it was taken. */
export const gpuErrorReason = (errors: { count: number; first: string[] }) =>
  `WebGPU reported ${errors.count} errors (figures above may time skipped work): ${errors.first.join(' | ')}`;
