// `npm run bench -- [--json <file>] [--quick] [--backends list]`: builds the production app,
// serves it, and measures it in headless Chromium (and in Node where the figure is Node's).
// Phases run one after another so they do not compete for the two cores; a phase that fails is
// reported and leaves its figures null, the rest still run.
import type { Browser } from '@playwright/test';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { photoToY4m } from '../../e2e/y4m';
import { launch } from './browser';
import { featureDepthsFigure } from './depth-figures';
import { exportFigure } from './export-figure';
import { finetuneFigure, leakFigure } from './node-figures';
import { parseOptions } from './options';
import { BENCH_BACKBONE } from './plan';
import { extractionFigure, machineFigure, openBenchPage, perBackendFigures } from './raw-figures';
import { emptyResult } from './result';
import { loadNow } from './load';
import { round } from './stats';
import { buildAll, serve } from './server';
import { startBusy } from './busy';
import { renderTable } from './table';
import { throttledRun } from './throttled';
import { timeToFirstModel, webcamFigure } from './ui-figures';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const opts = parseOptions(process.argv.slice(2), root);
const { plan } = opts;
const result = emptyResult(plan);
const started = performance.now();
const log = (s: string) => process.stderr.write(`${s}\n`);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

/** `tag` names the phase for --only (a partial run, while working on one figure) */
async function phase(tag: string, name: string, fn: () => Promise<void>): Promise<void> {
  if (opts.only && !opts.only.includes(tag)) return;
  log(`[${elapsed()}] ${name}`);
  try {
    await fn();
  } catch (err) {
    const message = `${name}: ${(err as Error).message.split('\n')[0]}`;
    result.errors.push(message);
    log(`  FAILED ${message}`);
  }
}

async function withBrowser(fakeCamera: string | undefined, fn: (b: Browser) => Promise<void>) {
  const browser = await launch(opts.chromium, fakeCamera);
  try {
    await fn(browser);
  } finally {
    await browser.close();
  }
}

