// Figures from the opt-in bench page (scripts/bench/page): what the browser offers, the
// extraction pipeline against the bare forward pass, and per-backend raw costs. Each backend gets
// a fresh worker; a backend that cannot start or cannot run a kernel gets null and the reason.
import type { Browser, Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StudioBench } from './page/bench-page';
import type { SetupResult } from './page/bench.worker';
import { routeDataset } from './browser';
import { depthsInPage, type DepthFigure } from './depth-figures';
import { BENCH_BACKBONE } from './plan';
import type { Plan } from './options';
import {
  backendMeasureOptions,
  CALL_TIMEOUT_MS,
  extractionRates,
  gpuErrorReason,
  round,
  withTimeout,
  type MeasureOptions,
  type Timed,
} from './stats';
import { loadNow } from './load';

export type Bench = { studioBench: StudioBench };

/** `n` images spread evenly over the classes of a dataset folder, as /bench-data/ URLs. */
function imageUrls(datasetsDir: string, dataset: string, n: number): string[] {
  const dir = join(datasetsDir, dataset);
  const classes = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const per = Math.ceil(n / classes.length);
  return classes
    .flatMap((c) =>
      readdirSync(join(dir, c))
        .filter((f) => /\.(jpe?g|png)$/i.test(f))
        .sort()
        .slice(0, per)
        .map((f) => `/bench-data/${dataset}/${c}/${f}`),
    )
    .slice(0, n);
}

export async function openBenchPage(browser: Browser, url: string, datasetsDir: string): Promise<Page> {
  const page = await browser.newPage();
  await routeDataset(page, datasetsDir);
  await page.goto(`${url}/scripts/bench/page/bench.html`);
  await page.waitForFunction(() => 'studioBench' in window);
  return page;
}

export async function machineFigure(page: Page, browser: Browser) {
  const info = await page.evaluate(() => (window as unknown as Bench).studioBench.probe());
  return {
    cores: info.cores,
    browser: `Chromium ${browser.version()} (headless)`,
    userAgent: info.userAgent,
    defaultBackend: info.active,
    defaultReason: info.reason,
    backends: Object.fromEntries(
      info.probes.map((p) => [
        p.name,
        { ok: p.ok, adapter: p.adapter ?? null, software: p.software ?? null, note: p.note ?? null },
      ]),
    ),
  };
}

export async function extractionFigure(page: Page, backend: string, datasetsDir: string, plan: Plan['extraction']) {
  const urls = imageUrls(datasetsDir, 'imagenette-imagenetval', plan.images);
  const setup = await page.evaluate((b) => (window as unknown as Bench).studioBench.open(b), backend);
  if (!setup.ok) throw new Error(`extraction backend ${backend}: ${setup.reason}`);
  const options: MeasureOptions = { warmup: 1, runs: plan.runs, minRuns: plan.runs };
  const r = await page.evaluate(([u, o]) => (window as unknown as Bench).studioBench.extraction(u, o), [
    urls,
    options,
  ] as const);
  await page.evaluate(() => (window as unknown as Bench).studioBench.close());
  const { pipelineImagesPerSec, rawModelImagesPerSec } = extractionRates(r);
  return {
    backend,
    dataset: 'imagenette-imagenetval',
    images: r.images,
    batch: r.batch,
    runs: r.pipeline.runs,
    warmup: r.pipeline.warmup,
    pipelineImagesPerSec: round(pipelineImagesPerSec, 1),
    rawModelImagesPerSec: round(rawModelImagesPerSec, 1),
    ratio: round(pipelineImagesPerSec / rawModelImagesPerSec, 3),
    interleaved: 'pipeline and raw forward in turns (A, B, A, B…), each over every image',
    loadAverage1m: loadNow(),
  };
}

type Figure = number | null;

