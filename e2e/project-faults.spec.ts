import { expect, test, type Locator } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addFolder,
  classImages,
  LONG_TEST_MS,
  makeDatasetFolder,
  openProjectZip,
  SLOW_STEP_MS,
  studioReady,
  undoToast,
} from './fixtures';

// Project zips with odd contents: over-long names, two classes sharing an id, thousands of images.
// (Zips that are refused outright, bombs and the like, are in faults.spec.ts.)

/** Drops files under names of the test's choosing (a file system cannot hold a 3,000-character name). */
async function dropNamed(target: Locator, files: { name: string; path: string }[]): Promise<void> {
  const list = files.map((f) => ({ name: f.name, data: readFileSync(f.path).toString('base64') }));
  const dataTransfer = await target.page().evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const f of items)
      dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name, { type: 'image/jpeg' }));
    return dt;
  }, list);
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'studio-faults-'));

test('long names survive add → autosave → reload → project zip → open', async ({ page }) => {
  test.setTimeout(LONG_TEST_MS);
  const longClass = 'c'.repeat(230);
  const longFile = `${'f'.repeat(3000)}.jpg`;
  const root = join(tmp(), 'data');
  mkdirSync(join(root, longClass), { recursive: true });
  mkdirSync(join(root, 'digit_1'), { recursive: true });
  for (const [cls, src] of [
    [longClass, 'digit_0'],
    ['digit_1', 'digit_1'],
  ]) {
    for (const p of classImages('sign-language-digits', src).slice(0, 3))
      copyFileSync(p, join(root, cls, p.split('/').pop()!));
  }
  await page.goto('/');
  const shortClass = `${'c'.repeat(199)}…`;
  await addFolder(page, root, '3 images in digit_1');
  await expect(
    page.getByText(/Shortened 1 name too long to save \(a class name keeps at most 200 characters/),
  ).toBeVisible();
  await dropNamed(page.getByRole('region', { name: 'Class digit_1' }), [
    { name: longFile, path: classImages('sign-language-digits', 'digit_1')[5] },
  ]);
  await expect(page.getByText(/Shortened 1 name too long to save .*a file name 1000\)/)).toBeVisible();
  await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (7 images)', {
    timeout: SLOW_STEP_MS,
  });

  await page.reload();
  await expect(page.getByLabel(`3 images in ${shortClass}`)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByLabel('4 images in digit_1')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be restored' })).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download project (zip)' }).click(),
  ]);
  const zipPath = join(tmp(), 'project.zip');
  await download.saveAs(zipPath);
  await page.getByRole('button', { name: 'New project' }).click();
  await page
    .getByRole('alertdialog', { name: 'Start a new project?' })
    .getByRole('button', { name: 'Start new project' })
    .click();
  await expect(undoToast(page, 'Started a new project')).toBeVisible({ timeout: SLOW_STEP_MS });
  await openProjectZip(page, zipPath, false);
  await expect(page.getByText('Opened project.zip: 2 classes, 7 images.')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByLabel(`3 images in ${shortClass}`)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Remove f+…\.jpg$/ })).toHaveCount(1);
});

