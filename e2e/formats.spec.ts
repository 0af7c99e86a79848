import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { addFolder, classImages, LONG_TEST_MS, SLOW_STEP_MS, TRAIN_MS } from './fixtures';

/** The same real photos re-encoded in every format the studio promises to read. */
async function formatsFolder(): Promise<string> {
  const root = join(mkdtempSync(join(tmpdir(), 'studio-formats-')), 'formats');
  const classes = { fist: 'digit_0', five: 'digit_5' };
  for (const [name, source] of Object.entries(classes)) {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    const photos = classImages('sign-language-digits', source).slice(0, 6);
    await sharp(photos[0]).toColourspace('cmyk').jpeg().toFile(join(dir, 'cmyk.jpg'));
    await sharp(photos[1]).grayscale().jpeg().toFile(join(dir, 'gray.jpg'));
    await sharp(photos[2]).webp().toFile(join(dir, 'photo.webp'));
    await sharp(photos[3]).gif().toFile(join(dir, 'photo.gif'));
    await sharp(photos[4]).toColourspace('rgb16').png().toFile(join(dir, 'deep.png'));
    // Stored sideways with an EXIF orientation tag, and not square.
    await sharp(photos[5])
      .resize(300, 180)
      .rotate(270)
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toFile(join(dir, 'rotated.jpg'));
    // Far larger than any input size, and panoramic: decoded downscaled, then centre-cropped.
    await sharp(photos[0]).resize(4000, 1600, { fit: 'fill' }).jpeg({ quality: 70 }).toFile(join(dir, 'huge.jpg'));
  }
  return root;
}

test('CMYK, grayscale, WebP, GIF, 16-bit PNG, EXIF-rotated and 4000×1600 JPEG all decode and train', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const folder = await formatsFolder();
  await page.goto('/');
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await addFolder(page, folder, '7 images in fist');
  await expect(page.getByLabel('7 images in five')).toBeVisible();
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('5');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
  await expect(page.getByText(/could not be read/)).toHaveCount(0);
  await expect(page.getByText(/12 training and 2 validation images/)).toBeVisible();
});

test('training can be stopped and the page stays usable', async ({ page }) => {
  test.setTimeout(LONG_TEST_MS);
  const folder = await formatsFolder();
  await page.goto('/');
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await page.getByLabel('Add folders…').setInputFiles(folder);
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('1000');
  await page.getByLabel('Batch size').fill('1');
  // early stopping off: on a fast machine the run must not end by itself before Stop is pressed
  await page.getByLabel(/Early-stopping patience/).fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // after the folder is added and its 14 images (one of 4000×1600) went through the backbone
  await expect(page.getByText(/Training: epoch/)).toBeVisible({ timeout: TRAIN_MS });
  // The page answers while the worker trains: a class can be added (names are locked during a run).
  const names = page.getByRole('textbox', { name: 'Class name' });
  const before = await names.count();
  await page.getByRole('button', { name: 'Add class' }).click();
  await expect(names).toHaveCount(before + 1);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText('Training stopped')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled();
  // once stopped, the new class can be named
  await names.last().fill('later');
  await expect(page.getByRole('region', { name: 'Class later' })).toBeVisible();
  const epochs = Number(await page.getByRole('figure', { name: /Accuracy per epoch/ }).getAttribute('data-points'));
  expect(epochs).toBeLessThan(1000);
});
