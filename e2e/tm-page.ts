import type { Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { DATASETS } from './fixtures';

/**
 * A bare page on its own origin with the Teachable Machine image library and the tfjs 1.3.1 it was
 * built for (from e2e/tm-fixture, never from the app's tfjs 4.x), an unzipped export under
 * /export/ and the shared datasets under /datasets/. Nothing from the studio's build is involved,
 * so the model is loaded the way a user of that library would load it.
 */
export const TM_ORIGIN = 'http://tm.test';

const FIXTURE = resolve(import.meta.dirname, 'tm-fixture/node_modules');
const SCRIPTS: Record<string, string> = {
  '/tf.min.js': join(FIXTURE, '@tensorflow/tfjs/dist/tf.min.js'),
  '/tm.js': join(FIXTURE, '@teachablemachine/image/dist/teachablemachine-image.min.js'),
};

export async function openTmPage(page: Page, exported: Record<string, Uint8Array>): Promise<void> {
  for (const path of Object.values(SCRIPTS)) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run npm ci --prefix e2e/tm-fixture`);
  }
  await page.route(`${TM_ORIGIN}/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    if (path === '/')
      return route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>tm</title><script src="/tf.min.js"></script><script src="/tm.js"></script>',
      });
    if (SCRIPTS[path]) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(SCRIPTS[path]) });
    if (path.startsWith('/export/')) {
      const file = exported[path.slice('/export/'.length)];
      return file
        ? route.fulfill({ body: Buffer.from(file) })
        : route.fulfill({ status: 404, body: 'not in the export' });
    }
    if (path.startsWith('/datasets/')) {
      const file = normalize(join(DATASETS, path.slice('/datasets/'.length)));
      if (file.startsWith(resolve(DATASETS) + sep) && existsSync(file))
        return route.fulfill({ contentType: 'image/jpeg', body: readFileSync(file) });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
  await page.goto(`${TM_ORIGIN}/`);
  await page.waitForFunction(() => 'tmImage' in window && 'tf' in window);
}
