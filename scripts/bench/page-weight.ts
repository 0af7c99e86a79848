// The page's own JavaScript: every script the page (not its workers) fetched on a first visit,
// read from the build folder and gzipped as a server would send it. A worker's imports are
// fetched in the worker's own timeline, so tfjs loaded there does not count here.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Paths of the scripts the page itself fetched so far (worker entry scripts left out). */
export async function pageScripts(page: Page): Promise<string[]> {
  const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  return [
    ...new Set(
      urls.map((u) => new URL(u).pathname).filter((p) => /\.m?js$/.test(p) && !/worker/i.test(p.split('/').pop()!)),
    ),
  ].sort();
}

export function pageWeight(outDir: string, scripts: string[]) {
  let bytes = 0;
  let gzipBytes = 0;
  const files = scripts.map((path) => {
    const body = readFileSync(join(outDir, path));
    const gz = gzipSync(body, { level: 9 }).length;
    bytes += body.length;
    gzipBytes += gz;
    return { path, bytes: body.length, gzipBytes: gz };
  });
  return { jsBytes: bytes, jsGzipBytes: gzipBytes, files };
}