test('an opened project with two classes sharing an id: each is renamed and deleted alone', async ({ page }) => {
  const photo = classImages('sign-language-digits', 'digit_2')[0];
  const image = (id: string, cls: string) => ({
    id,
    name: `${id}.jpg`,
    type: 'image/jpeg',
    path: `images/${cls}/${id}.jpg`,
  });
  const record = {
    version: 1,
    classes: [
      { id: 'twin', name: 'first', images: [image('a', 'first'), image('b', 'first')] },
      { id: 'twin', name: 'second', images: [image('c', 'second'), image('d', 'second')] },
    ],
    settings: {},
    backboneId: 'mobilenet-v1-0.25',
    savedAt: '',
  };
  const files: Record<string, Uint8Array> = { 'project.json': strToU8(JSON.stringify(record)) };
  for (const c of record.classes) for (const im of c.images) files[im.path] = readFileSync(photo);
  const path = join(tmp(), 'twins.zip');
  writeFileSync(path, zipSync(files));
  await page.goto('/');
  await openProjectZip(page, path, false);
  await expect(page.getByText('Opened twins.zip: 2 classes, 4 images.')).toBeVisible({ timeout: SLOW_STEP_MS });
  await page.getByRole('region', { name: 'Class first' }).getByLabel('Class name').fill('renamed');
  await expect(page.getByRole('region', { name: 'Class renamed' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Class second' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete class renamed' }).click();
  await expect(page.getByLabel('2 images in second')).toBeVisible();
  await expect(page.getByRole('region', { name: /^Class / })).toHaveCount(1);
});

test('a large project opens in chunks with progress; the open project stays whole until the new one has opened', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const photo = readFileSync(classImages('sign-language-digits', 'digit_9')[0]);
  const other = readFileSync(classImages('sign-language-digits', 'digit_9')[1]);
  const record = {
    version: 1,
    settings: {},
    backboneId: 'mobilenet-v1-0.25',
    savedAt: '',
    classes: [0, 1].map((k) => ({
      id: `c${k}`,
      name: `big ${k}`,
      images: Array.from({ length: 1500 }, (_, i) => ({
        id: `i${k}-${i}`,
        name: `${i}.jpg`,
        type: 'image/jpeg',
        path: `images/${i % 2}.jpg`,
      })),
    })),
  };
  const path = join(tmp(), 'big.zip');
  writeFileSync(
    path,
    zipSync({ 'project.json': strToU8(JSON.stringify(record)), 'images/0.jpg': photo, 'images/1.jpg': other }),
  );
  await page.goto('/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_3', 'digit_8'], 3), '3 images in digit_8');
  // every progress line, with whether the old project was still all there when it showed
  await page.evaluate(() => {
    const w = window as unknown as { __opening: string[] };
    w.__opening = [];
    new MutationObserver(() => {
      const line = [...document.querySelectorAll('[role="status"], [role="alert"]')]
        .map((e) => e.textContent ?? '')
        .find((t) => t.startsWith('Opening big.zip'));
      if (line && w.__opening.at(-1)?.startsWith(line) !== true)
        w.__opening.push(
          `${line} | download: ${[...document.querySelectorAll('button')].some((b) => b.textContent === 'Download project (zip)' && !b.disabled) ? 'enabled' : 'disabled'} | old project: ${document.querySelectorAll('[aria-label="3 images in digit_8"]').length}`,
        );
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await openProjectZip(page, path, true);
  await expect(page.getByText('Opened big.zip: 2 classes, 3000 images.')).toBeVisible({ timeout: 3 * SLOW_STEP_MS });
  await expect(page.getByLabel('1500 images in big 1')).toBeVisible();
  await expect(page.getByLabel('3 images in digit_8')).toHaveCount(0);
  const lines = await page.evaluate(() => (window as unknown as { __opening: string[] }).__opening);
  // in chunks: part-way counts shown, never going backwards (a busy page may skip drawing one chunk's)
  const counts = lines.flatMap((l) => /(\d+)\/3000 images/.exec(l)?.[1] ?? []).map(Number);
  expect(counts.some((n) => n > 0 && n < 3000)).toBe(true);
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
  // nothing else replaces or writes the project while it opens
  for (const line of lines) expect(line).toMatch(/\| download: disabled \| old project: 1$/);
});

test('a kept model that cannot be read back is said on a line of its own, which outlasts the autosave and is dismissed by keyboard', async ({
  page,
}) => {
  await studioReady(page, '/');
  // the trained model kept in this browser, damaged (its zip cut short, say)
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('transfer-studio-model');
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    const tx = db.transaction('model', 'readwrite');
    const result = { valAccuracy: 0.9, images: { train: 8, val: 2 }, classes: ['cats', 'dogs'], history: [] };
    tx.objectStore('model').put(
      { zip: new Uint8Array([1, 2, 3, 4]), savedAt: '2026-11-01T00:00:00.000Z', result },
      'last',
    );
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });
  await page.reload();
  const note = page.getByTestId('restore-note');
  await expect(note).toHaveText(
    'The model trained last time could not be restored: This file is not a model zip (it could not be unzipped). Train again. Dismiss',
    { timeout: SLOW_STEP_MS },
  );
  await expect(note).toHaveRole('alert');
  // the next autosave says "Saved" on its own line; this one stays
  await page.getByRole('button', { name: 'Add class' }).click();
  await expect(page.getByTestId('save-status')).toContainText('Saved in this browser', { timeout: SLOW_STEP_MS });
  await expect(note).toBeVisible();
  await note.getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Enter');
  await expect(note).toHaveCount(0);
  // the focus stays in the project bar, not dropped to the page
  await expect(page.locator('.project-bar :focus')).toHaveCount(1);
});
