import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady } from './fixtures';
import { standInFolderPicker } from './folder-picker';

/** The focused element's accessible name as a person hears it (label, aria-label or text). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const by = el.getAttribute('aria-labelledby');
    if (by)
      return by
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    const labels = (el as HTMLInputElement).labels;
    return el.getAttribute('aria-label') ?? (labels?.length ? labels[0].textContent : el.textContent) ?? '';
  });
}

/** Tab (forwards only) until the focus is on the control named `name`; fails if it never comes. */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const now = (await focusedName(page)).trim();
    if (typeof name === 'string' ? now === name : name.test(now)) return;
  }
  throw new Error(`never reached ${name} by Tab`);
}

test('keyboard only: add data, move the freeze boundary, train and export', async ({ page }) => {
  test.setTimeout(LONG_TEST_MS);
  const folder = makeDatasetFolder('sign-language-digits', ['digit_4', 'digit_6'], 10);
  await studioReady(page, '/');

  // add a folder of class folders: the folder picker opens from the keyboard (stood in for:
  // e2e/folder-picker.ts; folder-picker.spec.ts has the folder input of browsers without one);
  // its label shows the focus
  await standInFolderPicker(page, folder);
  await tabTo(page, 'Add folders… (a folder of class folders)');
  await expect(page.locator('label.button-like', { hasText: 'Add folders…' })).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('10 images in digit_6')).toBeVisible({ timeout: SLOW_STEP_MS });

  // the Model step in one keypress from the step navigation, then the map is one Tab stop
  await tabTo(page, /^2\s*Model/);
  await page.keyboard.press('Enter');
  await tabTo(page, 'Layer map');
  // its focus ring shows whole: the scroller round the map clipped all of it but the corners
  const ring = await page.getByRole('slider', { name: 'Layer map' }).evaluate((el) => {
    const css = getComputedStyle(el);
    const reach = parseFloat(css.outlineWidth) + parseFloat(css.outlineOffset);
    const [map, box] = [el.getBoundingClientRect(), el.parentElement!.getBoundingClientRect()];
    const inside =
      map.left - reach >= box.left &&
      map.right + reach <= box.right &&
      map.top - reach >= box.top &&
      map.bottom + reach <= box.bottom;
    return { style: css.outlineStyle, reach, inside };
  });
  expect(ring).toEqual({ style: 'solid', reach: 5, inside: true });
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('slider', { name: 'Layer map' })).toHaveAttribute('aria-valuenow', '13');
  await expect(page.getByTestId('param-totals')).toContainText('1 backbone block + head');

  // settings: fewer epochs and views, typed
  await tabTo(page, 'Training settings');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Epochs');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('3');
  await tabTo(page, 'Augmented views per image');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('0');
  await tabTo(page, 'Train');
  await page.keyboard.press('Enter');
  // the focus follows the run: Train is disabled as it starts (the focus goes to Stop), Stop as it
  // ends (back to Train), never dropped to the page
  await expect(page.getByRole('button', { name: 'Stop' })).toBeFocused();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: 200_000 });
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeFocused();
  await expect(page.getByTestId('trained-params')).toContainText('Fine-tuned the top 1 backbone block');

  await tabTo(page, 'Download model (zip)');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.keyboard.press('Enter'),
  ]);
  expect(download.suggestedFilename()).toBe('transfer-studio-model.zip');
  // the buttons wait while the zip is prepared without taking the focus from the one pressed
  await expect(page.getByRole('button', { name: 'Download model (zip)' })).toBeFocused();
});

test('settings are checked as typed: the error at the field, Train disabled with the reason', async ({ page }) => {
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_4', 'digit_6'], 6), '6 images in digit_6');
  await page.getByText('Training settings').click();
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled();
  // the values set by hand (the automatic recipe's fields hold none to put back)
  await page.getByLabel('Head recipe', { exact: true }).selectOption('manual');
  const cases: [string, string, RegExp][] = [
    ['Epochs', '0', /Epochs must be at least 1/],
    ['Learning rate', '-1', /Learning rate must be above 0/],
    ['Batch size', '0', /Batch size must be at least 1/],
    ['Validation split', '0.99', /Validation split must be at most 0\.9/],
  ];
  for (const [field, bad, message] of cases) {
    const input = page.getByLabel(field, { exact: true });
    const good = await input.inputValue();
    await input.fill(bad);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(message);
    await expect(train).toBeDisabled();
    await expect(page.getByRole('list', { name: 'Before you can train' })).toContainText(message);
    await input.fill(good);
    await expect(input).not.toHaveAttribute('aria-invalid', 'true');
    await expect(train).toBeEnabled();
  }
  await expect(page.getByText(/to fix/)).toHaveCount(0);
});