async function main() {
  // other people's jobs share these cores: the load says how far to trust the absolute figures
  const loadAtStart = round(loadavg()[0]);
  // the recorded idle runs took 283–492 s (docs/performance.md, docs/bench/idle-*.json totalSeconds)
  log(
    `${plan.quick ? 'QUICK run: tiny inputs, one run each' : 'full run: about 5–8 minutes on an idle 2-core machine, longer under load'}`,
  );
  log(`[${elapsed()}] building the production app and the bench page into ${opts.outDir}/`);
  await buildAll(root, opts.outDir);
  const server = await serve(root, opts.outDir);
  // after the build, so the load is there for every figure and only for them
  const busy = opts.busy ? startBusy(opts.busy) : null;
  if (busy) {
    result.machine.busy = { processes: busy.processes, how: 'CPU-bound processes beside it, each in its own session' };
    log(`  ${busy.processes} busy process(es) beside the benchmark, each in its own session`);
  }
  try {
    await withBrowser(undefined, async (browser) => {
      const page = await openBenchPage(browser, server.url, opts.datasetsDir);
      // the table's heading names them even when a partial run (--only) skips the machine phase
      result.machine.browser = `Chromium ${browser.version()} (headless)`;
      result.machine.cores = await page.evaluate(() => navigator.hardwareConcurrency);
      await phase('machine', 'machine: backend probes', async () => {
        Object.assign(result.machine, await machineFigure(page, browser));
      });
      const backend = String(result.machine.defaultBackend ?? 'wasm');
      await phase('extraction', `extraction pipeline vs raw forward (${backend})`, async () => {
        result.extraction = await extractionFigure(page, backend, opts.datasetsDir, plan.extraction);
        log(
          `  ${result.extraction.pipelineImagesPerSec} images/s pipeline, ${result.extraction.rawModelImagesPerSec} images/s raw`,
        );
      });
      await phase('depths', `forward pass, two depths against the feature layer alone (${backend})`, async () => {
        try {
          await featureDepthsFigure(page, backend, plan.depths, result.featureDepthsByBackbone, log);
        } finally {
          const own = result.featureDepthsByBackbone[BENCH_BACKBONE];
          if (own) result.featureDepths = own;
        }
      });
      await phase('backends', `per-backend figures (${plan.perBackend.backends.join(', ')})`, async () => {
        result.perBackend = await perBackendFigures(page, plan.perBackend, log);
        // every GPU row says what it ran on: a software renderer's figures say nothing about a GPU
        for (const [name, f] of Object.entries(result.perBackend)) {
          const b = result.machine.backends[name];
          Object.assign(f, { adapter: b?.adapter ?? null, software: b?.software ?? null });
        }
      });
      await page.close();
      await phase('ui', 'time to first model through the UI', async () => {
        const {
          ttfm,
          ttfinal,
          page: weight,
          longTasks,
        } = await timeToFirstModel(
          browser,
          server.url,
          join(opts.datasetsDir, 'imagenette-imagenetval'),
          plan.ttfm,
          join(root, opts.outDir),
          log,
        );
        result.timeToFirstModel = ttfm;
        result.timeToFinalModel = ttfinal;
        result.page = weight;
        result.mainThreadLongestTaskMs = longTasks.longestMs;
        result.mainThreadLongTasks = longTasks;
        log(
          `  page JS ${(weight.jsGzipBytes / 1024).toFixed(0)} KB gzip (${weight.files.length} files), interactive after ${weight.timeToInteractiveSeconds} s`,
        );
      });
      await phase(
        'throttled',
        `the studio under ${plan.throttled.rate}× CPU throttling (adding, extraction, training)`,
        async () => {
          const t = await throttledRun(
            browser,
            server.url,
            join(opts.datasetsDir, 'imagenette-imagenetval'),
            plan.throttled,
            log,
          );
          result.throttled4x = t;
          result.mainThreadLongestTaskMs4x = t.longestTaskMs;
        },
      );
    });
    await phase('webcam', 'webcam live rate (fake camera)', async () => {
      // this run's own file: a bench beside another (the smoke test in a suite) rewrote the same one
      const y4m = join(
        tmpdir(),
        `transfer-studio-bench-${process.getuid?.() ?? 'user'}-${process.pid}`,
        'fake-camera.y4m',
      );
      mkdirSync(dirname(y4m), { recursive: true });
      const signDigits = join(opts.datasetsDir, 'sign-language-digits');
      await photoToY4m(join(signDigits, 'digit_3', readdirSync(join(signDigits, 'digit_3')).sort()[0]), y4m);
      await withBrowser(y4m, async (browser) => {
        result.webcam = await webcamFigure(browser, server.url, signDigits, plan.webcam, log);
      });
    });
  } finally {
    await server.close();
  }
  await phase('node', 'fine-tune epoch, cached vs prefix every step (Node, wasm)', async () => {
    result.finetune = {
      ...(await finetuneFigure(opts.modelsDir, plan.finetune)),
      interleaved: 'cached and prefix-every-step epochs in turns',
      loadAverage1m: loadNow(),
    };
    log(`  cached ${result.finetune.cachedEpochSeconds} s, naive ${result.finetune.naiveEpochSeconds} s`);
  });
  await phase('node', 'tensor leak over 3 train/evaluate/export cycles (Node, wasm)', async () => {
    result.leak = {
      ...(await leakFigure(opts.modelsDir, join(opts.datasetsDir, 'sign-language-digits'), plan.leak)),
      loadAverage1m: loadNow(),
    };
    log(`  tensors ${result.leak.tensorsBefore} → ${result.leak.tensorsAfter}`);
  });
  await phase('node', "ONNX and TFLite export (Node, the studio's converters)", async () => {
    result.export = { ...(await exportFigure(opts.modelsDir, plan.quick ? 1 : 5)), loadAverage1m: loadNow() };
    log(
      `  model.onnx ${result.export.onnxBytes} bytes in ${result.export.onnxMs} ms, model.tflite ${result.export.tfliteBytes} bytes in ${result.export.tfliteMs} ms`,
    );
  });
  busy?.stop();
  result.totalSeconds = Math.round((performance.now() - started) / 1000);
  result.machine.loadAverage1m = { start: loadAtStart, end: round(loadavg()[0]) };
  process.stdout.write(`\n${renderTable(result)}\n`);
  if (opts.json) {
    mkdirSync(dirname(opts.json), { recursive: true });
    writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${opts.json}`);
  }
  process.exitCode = result.errors.length ? 1 : 0;
}

main().catch((err) => {
  log(`bench failed: ${(err as Error).stack ?? err}`);
  process.exitCode = 1;
});
