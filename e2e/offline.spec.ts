import { expect, test } from '@playwright/test';
import { LONG_TEST_MS, studioReady } from './fixtures';
import { trainSmallProject } from './train-small';

// the one spec that needs the service worker (playwright.config.ts blocks it everywhere else)
test.use({ serviceWorkers: 'allow' });

test('after a first visit the studio installs, then opens and trains with the network cut', async ({
  page,
  context,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await studioReady(page, '/');
  // installable: a manifest with icons, a favicon, and a service worker that has precached the app shell
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
    return (await fetch(href)).json();
  });
  expect(manifest.name).toBe('Transfer Studio');
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect((await page.request.get('/favicon.svg')).ok()).toBe(true);
  expect(await page.evaluate(async () => !!(await navigator.serviceWorker.ready).active)).toBe(true);
  expect(failed).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  // the page, its scripts, the worker and the wasm binaries come from the precache; the backbone from IndexedDB
  await studioReady(page);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await trainSmallProject(page, { classes: ['digit_1', 'digit_2'], perClass: 6, epochs: 2, views: 0 });
  await expect(page.getByTestId('val-accuracy')).toContainText(/Validation accuracy: \d/);
  await context.setOffline(false);
});