test("a class's thumbnails are one tab stop: the arrow keys move through them, Delete removes one, its Undo puts it back", async ({
  page,
}) => {
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_2'], 8), '8 images in digit_2');
  const grid = page.getByRole('grid', { name: 'Images in digit_1' });
  const cells = grid.getByRole('gridcell');
  await expect(grid.getByRole('img')).toHaveCount(8, { timeout: SLOW_STEP_MS });
  const names = (await grid.getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('alt')))) as string[];
  await expect(grid).toHaveAccessibleDescription(
    'Arrow keys move between the images; Enter opens one in the review; Delete removes one.',
  );

  // the card's own ways in, in order from the keyboard: Record from camera, then its file picker; then
  // one Tab into the thumbnails, one more out of them to Review all
  await page.getByRole('button', { name: 'Record from camera into digit_1' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Add images to digit_1')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cells.first()).toBeFocused();
  await expect(cells.first()).toHaveAccessibleName(`Image 1 of 8: ${names[0]}`);
  await page.keyboard.press('Tab');
  const review = page.getByRole('button', { name: 'Review all 8 images of digit_1' });
  await expect(review).toBeFocused();

  await page.keyboard.press('Shift+Tab');
  await expect(cells.first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(cells.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(cells.nth(7)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(cells.first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(cells.nth(2)).toBeFocused();
  // left and come back to, the thumbnail last focused
  await page.keyboard.press('Tab');
  await expect(review).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cells.nth(2)).toBeFocused();

  // Delete: the next image takes its place and the focus, with the undo offered
  await page.keyboard.press('Delete');
  await expect(page.getByLabel('7 images in digit_1')).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: `Image 3 of 7: ${names[3]}` })).toBeFocused();
  const undo = page.getByRole('region', { name: 'Undo' }).getByRole('group').filter({ hasText: 'Deleted 1 image' });
  // its Undo hands the focus back to the thumbnail it put back
  await undo.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('8 images in digit_1')).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: `Image 3 of 8: ${names[2]}` })).toBeFocused();

  // a pointer still has each thumbnail's ×
  await grid.getByRole('button', { name: `Remove ${names[0]}` }).click();
  await expect(page.getByLabel('7 images in digit_1')).toBeVisible();
  await expect(grid.getByRole('img', { name: names[0] })).toHaveCount(0);
});

test('a control that removes its own item hands the focus on, never to the page', async ({ page }) => {
  await studioReady(page, '/');
  await addFolder(
    page,
    makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_2', 'digit_3'], 2),
    '2 images in digit_3',
  );
  const images = page.getByRole('grid', { name: 'Images in digit_1' });
  await expect(images.getByRole('img')).toHaveCount(2, { timeout: SLOW_STEP_MS });
  const second = await images.getByRole('img').nth(1).getAttribute('alt');
  // a thumbnail's Delete: to the next thumbnail, then (the class empty) to the class's file picker
  await images.getByRole('gridcell').first().focus();
  await page.keyboard.press('Delete');
  await expect(page.getByLabel('1 image in digit_1')).toBeVisible();
  await expect(images.getByRole('gridcell', { name: `Image 1 of 1: ${second}` })).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(page.getByLabel('0 images in digit_1')).toBeVisible();
  await expect(page.getByLabel('Add images to digit_1')).toBeFocused();

  // a class's Delete: to the next class's, the last one's to the one before, the only one's to Add class
  await page.getByRole('button', { name: 'Delete class digit_1' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Delete class digit_2' })).toBeFocused();
  await page.getByRole('button', { name: 'Delete class digit_3' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Delete class digit_2' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /^Class / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add class' })).toBeFocused();
  // each deletion is still one Ctrl+Z away
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByLabel('2 images in digit_2')).toBeVisible();

  // a button that disables itself by what it does: Freeze whole backbone hands the focus to the layer map
  const map = page.getByRole('slider', { name: 'Layer map' });
  await map.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('param-totals')).not.toContainText('(head only');
  await page.getByRole('button', { name: 'Freeze whole backbone (head only)' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('param-totals')).toContainText('(head only');
  await expect(map).toBeFocused();
});

test('an empty project starts with two classes to fill, the first class name focused', async ({ page }) => {
  await studioReady(page, '/');
  await page.getByRole('button', { name: 'Start with two empty classes' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /^Class / })).toHaveCount(2);
  await expect(page.getByLabel('0 images in Class 2')).toBeVisible();
  // typed at once, the name replaces the suggested one (the caret after it gave "Class 1thumbs up")
  const [first, second] = [0, 1].map((k) => page.getByLabel('Class name').nth(k));
  await expect(first).toBeFocused();
  await page.keyboard.type('thumbs up');
  await expect(first).toHaveValue('thumbs up');
  await expect(page.getByLabel('0 images in thumbs up')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start with two empty classes' })).toHaveCount(0);
  // so does a click into the other suggested name
  await second.click();
  await page.keyboard.type('thumbs down');
  await expect(second).toHaveValue('thumbs down');
  // a name the person typed is never selected as the focus comes back: typing goes on from it
  await first.focus();
  await page.keyboard.type('!');
  await expect(first).toHaveValue('thumbs up!');
});

