import { expect, test } from '@playwright/test';
import { FIRST_MODEL_MAX_EPOCHS } from '../src/core/pipeline';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady } from './fixtures';

interface Frame {
  duration: number;
  scripts: string[];
}

/** What the page records while `on`. */
interface Recorded {
  tasks: number[];
  frames: Frame[];
  points: number[];
  /** the extraction's count was shown */
  extracting: boolean;
  on: boolean;
}

/**
 * The page only renders while the worker extracts and trains: the metrics stream into the charts
 * in many small updates, and the page answers input meanwhile. Long tasks (over 50 ms) and long
 * animation frames are recorded from the Train click to the shown result and attached with their
 * attribution, but not counted against a bound: how many a run makes depends on how busy the
 * machine is. The 50 ms goal is measured by `npm run bench`, at 1× and under 4× CPU throttling.
 */
test('extraction and training leave the main thread free: metrics stream into the charts and the page answers input', async ({
  page,
}, testInfo) => {
  test.setTimeout(LONG_TEST_MS);
  await page.addInitScript(() => {
    const w = window as unknown as { __long: Recorded };
    w.__long = { tasks: [], frames: [], points: [], extracting: false, on: false };
    new PerformanceObserver((list) => {
      if (w.__long.on) for (const e of list.getEntries()) w.__long.tasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
    new PerformanceObserver((list) => {
      if (!w.__long.on) return;
      for (const e of list.getEntries() as (PerformanceEntry & {
        scripts: { invoker: string; sourceFunctionName: string; duration: number }[];
      })[]) {
        if (e.duration > 50)
          w.__long.frames.push({
            duration: Math.round(e.duration),
            scripts: e.scripts.map((s) => `${s.invoker} ${s.sourceFunctionName} ${Math.round(s.duration)} ms`),
          });
      }
    }).observe({ type: 'long-animation-frame' });
    // every point count the accuracy chart shows during the run, as it is drawn
    new MutationObserver((records) => {
      if (!w.__long.on) return;
      for (const r of records) {
        const el = r.target as Element;
        if (el.getAttribute('aria-label')?.startsWith('Accuracy per epoch'))
          w.__long.points.push(Number(el.getAttribute('data-points')));
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-points'] });
    // whether the extraction's count was shown, as the page drew it: the extraction of 90 images
    // takes about a second here, a third of that on the project's CI machine
    const extracting = new MutationObserver(() => {
      if (!w.__long.on) return;
      for (const el of document.querySelectorAll('[role="status"]'))
        if (/Extracting features \d+\/\d+/.test(el.textContent ?? '') && el.checkVisibility()) {
          w.__long.extracting = true;
          extracting.disconnect();
        }
    });
    extracting.observe(document, { subtree: true, childList: true, characterData: true });
  });
  await studioReady(page, '/');
  await addFolder(
    page,
    makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_4', 'digit_7'], 30),
    '30 images in digit_7',
  );
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('80');
  // batches of 4: at 32 the full model's 80 epochs took 1 s here, a third of that on the project's CI
  // machine, within one or two of the worker's messages (one each 200 ms) and so too few partial
  // charts; at 4 they take 6 s here and the whole run 10 s
  await page.getByLabel('Batch size').fill('4');
  await page.getByLabel(/Early-stopping patience/).fill('0');
  await page.evaluate(() => ((window as unknown as { __long: { on: boolean } }).__long.on = true));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // the page answers input while the worker works: a disclosure opens and closes
  // (the settings fold by themselves when a run locks them, in their own turn a frame or more
  // after the run starts: once locked, whatever they show, a click flips it)
  await expect(page.getByLabel('Epochs')).toBeDisabled({ timeout: SLOW_STEP_MS });
  const settings = page.locator('summary', { hasText: 'Training settings' }).locator('..');
  const open = () => settings.evaluate((d) => (d as HTMLDetailsElement).open);
  const before = await open();
  await page.getByText('Training settings').click();
  await expect.poll(open).toBe(!before);
  await page.getByText('Training settings').click();
  await expect.poll(open).toBe(before);
  // ...while the run still holds the settings
  await expect(page.getByLabel('Epochs')).toBeDisabled();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: 240_000 });
  const long = await page.evaluate(() => {
    const w = window as unknown as { __long: Recorded };
    w.__long.on = false;
    return w.__long;
  });
  expect(long.extracting, 'the extraction shown as it went').toBe(true);
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toContainText('80 epochs on');
  await expect(page.getByRole('figure', { name: /Accuracy per epoch/ })).toHaveAttribute('data-points', '80');
  const batches = Number(
    await page.getByRole('figure', { name: /Training loss per batch/ }).getAttribute('data-points'),
  );
  expect(batches).toBeGreaterThanOrEqual(80);
  // the metrics streamed: the full model's chart was drawn with partial runs, not once at the end
  // (counts up to the first model's epochs may be that model's chart)
  const partial = new Set(long.points.filter((n) => n > FIRST_MODEL_MAX_EPOCHS && n < 80));
  expect(partial.size).toBeGreaterThanOrEqual(2);
  const record = { longTasksMs: long.tasks, longFrames: long.frames, chartPointCounts: long.points };
  console.log(
    `long tasks during extraction + training: ${JSON.stringify(long.tasks)}; long frames: ${JSON.stringify(long.frames)}`,
  );
  await testInfo.attach('main-thread.json', { body: JSON.stringify(record, null, 2), contentType: 'application/json' });
});
