// The studio under Chromium's CPU throttling (CDP Emulation.setCPUThrottlingRate, 4×: the usual
// stand-in for a mid-range laptop or phone): a first visit adds a folder of images with "Add
// folders…" (the browser's folder picker, stood in for: e2e/folder-picker.ts), trains with the
// defaults to the end, and every main-thread long task, long animation frame and the delay
// between rendered frames is recorded per phase (adding, extracting + training); then the same
// folder is added on fresh pages the other two ways: dropped onto the page (the entries API) and
// through the folder input that browsers without the picker use.
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { standInFolderPicker } from '../../e2e/folder-picker';
import {
  dropFolder,
  installLongTaskObserver,
  percentile,
  readLongTasks,
  resetLongTasks,
  resolveBeforeWindow,
  expectRunStarted,
  settledCentre,
  waitForAccuracy,
  waitForAdded,
  waitForStatus,
  type LongTasks,
} from './browser';
import { loadNow } from './load';
import type { Plan } from './options';
import { round } from './stats';
import { datasetFolder, openStudio, readAccuracy } from './ui-figures';

const MINUTES = 60_000;

function phaseFigures(t: LongTasks) {
  return {
    longestTaskMs: round(t.longest, 0),
    longTasks: t.count,
    longTasksAt: t.tasks,
    longAnimationFrames: t.frames.length,
    longestAnimationFrameMs: t.frames.length ? Math.max(...t.frames) : 0,
    frameDelayP95Ms: round(percentile(t.frameGaps, 95), 1),
    frames: t.frameGaps.length,
    // where long frames spent their script time, most first
    blame: Object.entries(t.blame)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 8)
      .map(([what, ms]) => `${what} ${ms} ms`),
  };
}

/** The studio on a fresh page throttled from its first load, long tasks observed from there on and counted from zero once it is ready. */
async function openThrottled(context: BrowserContext, url: string, rate: number) {
  const page = await context.newPage();
  await installLongTaskObserver(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const backend = await openStudio(page, url);
  await resetLongTasks(page);
  return { page, cdp, backend };
}

/**
 * The folder added to a throttled studio page: with Add folders… through the browser's folder
 * picker (stood in for: the folder copied into the origin private file system at full speed before
 * the window, which then holds the click and everything the studio does after it), by a drop onto
 * the page (the entries API), or through the folder input (<input webkitdirectory>, what Add
 * folders… falls back to without a picker; its file list is built by Chromium in one task the page
 * cannot split). Over once every class card shows its count.
 */
async function addFolderThrottled(
  page: Page,
  cdp: CDPSession,
  dir: string,
  classes: number,
  plan: Plan['throttled'],
  how: AddingWay,
): Promise<{ tasks: LongTasks; began: number }> {
  if (how === 'picker') {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await standInFolderPicker(page, dir);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: plan.rate });
  }
  // the input's name is looked up whichever way: the e2e tests and people without a picker use it
  const input = await resolveBeforeWindow(page.getByLabel('Add folders…'));
  const button = await resolveBeforeWindow(page.getByText('Add folders…', { exact: true }));
  // a person's click where the button is, without Playwright's checks inside the window (its
  // scrolling and hit testing run in the page: 100s of ms under throttling), the pointer resting
  // on the button before the press as for Train (settledCentre): arriving with the press, its
  // pointerover, mouseover and moves joined the press, release and click in one input task (81 ms
  // of CPU under 4× throttling, load 7), 60 ms long tasks at the window's start
  const at = how === 'picker' ? await settledCentre(page, button) : null;
  await resetLongTasks(page);
  const began = performance.now();
  if (at) await page.mouse.click(at.x, at.y);
  else if (how === 'folder input') await input.setInputFiles(dir);
  else await dropFolder(page, dir);
  await waitForAdded(page, classes, plan.perClass, 5 * MINUTES);
  return { tasks: await readLongTasks(page), began };
}

export type AddingWay = 'picker' | 'drop' | 'folder input';

/** Adding the same folder in a fresh page, throttled alike (see addFolderThrottled). */
export async function addingFresh(
  browser: Browser,
  url: string,
  dir: string,
  classes: number,
  plan: Plan['throttled'],
  how: AddingWay,
) {
  const context = await browser.newContext();
  try {
    const { page, cdp } = await openThrottled(context, url, plan.rate);
    const { tasks, began } = await addFolderThrottled(page, cdp, dir, classes, plan, how);
    return { ...phaseFigures(tasks), seconds: round((performance.now() - began) / 1000, 1) };
  } finally {
    await context.close();
  }
}

