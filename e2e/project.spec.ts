import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  addFolder,
  downloadProject,
  LONG_TEST_MS,
  LONGER_TEST_MS,
  makeDatasetFolder,
  SLOW_STEP_MS,
  studioReady,
} from './fixtures';
import { trainSmallProject } from './train-small';

/**
 * The zip's blob is where its write ends: held back until the test calls `window.releaseZip()`, so
 * what waits for it can be looked at.
 */
function holdZipWrites(page: Page): Promise<void> {
  return page.evaluate(() => {
    const blob = Response.prototype.blob;
    const released = new Promise<void>((resolve) => Object.assign(window, { releaseZip: resolve }));
    Response.prototype.blob = async function (this: Response) {
      await released;
      return blob.call(this);
    };
  });
}

test('the project autosaves: a reload restores classes, images and settings; a project zip moves it elsewhere', async ({
  page,
  browser,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await page.goto('/');
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_7'], 5), '5 images in digit_7');
  await page.getByRole('textbox', { name: 'Class name' }).nth(1).fill('seven <b>7</b>');
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('17');
  await page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ }).check();
  await expect(page.getByText(/Loaded MobileNetV2 α0\.35/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (10 images)', {
    timeout: SLOW_STEP_MS,
  });
  await expect(page.getByTestId('save-status')).toContainText(/[\d.]+ [MG]B used of [\d.]+ [MG]B/);

  await page.reload();
  await expect(page.getByLabel('5 images in digit_1')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByLabel('5 images in seven <b>7</b>')).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Images in digit_1' }).getByRole('img')).toHaveCount(5, {
    timeout: SLOW_STEP_MS,
  });
  await expect(page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ })).toBeChecked();
  await expect(page.getByText(/Loaded MobileNetV2 α0\.35/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await page.getByText('Training settings').click();
  await expect(page.getByLabel('Epochs')).toHaveValue('17');

  // Download the whole project and open it in a fresh browser profile.
  const zipPath = await downloadProject(page, 'project.zip');
  await expect(page.getByText(/Project zip written: 10 images/)).toBeVisible();
  // from the keyboard, the button keeps the focus while the zip is written (disabled, it dropped it to the page)
  const downloadButton = page.getByRole('button', { name: 'Download project (zip)' });
  await downloadButton.focus();
  await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  await expect(downloadButton).toBeFocused();
  // written as a stream, project.json first, the images stored as they were added
  const entries = unzipSync(readFileSync(zipPath));
  expect(Object.keys(entries)[0]).toBe('project.json');
  expect(Object.keys(entries).filter((name) => name.startsWith('images/'))).toHaveLength(10);
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto('/');
  await expect(fresh.getByTestId('save-status')).toContainText('Nothing to save yet', { timeout: SLOW_STEP_MS });
  await fresh.getByLabel('Open a project zip').setInputFiles(zipPath);
  await expect(fresh.getByText(/Opened project\.zip: 2 classes, 10 images/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(fresh.getByLabel('5 images in seven <b>7</b>')).toBeVisible();
  // the project's backbone is loaded, not only ticked (the fresh page had loaded the default one)
  await expect(fresh.getByText(/Loaded MobileNetV2 α0\.35/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await fresh.getByText('Training settings').click();
  await expect(fresh.getByLabel('Epochs')).toHaveValue('17');

  // Bad project files are refused with a reason and change nothing.
  const dir = mkdtempSync(join(tmpdir(), 'studio-bad-'));
  const bad = {
    'not-a-zip.zip': strToU8('%PDF-1.4 this is a PDF'),
    'evil-paths.zip': zipSync({ 'project.json': strToU8('{}'), '../../evil.jpg': Uint8Array.of(1) }),
    'wrong-types.zip': zipSync({
      'project.json': strToU8(JSON.stringify({ version: 1, classes: 'many', settings: {}, backboneId: 'x' })),
    }),
  };
  const reasons = [/not a project zip/, /path outside its folders/, /"classes" must be a list/];
  let i = 0;
  for (const [name, bytes] of Object.entries(bad)) {
    writeFileSync(join(dir, name), bytes);
    await fresh.getByLabel('Open a project zip').setInputFiles(join(dir, name));
    // a file that is no zip is said so at once: nothing asks to replace the project with it
    if (name === 'not-a-zip.zip') await expect(fresh.getByRole('dialog')).toHaveCount(0);
    else await fresh.getByRole('button', { name: 'Replace current project' }).click();
    await expect(fresh.getByRole('alert').filter({ hasText: name })).toContainText(reasons[i++], {
      timeout: SLOW_STEP_MS,
    });
    await expect(fresh.getByLabel('5 images in digit_1')).toBeVisible();
  }
  // unzipped and zipped again by Finder (its folder, and __MACOSX beside it): it opens as it was
  const rezipped = Object.fromEntries([
    ...Object.entries(unzipSync(readFileSync(zipPath))).map(([path, bytes]) => [`my project/${path}`, bytes]),
    ['__MACOSX/my project/._project.json', Uint8Array.of(0)],
  ]);
  writeFileSync(join(dir, 'rezipped.zip'), zipSync(rezipped));
  await fresh.getByLabel('Open a project zip').setInputFiles(join(dir, 'rezipped.zip'));
  await fresh.getByRole('button', { name: 'Replace current project' }).click();
  await expect(fresh.getByText(/Opened rezipped\.zip: 2 classes, 10 images/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(fresh.getByLabel('5 images in seven <b>7</b>')).toBeVisible();
  expect(readFileSync(zipPath).subarray(0, 2).toString()).toBe('PK');
  await other.close();

  // a download the browser cannot hold (a private window's memory, a full disk) says so
  await page.evaluate(() => {
    // the blob is refused before a byte is read: the write must not wait for ever on the stream
    Response.prototype.blob = () => Promise.reject(new TypeError('network error'));
  });
  await page.getByRole('button', { name: 'Download project (zip)' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'The project zip could not be written: network error. The project stays saved in this browser.',
    { timeout: SLOW_STEP_MS },
  );
  await expect(page.getByRole('button', { name: 'Download project (zip)' })).toBeEnabled();
});

test('a change made just before a reload is not lost (the record goes to localStorage as the page leaves)', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  await page.getByRole('button', { name: 'Add class' }).click();
  await expect(page.getByTestId('save-status')).toContainText('Saved in this browser', { timeout: SLOW_STEP_MS });
  // no time for the debounced autosave: the reload follows the rename at once
  await page.getByRole('textbox', { name: 'Class name' }).fill('renamed just now');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Class name' })).toHaveValue('renamed just now', {
    timeout: SLOW_STEP_MS,
  });
  // the next autosave puts it into IndexedDB and drops the pending copy
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('7');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('transfer-studio-pending-record')), { timeout: SLOW_STEP_MS })
    .toBeNull();

  // a field emptied to type a new value is not a valid setting: the project still comes back,
  // with that setting at its default, and the user is told which one
  await page.getByLabel('Epochs').fill('');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.003');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Class name' })).toHaveValue('renamed just now', {
    timeout: SLOW_STEP_MS,
  });
  await expect(page.getByText('Saved settings that were not valid went back to their defaults: Epochs.')).toBeVisible();
  await page.getByText('Training settings').click();
  await expect(page.getByLabel('Epochs')).toHaveValue('60');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.003');
});

