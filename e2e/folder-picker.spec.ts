import { basename } from 'node:path';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { classImages, LONG_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady } from './fixtures';
import { answerFolderPicker, standInFolderPicker } from './folder-picker';

// "Add folders…" where the browser has a folder picker (showDirectoryPicker): the page walks the
// picked folder itself. Playwright cannot drive the native picker, so e2e/folder-picker.ts stands
// in for the picker only; reading the folder and adding it are the studio's own code.

test('Add folders… reads the picked folder: a class per sub-folder, the same checks, cancel changes nothing', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const folder = makeDatasetFolder('sign-language-digits', ['digit_3', 'digit_8'], 6, {
    'digit_3/notes.txt': 'not an image',
    'digit_8/empty.jpg': '',
  });
  await studioReady(page, '/');
  await standInFolderPicker(page, folder);
  // whether the folder's reading showed its progress (a status line with a progress bar)
  await page.evaluate(`(() => {
    window.__sawReading = false;
    new MutationObserver(() => {
      if (/Reading the folder: \\d+ files? found/.test(document.body.textContent || '')) window.__sawReading = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);

  await page.getByText('Add folders…', { exact: true }).click();
  await expect(page.getByLabel('6 images in digit_3')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByLabel('6 images in digit_8')).toBeVisible();
  expect(await page.evaluate('window.__sawReading')).toBe(true);
  // the dataset folder itself is no class, and the files that are no image are named, as for a drop
  await expect(page.getByTestId('class-card')).toHaveCount(2);
  const notice = page.locator('p.notice[role="status"]');
  await expect(notice).toContainText('Skipped 1 file that is not an image');
  await expect(notice).toContainText('notes.txt');
  await expect(notice).toContainText('Skipped 1 empty file (0 bytes): empty.jpg');
  await expect(page.getByRole('grid', { name: 'Images in digit_3' }).getByRole('img')).toHaveCount(6, {
    timeout: SLOW_STEP_MS,
  });

  // the same folder again merges into the same classes
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await page.getByText('Add folders…', { exact: true }).click();
  await expect(page.getByLabel('12 images in digit_8')).toBeVisible({ timeout: SLOW_STEP_MS });

  // closing the picker is no error and adds nothing
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await answerFolderPicker(page, null);
  await page.getByText('Add folders…', { exact: true }).click();
  await expect(page.getByText('2 classes, 24 images')).toBeVisible();
  await expect(notice).toHaveCount(0);

  // the keyboard reaches the same picker: Enter on the focused folder input
  await standInFolderPicker(page, makeDatasetFolder('sign-language-digits', ['digit_5'], 4));
  await page.getByLabel('Add folders…').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('4 images in digit_5')).toBeVisible({ timeout: SLOW_STEP_MS });
});

test('without a folder picker, Add folders… opens the folder input', async ({ page }) => {
  await page.addInitScript(`delete Window.prototype.showDirectoryPicker; delete window.showDirectoryPicker;`);
  const folder = makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_2'], 5);
  await studioReady(page, '/');
  expect(await page.evaluate('typeof window.showDirectoryPicker')).toBe('undefined');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByText('Add folders…', { exact: true }).click(),
  ]);
  await chooser.setFiles(folder);
  await expect(page.getByLabel('5 images in digit_1')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByLabel('5 images in digit_2')).toBeVisible();
});

test("a class's thumbnails are small pictures made off the page's thread, with each photo's own aspect", async ({
  page,
}) => {
  const folder = makeDatasetFolder('imagenette-imagenetval', ['church'], 4);
  await studioReady(page, '/');
  await page.getByLabel('Add folders…').setInputFiles(folder);
  await expect(page.getByLabel('4 images in church')).toBeVisible({ timeout: SLOW_STEP_MS });
  const thumbs = page.getByRole('grid', { name: 'Images in church' }).locator('img');
  await expect(thumbs).toHaveCount(4, { timeout: SLOW_STEP_MS });
  const photos = await Promise.all(
    classImages('imagenette-imagenetval', 'church')
      .slice(0, 4)
      .map(async (path) => ({ name: basename(path), ...(await sharp(path).metadata()) })),
  );
  for (const photo of photos) {
    const shown = page.getByRole('img', { name: photo.name, exact: true });
    await expect(shown).toHaveJSProperty('complete', true);
    const { src, width, height } = await shown.evaluate((img: HTMLImageElement) => ({
      src: img.src,
      width: img.naturalWidth,
      height: img.naturalHeight,
    }));
    // a small WebP as a data URL (no object URL to the photo), its short side the 56-pixel box's
    expect(src).toMatch(/^data:image\/webp;base64,/);
    expect(Math.min(width, height)).toBe(56);
    // the photo's aspect (within the rounding of a 56-pixel side)
    expect(Math.abs(width / height - photo.width! / photo.height!)).toBeLessThan(0.03);
  }
});
