import { expect, test, type Locator } from '@playwright/test';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady } from './fixtures';

// ImageNet's own class names, long and joined by "_": a phone showed 1.3 of their 4 matrix columns,
// "english_springe / r" broken inside the word, and no sign of a run's progress outside Train.
const CLASSES = ['english_springer', 'cassette_player', 'chain_saw', 'garbage_truck'];
const PHONE = { width: 390, height: 844 };

/** The text of each heading whose lines break anywhere but after a space, "_" or "-" (as laid out). */
function brokenInsideAWord(headings: Locator): Promise<string[]> {
  return headings.evaluateAll((cells) =>
    cells.flatMap((cell) => {
      const chars: { ch: string; top: number }[] = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // text hidden for screen readers (a numbered column's name) is not laid out in lines
        if (node.parentElement?.closest('.visually-hidden')) continue;
        for (let i = 0; i < node.textContent!.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (rect) chars.push({ ch: node.textContent![i], top: Math.round(rect.top) });
        }
      }
      const bad = chars.some((c, i) => i > 0 && c.top > chars[i - 1].top + 2 && !/[\s_-]/.test(chars[i - 1].ch));
      return bad ? [cell.textContent ?? ''] : [];
    }),
  );
}

test("phone: a run's progress shows from any step, the confusion matrix fits and its names break only between words", async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await page.setViewportSize(PHONE);
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('imagenette-imagenetval', CLASSES, 8), '8 images in garbage_truck');

  // a long run, looked at from the Data step
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('1000');
  await page.getByLabel('Early-stopping patience (0 = off)').fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /Training: epoch \d+ of 1000/ })).toBeVisible({
    timeout: 180_000,
  });
  await page.getByRole('link', { name: /^1 Data:/ }).click();
  const bar = page.getByRole('navigation', { name: 'Steps' });
  const progress = bar.getByTestId('step-now-train');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveText(/^Train (first model · )?epoch \d+\/1000/);
  await expect(bar.getByTestId('step-now-data')).toHaveText('Data 4 classes · 32 images');
  // on one line, inside the phone's width
  const line = (await progress.boundingBox())!;
  expect(line.height).toBeLessThan(24);
  expect(line.x + line.width).toBeLessThanOrEqual(PHONE.width);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  const stop = page.getByRole('button', { name: 'Stop' });
  if (await stop.isEnabled()) await stop.click({ timeout: 10_000 }).catch(() => undefined);
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(progress).toHaveCount(0);

  await page.getByRole('link', { name: /^4 Evaluate:/ }).click();
  await page.getByText('Confusion matrix').click();
  const matrix = page.getByRole('table', { name: /Confusion matrix/ });
  await matrix.scrollIntoViewIfNeeded();
  // four columns fit the phone, numbered: no sideways scrolling to find them
  await expect
    .poll(() => matrix.evaluate((table) => table.parentElement!.scrollWidth - table.parentElement!.clientWidth))
    .toBeLessThanOrEqual(0);
  await expect(page.getByRole('region', { name: /^Confusion matrix/ })).toHaveCount(0);
  for (const cell of await matrix.locator('td').all()) {
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  }
  expect(await brokenInsideAWord(matrix.locator('th'))).toEqual([]);
  // a numbered column is still named by its class, and shows the number its row heading gives it
  const number = (header: Locator) => header.locator('[aria-hidden="true"]').textContent();
  const row = await number(matrix.getByRole('rowheader', { name: 'english_springer' }));
  expect(row).toMatch(/^[1-4]$/);
  expect(await number(matrix.getByRole('columnheader', { name: 'english_springer' }))).toBe(row);
  // a cell still opens its images
  await matrix.getByRole('button', { name: /^\d+ english_springer images? predicted as english_springer$/ }).click();
  await expect(
    page.getByRole('region', { name: 'Validation images: english_springer predicted as english_springer' }),
  ).toBeVisible();

  // the per-class table is wider than the phone: words say it scrolls, and which way
  const perClass = page.getByRole('region', { name: /^Per-class validation metrics \(scrolls sideways\)/ });
  await perClass.scrollIntoViewIfNeeded();
  await expect(perClass.locator('xpath=preceding-sibling::*[1]')).toHaveText('← scroll for more columns →');
  await expect(perClass.locator('xpath=preceding-sibling::*[1]')).toBeVisible();
  expect(await brokenInsideAWord(perClass.locator('th'))).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
});
