// The two-depth features' cost per forward pass as figures (depths.ts measures them in the bench
// page's worker): the extraction backend for each built-in backbone, and one row per backend.
import type { Page } from '@playwright/test';
// only the type: the measuring side (tfjs, the studio's loader) stays in the page's worker
import type { DepthTimes } from './depths';
import { loadNow } from './load';
import type { Plan } from './options';
import type { Bench } from './raw-figures';
import { CALL_TIMEOUT_MS, quantile, round, withTimeout, type InterleaveOptions } from './stats';

const DEPTHS_INTERLEAVED =
  'feature layer only (A) and two depths (B) in turns, every other pair B first (A, B, B, A, A, B…), the same random input for both, read back each pass';

/** Two depths ÷ one within each pair (the two passes side by side in time): its 25th and 75th percentiles. */
function pairRatioQuartiles(plain: readonly number[], joined: readonly number[]): [number, number] | null {
  const ratios = plain.map((p, i) => joined[i] / p).filter(Number.isFinite);
  return ratios.length ? [round(quantile(ratios, 0.25), 3), round(quantile(ratios, 0.75), 3)] : null;
}

export function depthFigure(t: DepthTimes) {
  const at = (batch: number) => t.batches.find((b) => b.batch === batch);
  const ms = (v: number | undefined, digits: number) => (v === undefined ? null : round(v, digits));
  const ratio = (batch: number) => {
    const b = at(batch);
    return b ? round(b.joined.ms / b.plain.ms, 3) : null;
  };
  const quartiles = (batch: number) => {
    const b = at(batch);
    return b ? pairRatioQuartiles(b.plain.all, b.joined.all) : null;
  };
  return {
    backbone: t.backbone,
    plainFeatures: t.plainFeatures,
    joinedFeatures: t.joinedFeatures,
    plainMsBatch1: ms(at(1)?.plain.ms, 2),
    joinedMsBatch1: ms(at(1)?.joined.ms, 2),
    plainMsBatch16: ms(at(16)?.plain.ms, 1),
    joinedMsBatch16: ms(at(16)?.joined.ms, 1),
    ratioBatch1: ratio(1),
    ratioBatch16: ratio(16),
    /** how far the pairs spread: a quiet machine keeps both near ratioBatch1/16 */
    pairRatioQuartilesBatch1: quartiles(1),
    pairRatioQuartilesBatch16: quartiles(16),
    /** pairs timed, per batch size */
    runs: { batch1: at(1)?.plain.runs ?? 0, batch16: at(16)?.plain.runs ?? 0 },
    warmup: t.batches[0]?.plain.warmup ?? 0,
    interleaved: DEPTHS_INTERLEAVED,
  };
}

export type DepthFigure = ReturnType<typeof depthFigure>;
/** as taken on the extraction backend, one per backbone */
export type BackendDepthFigure = DepthFigure & { backend: string; loadAverage1m: number };

/** A pair's worst case: a software GPU's batch of 16 takes seconds a pass, both models load first. */
const DEPTHS_TIMEOUT_MS = 3 * CALL_TIMEOUT_MS;

/** The figure for one backbone in the worker already open on a backend. */
export async function depthsInPage(page: Page, backbone: string, batches: number[], options: InterleaveOptions) {
  const t = await withTimeout(
    page.evaluate(([id, b, o]) => (window as unknown as Bench).studioBench.featureDepths(id, b, o), [
      backbone,
      batches,
      options,
    ] as const),
    DEPTHS_TIMEOUT_MS,
    `the two-depth comparison on ${backbone} took over ${DEPTHS_TIMEOUT_MS / 1000} s`,
  );
  return depthFigure(t);
}

/**
 * Every planned backbone on `backend`, one after another in one worker, into `out` as each is
 * taken (a backbone that fails leaves the ones before it).
 */
export async function featureDepthsFigure(
  page: Page,
  backend: string,
  plan: Plan['depths'],
  out: Record<string, BackendDepthFigure>,
  log: (s: string) => void,
): Promise<void> {
  const setup = await page.evaluate((b) => (window as unknown as Bench).studioBench.open(b), backend);
  if (!setup.ok) throw new Error(`backend ${backend}: ${setup.reason}`);
  try {
    for (const id of plan.backbones) {
      const f = await depthsInPage(page, id, plan.batches, {
        warmup: 1,
        runs: plan.runs,
        minRuns: plan.minRuns,
        budgetMs: plan.budgetMs,
      });
      out[id] = { backend, ...f, loadAverage1m: loadNow() };
      log(
        `  ${id}: batch 1 ${f.plainMsBatch1} → ${f.joinedMsBatch1} ms, batch 16 ${f.plainMsBatch16} → ${f.joinedMsBatch16} ms (×${f.ratioBatch16}, ${f.runs.batch16} pairs)`,
      );
    }
  } finally {
    await page.evaluate(() => (window as unknown as Bench).studioBench.close());
  }
}
