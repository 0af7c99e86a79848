import { expect, test } from '@playwright/test';
import { addFolder, makeDatasetFolder, SLOW_STEP_MS, studioReady, undoToast } from './fixtures';

// Adding the same folder twice doubled every class, with a duplicate warning and no way back but
// deleting the copies one by one: every adding is offered back now, as a deletion is.
test('a folder added twice is taken back with Undo, and the first adding with Ctrl+Z', async ({ page }) => {
  await studioReady(page, '/');
  const folder = makeDatasetFolder('sign-language-digits', ['digit_0', 'digit_1'], 6);
  await addFolder(page, folder, '6 images in digit_0');
  const first = undoToast(page, 'Added 12 images to digit_0, digit_1 (new classes)');
  await expect(first).toBeVisible();

  await addFolder(page, folder, '12 images in digit_0');
  const warnings = page.getByRole('list', { name: 'Dataset warnings' });
  await expect(warnings).toContainText('6 images are each in "digit_0" twice', { timeout: SLOW_STEP_MS });
  // the second adding's toast: the classes were there already
  const second = undoToast(page, /Added 12 images to digit_0, digit_1(?! \()/);
  await expect(second).toBeVisible();
  await second.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('6 images in digit_0')).toBeVisible();
  await expect(page.getByLabel('6 images in digit_1')).toBeVisible();
  await expect(warnings).toHaveCount(0, { timeout: SLOW_STEP_MS });
  await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (12 images)', {
    timeout: SLOW_STEP_MS,
  });

  // outside a text field Ctrl+Z takes the next one: the classes the first adding made go with it
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('textbox', { name: 'Class name' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Undo' })).toHaveCount(0);
});