test('Add class hands the focus to the new class name, its card scrolled into view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await studioReady(page, '/');
  await addFolder(
    page,
    makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_2', 'digit_3', 'digit_4'], 12),
    '12 images in digit_4',
  );
  const names = page.getByLabel('Class name');
  // from the keyboard: the new card's name takes the focus, selected, so typing names the class
  await page.getByRole('button', { name: 'Add class' }).focus();
  await page.keyboard.press('Enter');
  await expect(names).toHaveCount(5);
  await expect(names.nth(4)).toBeFocused();
  await expect(names.nth(4)).toBeInViewport();
  await page.keyboard.type('thumbs up');
  await expect(names.nth(4)).toHaveValue('thumbs up');
  // by mouse, from the top of the page: the card drawn below the screen is scrolled to
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('button', { name: 'Add class' }).click();
  await expect(names).toHaveCount(6);
  await expect(names.nth(5)).toBeFocused();
  await expect(names.nth(5)).toBeInViewport();
  await page.keyboard.type('peace');
  await expect(names.nth(5)).toHaveValue('peace');
});

test('the image review closed after its class was emptied hands the focus to the class, not the page', async ({
  page,
}) => {
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_2'], 3), '3 images in digit_2');
  const review = page.getByRole('button', { name: 'Review all 3 images of digit_1' });
  await review.click();
  const dialog = page.getByRole('dialog', { name: /^digit_1: / });
  const grid = dialog.getByRole('listbox', { name: 'Images of digit_1' });
  // the active image is held by what it is: deleting the one before it leaves it active
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  const second = await grid.getAttribute('aria-activedescendant');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await dialog.getByRole('button', { name: /^Delete 1 selected/ }).click();
  await expect(dialog.getByRole('heading')).toHaveText('digit_1: 2 images');
  await expect(grid).toHaveAttribute('aria-activedescendant', second!);
  await dialog
    .getByRole('group', { name: /Deleted/ })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(dialog.getByRole('heading')).toHaveText('digit_1: 3 images');
  await expect(grid).toHaveAttribute('aria-activedescendant', second!);
  // its Close button gives the focus back to what opened it (it fell to the class's file input)
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toHaveCount(0);
  await expect(review).toBeFocused();
  await review.click();
  await grid.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await expect(dialog.getByRole('heading')).toHaveText('digit_1: 0 images');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('0 images in digit_1')).toBeVisible();
  await expect(page.getByLabel('Add images to digit_1')).toBeFocused();
});

test('the image review: focused, its first image is active; the large view gives the focus back to the grid', async ({
  page,
}) => {
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_2'], 3), '3 images in digit_2');
  await page.getByRole('button', { name: 'Review all 3 images of digit_1' }).click();
  const dialog = page.getByRole('dialog', { name: /^digit_1: / });
  const grid = dialog.getByRole('listbox', { name: 'Images of digit_1' });
  const [first, second, third] = await grid.getByRole('option').evaluateAll((els) => els.map((e) => e.id));
  // focused with none active, the first image is: Space selects it at once, → goes to the second
  await grid.focus();
  await expect(grid).toHaveAttribute('aria-activedescendant', first);
  await page.keyboard.press('Space');
  await expect(dialog.getByTestId('review-selected')).toHaveText('1 selected');
  await page.keyboard.press('ArrowRight');
  await expect(grid).toHaveAttribute('aria-activedescendant', second);
  // Enter opens it large (its Close focused); closed, the focus is back on the grid, on that image
  await page.keyboard.press('Enter');
  const large = page.getByRole('dialog', { name: /, large$/ });
  await expect(large.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(large).toHaveCount(0);
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute('aria-activedescendant', second);
  // opened by Open large, stepped on and closed with Escape: the grid again, on the image shown last
  await dialog.getByRole('button', { name: 'Open large' }).click();
  await expect(large).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  await expect(large).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute('aria-activedescendant', third);
});

test('a file picker keeps the focus while what it started waits (a disabled one dropped it to the page)', async ({
  page,
}) => {
  await studioReady(page, '/');
  await page.getByText('Bring your own backbone').click();
  const picker = page.getByLabel('Choose model.json and weights…');
  const junk = join(mkdtempSync(join(tmpdir(), 'studio-junk-')), 'model.json');
  writeFileSync(junk, '<html>not json</html>');
  await picker.focus();
  await picker.setInputFiles(junk);
  await expect(page.getByRole('alert').filter({ hasText: /model\.json/ })).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(picker).toBeFocused();
  await expect(picker).not.toHaveAttribute('aria-disabled', 'true');
});