test('a project of named classes with no images yet downloads and opens elsewhere', async ({ page, browser }) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  await page.getByRole('button', { name: 'Add class' }).click();
  await page.getByRole('textbox', { name: 'Class name' }).last().fill('ripe tomatoes');
  const zipPath = await downloadProject(page, 'named.zip');
  await expect(page.getByText(/Project zip written: 0 images/)).toBeVisible();
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await studioReady(fresh, '/');
  await fresh.getByLabel('Open a project zip').setInputFiles(zipPath);
  await expect(fresh.getByText(/Opened named\.zip: 1 class, 0 images/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(fresh.getByRole('textbox', { name: 'Class name' })).toHaveValue('ripe tomatoes');
  // a second project over it asks first: the named class is work too
  await fresh.getByLabel('Open a project zip').setInputFiles(zipPath);
  await expect(fresh.getByRole('alertdialog', { name: 'Open named.zip?' })).toContainText(
    '(1 class, 0 images, its settings)',
    {
      timeout: SLOW_STEP_MS,
    },
  );
  await other.close();
});

test('a model kept for its backbone while another one is picked travels in the project zip and answers there once that backbone is picked', async ({
  page,
  browser,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  await trainSmallProject(page, { classes: ['digit_1', 'digit_7'], perClass: 6, epochs: 5 });
  await expect(page.getByTestId('model-in-use')).toContainText('Model: trained here (2 classes)');
  // another backbone picked to compare: the model trained on the first waits for it
  await page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ }).check();
  await expect(page.getByText(/Loaded MobileNetV2 α0\.35/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByTestId('model-in-use')).not.toContainText('trained here');
  const zipPath = await downloadProject(page, 'compare.zip');
  await expect(page.getByText(/Project zip written: 12 images, the model with its results/)).toBeVisible();

  const fresh = await (await browser.newContext()).newPage();
  await studioReady(fresh, '/');
  await fresh.getByLabel('Open a project zip').setInputFiles(zipPath);
  await expect(fresh.getByText(/Opened compare\.zip: 2 classes, 12 images, its model/)).toBeVisible({
    timeout: SLOW_STEP_MS,
  });
  await expect(fresh.getByText(/Loaded MobileNetV2 α0\.35/)).toBeVisible({ timeout: SLOW_STEP_MS });
  // picked again there, the first backbone brings the model back with its results
  await fresh.getByRole('radio', { name: /^MobileNet v1 α0\.25 1\.9 MB/ }).check();
  await expect(fresh.getByTestId('model-in-use')).toContainText(
    /Model: trained (today|yesterday) at .+ \(2 classes\)/,
    {
      timeout: SLOW_STEP_MS,
    },
  );
  await expect(fresh.getByTestId('val-accuracy')).toContainText(/Validation accuracy: [\d.]+%/);
  await fresh.context().close();
});

test('Cancel gives the focus back to New project; while the project zip is written, New project and Open project wait', async ({
  page,
}) => {
  await studioReady(page, '/');
  await page.getByRole('button', { name: 'Add class' }).click();
  const newProject = page.getByRole('button', { name: 'New project' });
  const dialog = page.getByRole('alertdialog', { name: 'Start a new project?' });
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  // the dialog was taken out of the page while open: its Cancel left the focus on the page's body
  await newProject.click();
  await expect(cancel).toBeFocused();
  await cancel.click();
  await expect(dialog).toHaveCount(0);
  await expect(newProject).toBeFocused();
  // from the keyboard: Enter on Cancel, and Escape
  for (const key of ['Enter', 'Escape']) {
    await page.keyboard.press('Enter');
    await expect(cancel).toBeFocused();
    await page.keyboard.press(key);
    await expect(dialog).toHaveCount(0);
    await expect(newProject).toBeFocused();
  }

  await holdZipWrites(page);
  await page.getByRole('button', { name: 'Download project (zip)' }).click();
  await expect(page.getByRole('progressbar', { name: 'Writing the project zip' })).toBeVisible();
  // mid-download, New project replaced the project the zip was being written from
  await expect(newProject).toBeDisabled();
  await expect(newProject).toHaveAccessibleDescription(
    'New project and Open project wait until the project zip is written.',
  );
  // it waits with the reason (aria-disabled: a disabled input dropped the keyboard's focus to the page)
  await expect(page.getByLabel('Open a project zip')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByLabel('Open a project zip')).toHaveAccessibleDescription(
    'New project and Open project wait until the project zip is written.',
  );
  await Promise.all([
    page.waitForEvent('download'),
    page.evaluate(() => (window as unknown as { releaseZip(): void }).releaseZip()),
  ]);
  await expect(page.getByText(/Project zip written: 0 images/)).toBeVisible();
  await expect(newProject).toBeEnabled();
  await expect(page.getByLabel('Open a project zip')).not.toHaveAttribute('aria-disabled');
});

test('New project and Open project offer the project zip first: written while the question waits, then answered', async ({
  page,
}) => {
  await studioReady(page, '/');
  await page.getByRole('button', { name: 'Add class' }).click();
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Start a new project?' });
  await expect(dialog).toHaveAccessibleDescription(
    /You can undo this for 15 seconds afterwards; a downloaded copy keeps it for good\./,
  );
  await holdZipWrites(page);
  const first = dialog.getByRole('button', { name: 'Download project first' });
  await first.click();
  // the answer waits for the zip, saying why; the focus stays where it was
  const start = dialog.getByRole('button', { name: 'Start new project' });
  await expect(start).toHaveAttribute('aria-disabled', 'true');
  await expect(start).toHaveAccessibleDescription(
    'Writing the project zip: the project can be replaced once it is written.',
  );
  await expect(first).toBeFocused();
  await start.click({ force: true });
  await expect(dialog).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate(() => (window as unknown as { releaseZip(): void }).releaseZip()),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  await expect(start).not.toHaveAttribute('aria-disabled');
  await start.click();
  await expect(page.getByText('0 classes, 0 images')).toBeVisible();
  // Open project's question offers it too (asked once the bar counts the new class: New project is on)
  await page.getByRole('button', { name: 'Add class' }).click();
  await expect(page.getByRole('button', { name: 'New project', exact: true })).toBeEnabled();
  await page.getByLabel('Open a project zip').setInputFiles(await download.path());
  const open = page.getByRole('alertdialog', { name: /^Open / });
  await expect(open.getByRole('button', { name: 'Download project first' })).toBeVisible();
  await expect(open).toHaveAccessibleDescription(/You can undo this for 15 seconds afterwards/);
});
