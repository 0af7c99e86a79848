// Chromium as the e2e suite launches it (TOOLCHAIN.md's flags), with WebGPU allowed so its
// adapter can be probed and measured, and optionally Chromium's fake camera.
import { chromium, type Browser, type Page, type Route } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { chromiumArgs } from '../../e2e/chromium-args';

const BASE_ARGS = chromiumArgs;

export async function launch(executablePath: string, fakeCameraY4m?: string): Promise<Browser> {
  const camera = fakeCameraY4m
    ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${fakeCameraY4m}`]
    : [];
  return chromium.launch({ executablePath, args: [...BASE_ARGS, ...camera] });
}

/**
 * Long tasks (main thread busy over 50 ms) from page start. Installed before any app script runs;
 * `__benchLongTasks.reset()` starts a new window so only the measured phase counts.
 */
export async function installLongTaskObserver(page: Page): Promise<void> {
  // A string, not a function: tsx's transform would inject helpers (__name) the page lacks.
  await page.addInitScript(`(() => {
    const state = { longest: 0, count: 0, total: 0 };
    window.__benchLongTasks = {
      read: () => ({ ...state }),
      reset: () => Object.assign(state, { longest: 0, count: 0, total: 0 }),
    };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        state.longest = Math.max(state.longest, e.duration);
        state.count++;
        state.total += e.duration;
      }
    }).observe({ type: 'longtask', buffered: true });
  })();`);
}

export interface LongTasks {
  longest: number;
  count: number;
  total: number;
}

export const resetLongTasks = (page: Page) => page.evaluate(() => (window as unknown as { __benchLongTasks: { reset(): void } }).__benchLongTasks.reset());
export const readLongTasks = (page: Page): Promise<LongTasks> =>
  page.evaluate(() => (window as unknown as { __benchLongTasks: { read(): LongTasks } }).__benchLongTasks.read());

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
