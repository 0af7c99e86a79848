import { expect, test } from '@playwright/test';
import { addFolder, makeDatasetFolder, studioReady, undoToast } from './fixtures';

// A Mac's browser, as the page reads it (src/ui/mac-keys.ts): ⌘Z undoes there and Alt is ⌥ (Option).
// Chromium's own keys stay Linux's; the page's words and its ⌘Z are what is checked.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'platform', { get: () => 'MacIntel', configurable: true });
    Object.defineProperty(Navigator.prototype, 'userAgentData', {
      get: () => ({ platform: 'macOS', mobile: false, brands: [] }),
      configurable: true,
    });
  });
});

test('on a Mac the newest toast shows ⌥Z and ⌘Z undoes a class deletion, but not in a text field', async ({ page }) => {
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_2'], 4), '4 images in digit_2');
  await page.getByRole('button', { name: 'Delete class digit_2' }).click();
  const toast = undoToast(page, 'Deleted class digit_2 (4 images)');
  await expect(toast).toBeVisible();
  await toast.hover();

  // the Mac's keys, not Windows' and Linux's: beside the Undo, in its tooltip, to a screen reader
  await expect(toast.getByText('⌥Z', { exact: true })).toBeVisible();
  await expect(toast.getByText('Alt+Z', { exact: true })).toHaveCount(0);
  const undo = toast.getByRole('button', { name: 'Undo' });
  await expect(undo).toHaveAttribute(
    'title',
    '⌥Z (Option+Z): jump here from anywhere on the page. ⌘Z: undo the newest.',
  );
  await expect(undo).toHaveAttribute('aria-keyshortcuts', 'Meta+Z Alt+Z');

  // in a class's name field ⌘Z is the field's undo of typing: the class stays deleted
  const name = page.getByRole('textbox', { name: 'Class name' });
  await expect(name).toHaveCount(1);
  await name.focus();
  await page.keyboard.press('Meta+z');
  await expect(toast).toBeVisible();
  await expect(page.getByLabel('4 images in digit_2')).toHaveCount(0);

  // ⌥Z (Option+Z) reaches the toast from anywhere
  await page.getByRole('button', { name: 'Add class' }).focus();
  await page.keyboard.press('Alt+z');
  await expect(undo).toBeFocused();

  // anywhere else on the page ⌘Z undoes the newest: the class and its images are back
  await page.getByRole('button', { name: 'Add class' }).focus();
  await page.keyboard.press('Meta+z');
  await expect(page.getByLabel('4 images in digit_2')).toBeVisible();
  await expect(toast).toHaveCount(0);
});
