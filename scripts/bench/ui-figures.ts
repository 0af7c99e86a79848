// Figures taken through the real studio UI (the production build at /), driven the way a person
// would: time to a first model from a folder drop, main-thread long tasks while it trains, and
// the live webcam rate against the model's own forward time.
import type { Browser, Page } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  installLongTaskObserver,
  interactiveMs,
  readLongTasks,
  resetLongTasks,
  resolveBeforeWindow,
  settledCentre,
  waitForAccuracy,
  waitForAdded,
  waitForStatus,
} from './browser';
import { standInFolderPicker } from '../../e2e/folder-picker';
import { loadNow } from './load';
import { openBenchPage, type Bench } from './raw-figures';
import { pageScripts, pageWeight } from './page-weight';
import type { Plan } from './options';
import { median, round } from './stats';

const MINUTES = 60_000;

/** A temporary folder of class folders holding the first `perClass` images of each class. */
export function datasetFolder(
  datasetDir: string,
  perClass: number,
  classes?: string[],
): { dir: string; images: number; classes: number; remove(): void } {
  const tmp = mkdtempSync(join(tmpdir(), 'studio-bench-'));
  const dir = join(tmp, datasetDir.split('/').pop()!);
  const names =
    classes ??
    readdirSync(datasetDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  let images = 0;
  for (const cls of names) {
    mkdirSync(join(dir, cls), { recursive: true });
    const files = readdirSync(join(datasetDir, cls))
      .filter((f) => /\.(jpe?g|png)$/i.test(f))
      .sort()
      .slice(0, perClass);
    for (const f of files) copyFileSync(join(datasetDir, cls, f), join(dir, cls, f));
    images += files.length;
  }
  return { dir, images, classes: names.length, remove: () => rmSync(tmp, { recursive: true, force: true }) };
}

export async function openStudio(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await page.getByText(/Loaded MobileNet v1 α0\.25 from the/).waitFor({ timeout: 2 * MINUTES });
  return (await page.getByTestId('active-backend').innerText()).trim();
}

export async function readAccuracy(page: Page): Promise<number> {
  const text = await page.getByTestId('val-accuracy').innerText();
  return Number(/([\d.]+)%/.exec(text)![1]) / 100;
}

/** The results' own split of the run: "... in X s, training Y s". */
async function readPhases(page: Page): Promise<{ extract: number | null; train: number | null }> {
  const hint = await page
    .getByText(/features .* in [\d.]+ s, training [\d.]+ s/)
    .first()
    .innerText()
    .catch(() => '');
  const m = /in ([\d.]+) s,\s*training ([\d.]+) s/.exec(hint);
  return { extract: m ? Number(m[1]) : null, train: m ? Number(m[2]) : null };
}

/**
 * First visits in fresh contexts: a folder of `plan.perClass` images per class added, Train with
 * the studio defaults; the first model (plain features) and the final one (augmented views) are
 * both timed from the click on Add folders… (the folder picker). Also the page's own scripts and its time to interactive.
 */
export async function timeToFirstModel(
  browser: Browser,
  url: string,
  datasetDir: string,
  plan: Plan['ttfm'],
  outDir: string,
  log: (s: string) => void,
) {
  const folder = datasetFolder(datasetDir, plan.perClass);
  const runs: {
    seconds: number;
    valAccuracy: number;
    finalSeconds: number;
    finalValAccuracy: number;
    interactiveMs: number | null;
    addLongestMs: number;
    trainLongestMs: number;
    longTasks: number;
    extract: number | null;
    train: number | null;
    load: number;
  }[] = [];
  let backend = '';
  let scripts: string[] = [];
  try {
    for (let r = 0; r < plan.runs; r++) {
      // a fresh context per run: empty feature cache and IndexedDB, as on a first visit
      const context = await browser.newContext();
      const page = await context.newPage();
      await installLongTaskObserver(page);
      backend = await openStudio(page, url);
      const interactive = await interactiveMs(page);
      scripts = await pageScripts(page);
      // added as a person in Chromium adds it: Add folders… opens the folder picker (stood in for,
      // the folder copied into the origin's private file system before the window) and the page
      // reads the folder itself. Set on the folder input (<input webkitdirectory>), Chromium built
      // the 500-file list in one task before any page script ran (193 ms at 1×, the window's
      // longest task; 880 ms at 4×, of which the page's change handlers were 66 ms); the throttled
      // phase measures that fallback on its own.
      await resolveBeforeWindow(page.getByLabel('Add folders…'));
      await standInFolderPicker(page, folder.dir);
      const at = await settledCentre(page, await resolveBeforeWindow(page.getByText('Add folders…', { exact: true })));
      await resetLongTasks(page);
      const t0 = performance.now();
      await page.mouse.click(at.x, at.y);
      // every image is in before Train (clicked earlier, a run trains on the part added so far)
      await waitForAdded(page, folder.classes, plan.perClass, 2 * MINUTES);
      const adding = await readLongTasks(page);
      const train = await resolveBeforeWindow(page.getByRole('button', { name: 'Train', exact: true }));
      await resetLongTasks(page);
      await train.click();
      await waitForAccuracy(page, 8 * MINUTES);
      const seconds = (performance.now() - t0) / 1000;
      const valAccuracy = await readAccuracy(page);
      await waitForStatus(page, 'Training finished', 8 * MINUTES);
      const finalSeconds = (performance.now() - t0) / 1000;
      const training = await readLongTasks(page);
      const run = {
        seconds,
        valAccuracy,
        finalSeconds,
        finalValAccuracy: await readAccuracy(page),
        interactiveMs: interactive,
        addLongestMs: adding.longest,
        trainLongestMs: training.longest,
        longTasks: training.count,
        ...(await readPhases(page)),
        load: loadNow(),
      };
      runs.push(run);
      log(
        `  run ${r + 1}/${plan.runs}: first model ${seconds.toFixed(1)} s (val ${(valAccuracy * 100).toFixed(1)}%), final ${finalSeconds.toFixed(1)} s (val ${(run.finalValAccuracy * 100).toFixed(1)}%), longest main-thread task ${training.longest.toFixed(0)} ms, load ${run.load}`,
      );
      await context.close();
    }
  } finally {
    folder.remove();
  }
  return {
    ttfm: {
      backend,
      images: folder.images,
      dataset: datasetDir.split('/').pop(),
      settings: 'studio defaults (head only, 60 epochs, seed 1)',
      runs: runs.length,
      warmup: 'none (each run is a first visit in a fresh browser context)',
      seconds: round(median(runs.map((r) => r.seconds)), 1),
      valAccuracy: round(median(runs.map((r) => r.valAccuracy)), 3),
      extractSeconds: round(median(runs.flatMap((r) => (r.extract === null ? [] : [r.extract]))), 1),
      trainSeconds: round(median(runs.flatMap((r) => (r.train === null ? [] : [r.train]))), 1),
      perRun: runs.map((r) => round(r.seconds, 1)),
      measuredTo: 'the first validation accuracy shown (a two-phase run: the first model, on plain features)',
      loadAverage1m: runs.map((r) => r.load),
    },
    ttfinal: {
      backend,
      images: folder.images,
      runs: runs.length,
      measuredTo: "'Training finished' (the full model, augmented views)",
      seconds: round(median(runs.map((r) => r.finalSeconds)), 1),
      valAccuracy: round(median(runs.map((r) => r.finalValAccuracy)), 3),
      perRun: runs.map((r) => round(r.finalSeconds, 1)),
      loadAverage1m: runs.map((r) => r.load),
    },
    page: {
      ...pageWeight(outDir, scripts),
      measured:
        "scripts the page itself fetched on a first visit (the worker's own fetches are not the page's), gzip -9 of the built files",
      timeToInteractiveSeconds: round(
        median(runs.flatMap((r) => (r.interactiveMs === null ? [] : [r.interactiveMs / 1000]))),
        2,
      ),
      interactive:
        "navigation start to 'Loaded MobileNet …' shown (backbone ready), fresh browser context, median of the first-model runs",
      perRun: runs.map((r) => (r.interactiveMs === null ? null : round(r.interactiveMs / 1000, 2))),
    },
    longTasks: {
      during: "extraction and training (Train click to 'Training finished', both phases), studio UI",
      runs: runs.length,
      longestMs: round(median(runs.map((r) => r.trainLongestMs)), 0),
      worstMs: round(Math.max(...runs.map((r) => r.trainLongestMs)), 0),
      count: round(median(runs.map((r) => r.longTasks)), 0),
      addingImagesLongestMs: round(median(runs.map((r) => r.addLongestMs)), 0),
      loadAverage1m: runs.map((r) => r.load),
    },
  };
}

/** Browser launched with the fake camera: train a small model, then read the live stats the panel shows. */
export async function webcamFigure(
  browser: Browser,
  url: string,
  signDigitsDir: string,
  plan: Plan['webcam'],
  log: (s: string) => void,
) {
  const folder = datasetFolder(signDigitsDir, 12, ['digit_3', 'digit_7']);
  const page = await browser.newPage();
  try {
    const backend = await openStudio(page, url);
    await page.getByLabel('Add folders…').setInputFiles(folder.dir);
    await page.getByLabel('12 images in digit_7').waitFor();
    await page.getByText('Training settings').click();
    await page.getByLabel('Epochs').fill('15');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByTestId('val-accuracy').waitFor({ timeout: 4 * MINUTES });
    const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
    await webcam.getByRole('button', { name: 'Start camera' }).click();
    const label = webcam.getByTestId('live-label');
    await label.waitFor({ timeout: MINUTES });
    const stats = webcam.getByTestId('live-stats');
    // live rate and the model's own forward time come from the same windows: the two sides of
    // the ratio are measured together, so load hits both alike
    const sample = async () => {
      await page.waitForTimeout(2500); // warm-up: the FPS meter's 2 s window fills, first-call costs pass
      const samples: { fps: number; modelMs: number; frameMs: number }[] = [];
      for (let s = 0; s < plan.samples; s++) {
        await page.waitForTimeout(plan.sampleMs);
        samples.push({
          fps: Number(await stats.getAttribute('data-fps')),
          modelMs: Number(await stats.getAttribute('data-model-ms')),
          frameMs: Number(await stats.getAttribute('data-frame-ms')),
        });
      }
      const fps = median(samples.map((x) => x.fps));
      const modelMs = median(samples.map((x) => x.modelMs));
      return {
        samples,
        fps,
        modelMs,
        rawFps: 1000 / modelMs,
        frameMs: median(samples.map((x) => x.frameMs)),
        load: loadNow(),
      };
    };
    const one = await sample();
    const { samples, fps, modelMs, rawFps } = one;
    const turns = await liveAndRawInTurns(browser, url, signDigitsDir, backend, page, plan);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const four = await sample().finally(() => cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }));
    log(
      `  webcam at 4× CPU throttling: ${four.fps.toFixed(1)} fps live, model alone ${four.rawFps.toFixed(1)} /s, live ÷ raw ${(four.fps / four.rawFps).toFixed(2)}`,
    );
    const predicted = (await label.innerText()).trim();
    log(
      `  webcam: ${fps.toFixed(1)} fps live, model alone ${rawFps.toFixed(1)} /s (${modelMs.toFixed(1)} ms), shows "${predicted}"`,
    );
    await webcam.getByRole('button', { name: 'Stop camera' }).click();
    return {
      backend,
      camera: 'Chromium fake camera, 640×480 y4m of a sign-language digit_3 photo',
      samples: samples.length,
      sampleSeconds: plan.sampleMs / 1000,
      warmup: '2.5 s of live classification',
      fps: round(fps),
      rawFps: round(rawFps),
      ratio: round(fps / rawFps, 3),
      // live windows and the model alone in turns (liveAndRawInTurns): load hits both sides alike
      fpsInTurns: round(turns.fps),
      rawFpsInTurns: round(turns.rawFps),
      ratioInTurns: round(turns.fps / turns.rawFps, 3),
      loadAverage1mInTurns: turns.load,
      modelMs: round(modelMs),
      frameMs: round(one.frameMs),
      prediction: predicted,
      loadAverage1m: one.load,
      fps4x: round(four.fps),
      rawFps4x: round(four.rawFps),
      ratio4x: round(four.fps / four.rawFps, 3),
      modelMs4x: round(four.modelMs),
      loadAverage1m4x: four.load,
      throttling:
        'CDP Emulation.setCPUThrottlingRate 4 on the page, same camera and model, sampled after the 1× samples',
    };
  } finally {
    await page.close();
    folder.remove();
  }
}

