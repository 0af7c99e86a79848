import { expect, test } from '@playwright/test';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, studioReady, TRAIN_MS } from './fixtures';

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
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_2'], 6), '6 images in digit_2');
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('2');
  await page.getByLabel('Augmented views per image').fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
  await expect(page.getByTestId('val-accuracy')).toContainText(/Validation accuracy: \d/);
  await context.setOffline(false);
});
