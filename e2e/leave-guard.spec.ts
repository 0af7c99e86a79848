import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { DATASETS, LONG_TEST_MS, SLOW_STEP_MS, studioReady } from './fixtures';

const DIGITS = join(DATASETS, 'sign-language-digits');

test('a reload while images are still coming in is asked first; staying lets them all in, and a reload then restores them', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  // the browser asks only a page the person has used (a click, not a script)
  await page.getByRole('heading', { name: 'Images', exact: true }).click();
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.type());
    // "Stay on page"
    void dialog.dismiss();
  });

  await page.getByLabel('Add folders…').setInputFiles(DIGITS);
  await expect(page.getByRole('progressbar', { name: 'Adding images' })).toBeVisible({ timeout: SLOW_STEP_MS });
  // stayed: the reload never happens
  await expect(page.reload({ timeout: 3_000 })).rejects.toThrow(/Timeout/);
  expect(asked).toEqual(['beforeunload']);

  await expect(page.getByLabel('100 images in digit_9')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (1000 images)', {
    timeout: SLOW_STEP_MS,
  });
  // nothing left to lose: the reload goes ahead unasked, and the project comes back whole
  await page.reload();
  expect(asked).toEqual(['beforeunload']);
  await expect(page.getByLabel('100 images in digit_0')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByLabel('100 images in digit_9')).toBeVisible();
});
