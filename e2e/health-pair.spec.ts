import { expect, test } from '@playwright/test';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady } from './fixtures';

const CLASSES = ['digit_0', 'digit_1', 'digit_2'];

test('a new project says what the check looks at; copies across the split are one finding, fixed by its button', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const folder = makeDatasetFolder('sign-language-digits', CLASSES, 12);
  // six copies of one picture: the split (by each file's name) puts some in validation, some in training
  const original = readdirSync(join(folder, 'digit_0')).sort()[0];
  for (let k = 1; k <= 6; k++)
    copyFileSync(join(folder, 'digit_0', original), join(folder, 'digit_0', `copy-${k}.jpg`));

  await studioReady(page, '/');
  // before any image: what the check will look at, and nothing to press
  const card = page.getByRole('region', { name: 'Check the data' });
  await expect(card.getByTestId('insight-empty')).toContainText(
    'identical and nearly identical images, copies on both sides of the train/validation split',
  );
  await expect(card.getByRole('button')).toHaveCount(0);

  await addFolder(page, folder, '12 images in digit_2');
  await expect(page.getByLabel('18 images in digit_0')).toBeVisible();
  await page.getByRole('button', { name: 'Check dataset health' }).click();
  const health = page.getByRole('region', { name: 'Dataset health' });
  // the copies are one finding, the split copy, not also "Identical files"
  const copies = health.getByRole('listitem').filter({ has: page.getByRole('img', { name: original, exact: true }) });
  await expect(copies).toHaveCount(1, { timeout: SLOW_STEP_MS });
  await expect(copies).toContainText('Copies on both sides of the train/validation split');
  await expect(health.getByText('Identical files')).toHaveCount(0);
  // its fix keeps one copy and removes the other six
  await copies.getByRole('button', { name: 'Keep one copy' }).click();
  await expect(page.getByLabel('12 images in digit_0')).toBeVisible();
  await expect(copies).toHaveCount(0);
});
