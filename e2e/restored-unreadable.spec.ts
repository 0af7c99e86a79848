import { expect, test } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classImages, openProjectZip, SLOW_STEP_MS, undoToast } from './fixtures';

// A project zipped before the studio refused, as they were added, files whose bytes are no usable
// image: opened now, the Data step names them at once and removes them with an undo.

test('an opened project holding a text file named .jpg names it, removes it on request, and Undo brings it back', async ({
  page,
}) => {
  const photos = classImages('sign-language-digits', 'digit_4').slice(0, 4);
  const image = (id: string, cls: string, name = `${id}.jpg`) => ({
    id,
    name,
    type: 'image/jpeg',
    path: `images/${cls}/${name}`,
  });
  const record = {
    version: 1,
    classes: [
      { id: 'c1', name: 'fine', images: [image('a', 'fine'), image('b', 'fine')] },
      { id: 'c2', name: 'mixed', images: [image('c', 'mixed'), image('d', 'mixed'), image('n', 'mixed', 'notes.jpg')] },
    ],
    settings: {},
    backboneId: 'mobilenet-v1-0.25',
    savedAt: '',
  };
  const files: Record<string, Uint8Array> = { 'project.json': strToU8(JSON.stringify(record)) };
  record.classes
    .flatMap((c) => c.images)
    .forEach(
      (im, k) => (files[im.path] = im.name === 'notes.jpg' ? strToU8('a shopping list') : readFileSync(photos[k])),
    );
  const path = join(mkdtempSync(join(tmpdir(), 'studio-unreadable-')), 'old.zip');
  writeFileSync(path, zipSync(files));

  await page.goto('/');
  await openProjectZip(page, path, false);
  await expect(page.getByText('Opened old.zip: 2 classes, 5 images.')).toBeVisible({ timeout: SLOW_STEP_MS });
  const notice = page.getByRole('status').filter({ hasText: 'cannot be read' });
  await expect(notice).toContainText(
    'This project holds 1 image that cannot be read (training leaves it out): notes.jpg in mixed: it holds text, not image data',
    { timeout: SLOW_STEP_MS },
  );
  // its tile says so, not a broken picture
  const mixed = page.getByRole('grid', { name: 'Images in mixed' });
  await expect(mixed.getByRole('img', { name: 'notes.jpg: cannot be read' })).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(mixed.getByRole('img')).toHaveCount(3);
  await expect(page.getByLabel('3 images in mixed')).toBeVisible();

  await notice.getByRole('button', { name: 'Remove 1 unreadable image' }).click();
  await expect(page.getByLabel('2 images in mixed')).toBeVisible();
  await expect(page.getByLabel('2 images in fine')).toBeVisible();
  await expect(notice).toHaveCount(0);
  await expect(mixed.getByRole('img', { name: 'notes.jpg: cannot be read' })).toHaveCount(0);

  await undoToast(page, 'Deleted 1 image from mixed').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('3 images in mixed')).toBeVisible();
  await expect(notice).toContainText('notes.jpg in mixed: it holds text, not image data');
  await expect(mixed.getByRole('img', { name: 'notes.jpg: cannot be read' })).toBeVisible();
});
