import { expect, test } from '@playwright/test';
import { makeDatasetFolder, studioReady, addFolder } from './fixtures';

interface Frame {
  duration: number;
  scripts: string[];
}

/**
 * The page only renders while the worker extracts and trains. Long tasks (over 50 ms) and long
 * animation frames are recorded from the Train click to the shown result; their attribution is
 * logged. The bound is on their number: streaming metrics into the charts used to block the main
 * thread 55-125 ms at every update (8-10 long tasks a run), drawn one chart per task it does not.
 */
test('extraction and training leave the main thread free: no run of long tasks while metrics stream', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __long: { tasks: number[]; frames: Frame[]; on: boolean } };
    w.__long = { tasks: [], frames: [], on: false };
    new PerformanceObserver((list) => {
      if (w.__long.on) for (const e of list.getEntries()) w.__long.tasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
    new PerformanceObserver((list) => {
      if (!w.__long.on) return;
      for (const e of list.getEntries() as (PerformanceEntry & { scripts: { invoker: string; sourceFunctionName: string; duration: number }[] })[]) {
        if (e.duration > 50) w.__long.frames.push({ duration: Math.round(e.duration), scripts: e.scripts.map((s) => `${s.invoker} ${s.sourceFunctionName} ${Math.round(s.duration)} ms`) });
      }
    }).observe({ type: 'long-animation-frame' });
  });
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_4', 'digit_7'], 30), '30 images in digit_7');
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('80');
  await page.evaluate(() => ((window as unknown as { __long: { on: boolean } }).__long.on = true));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText(/Extracting features \d+\/\d+/)).toBeVisible();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: 180_000 });
  const long = await page.evaluate(() => {
    const w = window as unknown as { __long: { tasks: number[]; frames: Frame[]; on: boolean } };
    w.__long.on = false;
    return w.__long;
  });
  // the metrics streamed for real: every epoch charted (early stopping may end the run first), batch by batch
  const epochs = Number(/(\d+) epochs on/.exec(await page.getByRole('region', { name: '4. Results' }).innerText())![1]);
  expect(epochs).toBeGreaterThanOrEqual(20);
  await expect(page.getByRole('figure', { name: /Accuracy per epoch/ })).toHaveAttribute('data-points', String(epochs));
  const batches = Number(await page.getByRole('figure', { name: /Training loss per batch/ }).getAttribute('data-points'));
  expect(batches).toBeGreaterThanOrEqual(epochs);
  console.log(`long tasks during extraction + training: ${JSON.stringify(long.tasks)}; long frames: ${JSON.stringify(long.frames)}`);
  // a stray garbage collection or a busy machine may make one; a task per metrics update may not
  expect(long.tasks.length).toBeLessThanOrEqual(2);
});