export async function throttledRun(
  browser: Browser,
  url: string,
  datasetDir: string,
  plan: Plan['throttled'],
  log: (s: string) => void,
) {
  const folder = datasetFolder(datasetDir, plan.perClass);
  const context = await browser.newContext();
  try {
    const { page, cdp, backend } = await openThrottled(context, url, plan.rate);
    const { tasks: adding, began: t0 } = await addFolderThrottled(
      page,
      cdp,
      folder.dir,
      folder.classes,
      plan,
      'picker',
    );
    const train = await resolveBeforeWindow(page.getByRole('button', { name: 'Train', exact: true }));
    // a person's click on Train where it is, scrolled to before the window (Playwright's own click
    // scrolls, waits for two frames and hit-tests in the page inside the measured window)
    const at = await settledCentre(page, train);
    if (at.moved) log(`  (Train moved ${at.moved} px after the adding ended, before the click)`);
    await resetLongTasks(page);
    await page.mouse.click(at.x, at.y);
    await expectRunStarted(train, at);
    await waitForAccuracy(page, 15 * MINUTES);
    const firstSeconds = (performance.now() - t0) / 1000;
    await waitForStatus(page, 'Training finished', 15 * MINUTES);
    const finalSeconds = (performance.now() - t0) / 1000;
    const training = await readLongTasks(page);
    const valAccuracy = await readAccuracy(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const a = phaseFigures(adding);
    const t = phaseFigures(training);
    const load = loadNow();
    const d = await addingFresh(browser, url, folder.dir, folder.classes, plan, 'drop');
    const loadDrop = loadNow();
    const i = await addingFresh(browser, url, folder.dir, folder.classes, plan, 'folder input');
    log(
      `  ${plan.rate}× throttled: adding (Add folders…, the folder picker) ${a.longestTaskMs} ms longest task, extraction + training ${t.longestTaskMs} ms (${t.longTasks} long tasks), frame delay p95 ${t.frameDelayP95Ms} ms; first model ${firstSeconds.toFixed(1)} s, final ${finalSeconds.toFixed(1)} s; load ${load}`,
    );
    log(
      `  ${plan.rate}× throttled, adding the same folder by a drop onto the page: ${d.longestTaskMs} ms longest task (${d.longTasks} long tasks), frame delay p95 ${d.frameDelayP95Ms} ms, ${d.seconds} s; load ${loadDrop}`,
    );
    log(
      `  ${plan.rate}× throttled, adding the same folder through the folder input (no folder picker): ${i.longestTaskMs} ms longest task (${i.longTasks} long tasks), frame delay p95 ${i.frameDelayP95Ms} ms, ${i.seconds} s; load ${loadNow()}`,
    );
    for (const [name, f] of [
      ['adding', a],
      ['adding by a drop', d],
      ['adding through the folder input', i],
      ['extraction + training', t],
    ] as const)
      if (f.blame.length) log(`    long frames while ${name}: ${f.blame.join('; ')}`);
    return {
      rate: plan.rate,
      backend,
      images: folder.images,
      longestTaskMs: Math.max(a.longestTaskMs, t.longestTaskMs),
      frameDelayP95Ms: Math.max(a.frameDelayP95Ms, t.frameDelayP95Ms),
      /** "Add folders…": the browser's folder picker (stood in for), the folder read by the page */
      adding: a,
      /** adding frame delay p95, the worst of the picker and a drop (the folder input's one task is Chromium's) */
      addingFrameDelayP95Ms: Math.max(a.frameDelayP95Ms, d.frameDelayP95Ms),
      extractionAndTraining: t,
      /** the same images dropped onto the page instead of picked with the folder input (a fresh page) */
      addingByDrop: d,
      /** the longest task when the images come by a drop: adding by a drop, extraction and training */
      longestTaskMsByDrop: Math.max(d.longestTaskMs, t.longestTaskMs),
      /** the same images through <input webkitdirectory> (browsers without a folder picker; a fresh page) */
      addingByFolderInput: i,
      timeToFirstModelSeconds: round(firstSeconds, 1),
      timeToFinalModelSeconds: round(finalSeconds, 1),
      valAccuracy: round(valAccuracy, 3),
      runs: 1,
      loadAverage1m: load,
      measured:
        "CDP Emulation.setCPUThrottlingRate on the studio's page from its first load; PerformanceObserver longtask and long-animation-frame; frame delay = time between requestAnimationFrame callbacks (p95), per phase",
    };
  } finally {
    await context.close();
    folder.remove();
  }
}
