// The bench page measuring itself, for machines where Node and Playwright are not at hand (a lent
// GPU machine carries a browser and Python, nothing else): `bench.html?self-run` takes the same
// per-backend figures with the same plan as `npm run bench`, and POSTs the JSON after every
// backend so a crash part-way still leaves what was measured.
import { FULL } from '../plan';
import {
  backendMeasureOptions,
  CALL_TIMEOUT_MS,
  extractionRates,
  round,
  withTimeout,
  gpuErrorReason,
  type Timed,
} from '../stats';
import type { StudioBench } from './bench-page';
import type { SetupResult } from './bench.worker';

type Figures = Record<string, number | string | null | Record<string, number>>;

export interface SelfRunResult {
  startedAt: string;
  userAgent: string;
  cores: number;
  probe: unknown;
  backends: Record<string, Figures>;
  extraction: Record<string, Figures>;
  done: boolean;
}

async function post(url: string | null, result: SelfRunResult): Promise<void> {
  if (!url) return;
  try {
    await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(result) });
  } catch {
    // the page shows the JSON too; a collector that went away loses nothing the page holds
  }
}

async function perBackend(bench: StudioBench, backend: string): Promise<Figures> {
  const plan = FULL.perBackend;
  const options = backendMeasureOptions(plan);
  const fig: Figures = {};
  const runs: Record<string, number> = {};
  const reasons: string[] = [];
  const setup: SetupResult = await bench
    .open(backend)
    .catch((e: Error) => ({ ok: false, active: '', reason: e.message }));
  if (!setup.ok) return { reason: `backend did not start: ${setup.reason}` };
  const take = async (key: string, scale: number, call: () => Promise<Timed>) => {
    try {
      const r = await withTimeout(call(), CALL_TIMEOUT_MS, `${key} took over ${CALL_TIMEOUT_MS / 1000} s`);
      fig[key] = round(r.ms * scale, scale === 1 ? 1 : 4);
      runs[key] = r.runs;
    } catch (err) {
      fig[key] = null;
      reasons.push(`${key}: ${(err as Error).message.split('\n')[0]}`);
    }
  };
  await take('forwardMsBatch1', 1, () => bench.forward(1, options));
  await take('forwardMsBatch16', 1, () => bench.forward(16, options));
  await take('headEpochSeconds', 1 / 1000, () => bench.headEpoch(plan.headRows, options));
  await take('finetuneStepSeconds', 1 / 1000, () => bench.finetuneStep(plan.stepBatch, options));
  const errors = await bench.gpuErrors();
  if (errors.count) reasons.push(gpuErrorReason(errors));
  Object.assign(fig, {
    gpuErrors: errors.count,
    runs,
    headEpochRows: plan.headRows,
    finetuneStepBatch: plan.stepBatch,
    backboneLoadMs: round(setup.loadMs ?? NaN, 0),
    reason: reasons.join('; ') || null,
  });
  bench.close();
  return fig;
}

async function extraction(bench: StudioBench, backend: string, urls: string[]): Promise<Figures> {
  const setup: SetupResult = await bench
    .open(backend)
    .catch((e: Error) => ({ ok: false, active: '', reason: e.message }));
  if (!setup.ok) return { reason: `backend did not start: ${setup.reason}` };
  try {
    const { runs } = FULL.extraction;
    const r = await withTimeout(
      bench.extraction(urls, { warmup: 1, runs, minRuns: runs }),
      3 * CALL_TIMEOUT_MS,
      'extraction timed out',
    );
    const { pipelineImagesPerSec, rawModelImagesPerSec } = extractionRates(r);
    return {
      images: r.images,
      batch: r.batch,
      runs: r.pipeline.runs,
      pipelineImagesPerSec: round(pipelineImagesPerSec, 1),
      rawModelImagesPerSec: round(rawModelImagesPerSec, 1),
      ratio: round(pipelineImagesPerSec / rawModelImagesPerSec, 3),
    };
  } catch (err) {
    return { reason: (err as Error).message.split('\n')[0] };
  } finally {
    bench.close();
  }
}

/**
 * Query: `self-run` (on), `backends=webgpu,webgl` (default: the benchmark's list), `images=<url of
 * a JSON list of image URLs>` (adds the pipeline ÷ raw extraction figure per backend),
 * `post=<url>` (where the JSON goes).
 */
export async function selfRun(bench: StudioBench, query: URLSearchParams, show: (text: string) => void) {
  const backends = (query.get('backends') ?? FULL.perBackend.backends.join(',')).split(',').filter(Boolean);
  const postUrl = query.get('post');
  const imagesUrl = query.get('images');
  const urls: string[] = imagesUrl ? await (await fetch(imagesUrl)).json() : [];
  const probe = await bench.probe();
  const result: SelfRunResult = {
    startedAt: new Date().toISOString(),
    userAgent: navigator.userAgent,
    cores: navigator.hardwareConcurrency,
    probe,
    backends: {},
    extraction: {},
    done: false,
  };
  const report = async (line: string) => {
    show(`${line}\n${JSON.stringify(result, null, 1)}`);
    await post(postUrl, result);
  };
  await report('probed');
  for (const backend of backends) {
    result.backends[backend] = await perBackend(bench, backend);
    await report(`${backend} measured`);
    if (urls.length) {
      result.extraction[backend] = await extraction(bench, backend, urls);
      await report(`${backend} extraction measured`);
    }
  }
  result.done = true;
  await report('done');
}