export interface BackendFigures {
  forwardMsBatch1: Figure;
  forwardMsBatch16: Figure;
  headEpochSeconds: Figure;
  finetuneStepSeconds: Figure;
  runs: Record<string, number>;
  /** the bench's backbone, forward passes with two depths against the feature layer alone */
  featureDepths?: DepthFigure;
  reason?: string;
  [k: string]: unknown;
}

export async function perBackendFigures(
  page: Page,
  plan: Plan['perBackend'],
  log: (s: string) => void,
): Promise<Record<string, BackendFigures>> {
  const out: Record<string, BackendFigures> = {};
  const options = backendMeasureOptions(plan);
  for (const backend of plan.backends) {
    const fig: BackendFigures = {
      forwardMsBatch1: null,
      forwardMsBatch16: null,
      headEpochSeconds: null,
      finetuneStepSeconds: null,
      runs: {},
    };
    const reasons: string[] = [];
    out[backend] = fig;
    const t = performance.now();
    let setup: SetupResult;
    try {
      setup = await page.evaluate((b) => (window as unknown as Bench).studioBench.open(b), backend);
    } catch (err) {
      setup = { ok: false, active: '', reason: (err as Error).message.split('\n')[0] };
    }
    if (!setup.ok) {
      fig.reason = `backend did not start: ${setup.reason}`;
      log(`  ${backend}: ${fig.reason}`);
      continue;
    }
    const take = async (key: keyof BackendFigures & string, scale: number, call: () => Promise<Timed>) => {
      try {
        const r = await withTimeout(call(), CALL_TIMEOUT_MS, `${key} took over ${CALL_TIMEOUT_MS / 1000} s`);
        (fig as Record<string, unknown>)[key] = round(r.ms * scale, scale === 1 ? 1 : 3);
        fig.runs[key] = r.runs;
      } catch (err) {
        reasons.push(`${key}: ${(err as Error).message.split('\n')[0]}`);
      }
    };
    await take('forwardMsBatch1', 1, () =>
      page.evaluate((o) => (window as unknown as Bench).studioBench.forward(1, o), options),
    );
    await take('forwardMsBatch16', 1, () =>
      page.evaluate((o) => (window as unknown as Bench).studioBench.forward(16, o), options),
    );
    await take('headEpochSeconds', 1 / 1000, () =>
      page.evaluate(([rows, o]) => (window as unknown as Bench).studioBench.headEpoch(rows, o), [
        plan.headRows,
        options,
      ] as const),
    );
    await take('finetuneStepSeconds', 1 / 1000, () =>
      page.evaluate(([b, o]) => (window as unknown as Bench).studioBench.finetuneStep(b, o), [
        plan.stepBatch,
        options,
      ] as const),
    );
    try {
      // the bench's backbone with two depths against its feature layer alone, in turns
      fig.featureDepths = await depthsInPage(page, BENCH_BACKBONE, [1, 16], { ...options, runs: plan.runs });
    } catch (err) {
      reasons.push(`featureDepths: ${(err as Error).message.split('\n')[0]}`);
    }
    const errors = await page.evaluate(() => (window as unknown as Bench).studioBench.gpuErrors());
    if (errors.count) reasons.push(gpuErrorReason(errors));
    fig.gpuErrors = errors.count;
    fig.headEpochRows = plan.headRows;
    fig.finetuneStepBatch = plan.stepBatch;
    fig.backboneLoadMs = round(setup.loadMs ?? NaN, 0);
    fig.loadAverage1m = loadNow();
    if (reasons.length) fig.reason = reasons.join('; ');
    await page.evaluate(() => (window as unknown as Bench).studioBench.close());
    log(
      `  ${backend}: b1 ${fig.forwardMsBatch1} ms, b16 ${fig.forwardMsBatch16} ms, head epoch ${fig.headEpochSeconds} s, fine-tune step ${fig.finetuneStepSeconds} s, two depths ÷ one b16 ${fig.featureDepths?.ratioBatch16 ?? '—'} (${((performance.now() - t) / 1000).toFixed(0)} s)${fig.reason ? ` — ${fig.reason}` : ''}`,
    );
  }
  return out;
}