/**
 * The webcam's live rate and the model's own rate in turns (live, raw, live, raw…), each a rate
 * over a window: the live side the page's frames per second, the raw side one image at a time
 * back to back (backbone, a linear head, read back) in the bench page's worker while the camera's
 * classification is paused. Each frame's own forward time (the ratio key) leaves out the time the
 * scheduler gives other programs, which the live rate counts: on a loaded machine that ratio
 * measured the load. Here both sides are windows of the same length under the same load.
 */
async function liveAndRawInTurns(
  browser: Browser,
  url: string,
  signDigitsDir: string,
  backend: string,
  page: Page,
  plan: Plan['webcam'],
): Promise<{ fps: number; rawFps: number; load: number }> {
  const bench = await openBenchPage(browser, url, dirname(signDigitsDir));
  try {
    const setup = await bench.evaluate((b) => (window as unknown as Bench).studioBench.open(b), backend);
    if (!setup.ok) throw new Error(`the bench page could not start ${backend}: ${setup.reason}`);
    const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
    const stats = webcam.getByTestId('live-stats');
    // Pause and Resume sit under the folded "Prediction settings"
    const settings = webcam.locator('details', { has: page.getByText('Prediction settings', { exact: true }) });
    if (!(await settings.evaluate((d) => (d as HTMLDetailsElement).open)))
      await settings.getByText('Prediction settings', { exact: true }).click();
    const live: number[] = [];
    const raw: number[] = [];
    for (let s = 0; s < plan.samples; s++) {
      // the frames-per-second meter's 2-s window holds only frames after the last resume
      await page.waitForTimeout(Math.max(plan.sampleMs, 2000) + 500);
      live.push(Number(await stats.getAttribute('data-fps')));
      await webcam.getByRole('button', { name: 'Pause', exact: true }).click();
      const r = await bench.evaluate((ms) => (window as unknown as Bench).studioBench.forwardRate(ms), plan.sampleMs);
      raw.push(r.forwards / r.seconds);
      await webcam.getByRole('button', { name: 'Resume', exact: true }).click();
    }
    await bench.evaluate(() => (window as unknown as Bench).studioBench.close());
    return { fps: median(live), rawFps: median(raw), load: loadNow() };
  } finally {
    await bench.close();
  }
}
