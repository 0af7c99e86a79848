// Chromium as the e2e suite launches it (TOOLCHAIN.md's flags), with WebGPU allowed so its
// adapter can be probed and measured, and optionally Chromium's fake camera.
import { chromium, type Browser, type ElementHandle, type Locator, type Page, type Route } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { chromiumArgs } from '../../e2e/chromium-args';

const BASE_ARGS = chromiumArgs;

export async function launch(executablePath: string, fakeCameraY4m?: string): Promise<Browser> {
  const camera = fakeCameraY4m
    ? [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${fakeCameraY4m}`,
      ]
    : [];
  return chromium.launch({ executablePath, args: [...BASE_ARGS, ...camera] });
}

/**
 * Long tasks (main thread busy over 50 ms), long animation frames and the delay between rendered
 * frames (requestAnimationFrame to requestAnimationFrame) from page start, plus when the page
 * first said its backbone is loaded (interactive). Installed before any app script runs;
 * `__benchLongTasks.reset()` starts a new window so only the measured phase counts.
 */
export async function installLongTaskObserver(page: Page): Promise<void> {
  // A string, not a function: tsx's transform would inject helpers (__name) the page lacks.
  await page.addInitScript(`(() => {
    const fresh = () => ({ began: performance.now(), longest: 0, count: 0, total: 0, tasks: [], frames: [], frameGaps: [], blame: {} });
    let state = fresh();
    window.__benchLongTasks = {
      read: () => ({ ...state }),
      reset: () => { state = fresh(); },
      interactiveMs: null,
    };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        state.longest = Math.max(state.longest, e.duration);
        state.count++;
        if (e.startTime >= state.began) state.tasks.push([Math.round(e.startTime - state.began), Math.round(e.duration)]);
        state.total += e.duration;
      }
    }).observe({ type: 'longtask', buffered: true });
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          state.frames.push(Math.round(e.duration));
          // attribution: which scripts the long frames spent their time in
          for (const sc of e.scripts || []) {
            // a thumbnail's invoker names its whole data URL (IMG[src="data:image/webp;base64,…"].onload)
            const key = String(sc.invoker || '?').replace(/(data:[^;,]*)[^"]*/g, '$1…') + ' ' + (sc.sourceFunctionName || '') + ' ' + String(sc.sourceURL || '').split('/').pop() + ':' + (sc.sourceCharPosition ?? '');
            state.blame[key] = (state.blame[key] || 0) + Math.round(sc.duration);
          }
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {}
    let last = null;
    const tick = (t) => {
      if (last !== null) state.frameGaps.push(Math.round((t - last) * 10) / 10);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const seen = () => {
      if (window.__benchLongTasks.interactiveMs === null && document.body && /Loaded MobileNet/.test(document.body.innerText)) {
        window.__benchLongTasks.interactiveMs = performance.now();
        return true;
      }
      return false;
    };
    new MutationObserver((_, obs) => { if (seen()) obs.disconnect(); }).observe(document, { subtree: true, childList: true, characterData: true });
  })();`);
}

export interface LongTasks {
  longest: number;
  count: number;
  total: number;
  /** each long task begun in the window: [ms from the window's start, ms long] (which task was the longest) */
  tasks: [number, number][];
  /** long animation frames' durations (each over 50 ms) */
  frames: number[];
  /** time between consecutive rendered frames */
  frameGaps: number[];
  /** long animation frames' script time by invoker, function and source position */
  blame: Record<string, number>;
}

export const resetLongTasks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __benchLongTasks: { reset(): void } }).__benchLongTasks.reset());
export const readLongTasks = (page: Page): Promise<LongTasks> =>
  page.evaluate(() => (window as unknown as { __benchLongTasks: { read(): LongTasks } }).__benchLongTasks.read());
/** ms from navigation until the page first said the backbone is loaded (null: not yet) */
export const interactiveMs = (page: Page): Promise<number | null> =>
  page.evaluate(
    () => (window as unknown as { __benchLongTasks: { interactiveMs: number | null } }).__benchLongTasks.interactiveMs,
  );

/**
 * Cheap probes of the studio's state, polled every `POLL_MS` from a page timer. Playwright's text
 * locators (`getByText(...).waitFor()`) and `document.body.innerText` re-read the whole page's
 * text at every animation frame: on a page with hundreds of thumbnails under 4× throttling that
 * made long tasks of the benchmark's own (a third of those it counted), so the measured phases
 * look only at a few elements.
 */
const POLL_MS = 100;

/**
 * An element the measured window acts on, looked up by its accessible role or label before the
 * window opens: Playwright resolves a role or label locator inside the page, walking its
 * accessibility tree (430 ms in one long task before the Train click on a 500-image project, 4×
 * throttled, load 11), which is the benchmark's work, not the studio's. The lookup still proves
 * the control is reachable by its name; acting on the handle then costs the page a click or a
 * file pick only.
 */
export async function resolveBeforeWindow(locator: Locator): Promise<ElementHandle> {
  const handle = await locator.elementHandle();
  if (!handle) throw new Error(`not found: ${locator.toString()}`);
  return handle;
}

/**
 * Where a person would click `handle`: scrolled to, at a place it kept for two looks 300 ms apart.
 * Right after an adding ends the page still renders what it deferred (transitions), and a click at
 * a box measured a moment earlier could miss a Train that had moved: the run never began and the
 * benchmark waited 15 minutes for it. `moved` is how far it went while waited for, in px. The
 * mouse pointer is left resting there.
 */
export async function settledCentre(page: Page, handle: ElementHandle) {
  await handle.scrollIntoViewIfNeeded();
  const first = await handle.boundingBox();
  let box = first;
  for (let tries = 0; tries < 40; tries++) {
    await page.waitForTimeout(300);
    const now = await handle.boundingBox();
    const still = box && now && Math.abs(now.x - box.x) < 1 && Math.abs(now.y - box.y) < 1;
    box = now;
    if (still) break;
  }
  if (!box || !first) throw new Error('the element to click is not on the page');
  const moved = Math.round(Math.hypot(box.x - first.x, box.y - first.y));
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2, moved };
  // a person's pointer comes to rest on a button before pressing it: the pointer leaving the last
  // control and entering this one (out/over/move events, 10-100 ms of the click's task under 4x
  // throttling when Playwright dispatched them with the press) happens before the measured window
  await page.mouse.move(at.x, at.y);
  await page.waitForTimeout(300);
  return at;
}

/** Train was clicked at `at`: the run must lock it within a few seconds, or the click was lost. */
export async function expectRunStarted(train: ElementHandle, at: { x: number; y: number }) {
  try {
    await train.waitForElementState('disabled', { timeout: 20_000 });
  } catch {
    const box = await train.boundingBox();
    throw new Error(
      `the click on Train at (${Math.round(at.x)}, ${Math.round(at.y)}) started no run; Train is now at ${JSON.stringify(box)}`,
    );
  }
}

/** Every class card counts `perClass` images and no drop is still being added. */
export const waitForAdded = (page: Page, classes: number, perClass: number, timeout: number) =>
  page.waitForFunction(
    ([k, n]) => {
      const counts = [...document.querySelectorAll('.class-card .count[aria-label]')];
      return (
        counts.length === k &&
        !document.querySelector('progress[aria-label="Adding images"]') &&
        counts.every((c) => c.getAttribute('aria-label')!.startsWith(`${n} images in `))
      );
    },
    [classes, perClass] as const,
    { polling: POLL_MS, timeout },
  );

/** The results show a validation accuracy (the first model's, in a two-phase run). */
export const waitForAccuracy = (page: Page, timeout: number) =>
  page.waitForFunction(() => !!document.querySelector('[data-testid="val-accuracy"]'), undefined, {
    polling: POLL_MS,
    timeout,
  });

/**
 * The train panel's status line starts with `text` ('Training finished': the line goes on with the
 * run's validation accuracy).
 */
export const waitForStatus = (page: Page, text: string, timeout: number) =>
  page.waitForFunction((t) => !!document.querySelector('.train-status')?.textContent?.startsWith(t), text, {
    polling: POLL_MS,
    timeout,
  });

/** The p-th percentile (0-100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Serves files under `dir` to the page at /bench-data/... without touching the preview server. */
export async function routeDataset(page: Page, dir: string): Promise<void> {
  const root = resolve(dir);
  await page.route('**/bench-data/**', (route: Route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^\/bench-data\//, ''));
    const path = resolve(root, rel);
    if (!path.startsWith(root + sep) || !existsSync(path)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ path });
  });
}

/**
 * Drops a folder onto the page as a user drags one from their file manager: Chromium's own drag
 * events (CDP Input.dispatchDragEvent) carrying the folder's path, so the page reads it through the
 * entries API (a real directory entry), not through a file input, whose file list the browser
 * builds in one task (about a second for 500 files under 4× throttling).
 */
export async function dropFolder(page: Page, dir: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const size = page.viewportSize() ?? { width: 800, height: 600 };
  const at = { x: Math.round(size.width / 2), y: Math.round(size.height / 2) };
  const data = { items: [], files: [dir], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const)
    await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  await cdp.detach();
}
