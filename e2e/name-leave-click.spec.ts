import { expect, test } from '@playwright/test';
import { addFolder, makeDatasetFolder, studioReady, undoToast } from './fixtures';

// Leaving a class's name field with another class's name puts the name back, which takes the
// clash's line off both cards: the cards below moved up between the press and the release of the
// click that left the field, and a click on a card's Delete was lost.
test('a click that leaves a refused class name lands on what it was aimed at', async ({ page }) => {
  await studioReady(page, '/');
  const folder = makeDatasetFolder('sign-language-digits', ['digit_0', 'digit_1', 'digit_2'], 6);
  await addFolder(page, folder, '6 images in digit_2');
  // the adding's undo toast sits over the cards: out of the way
  await undoToast(page, 'Added 18 images')
    .getByRole('button', { name: /^Dismiss/ })
    .click();

  const second = page.getByRole('textbox', { name: 'Class name' }).nth(1);
  await second.fill('digit_0');
  // while the clash is typed, each Delete still names the class it deletes
  await expect(page.getByRole('button', { name: 'Delete class digit_0' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Delete class digit_1' })).toHaveCount(1);
  const notice = page.getByText('"digit_0" is another class\'s name: the class kept its name "digit_1".');
  await expect(notice).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete class digit_2' }).click();
  await expect(notice).toBeVisible();
  await expect(second).toHaveValue('digit_1');
  // the click reached Delete: the class went, offered back
  await expect(page.getByLabel('6 images in digit_2')).toHaveCount(0);
  await expect(undoToast(page, 'Deleted class digit_2 (6 images)')).toBeVisible();
});
