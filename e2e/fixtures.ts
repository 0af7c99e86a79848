import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * Waiting limits. CI runs the suite on a 2-core machine at load 4–19 with two browsers at once, where
 * a step that takes a second on a quiet machine has taken tens of seconds: a wait on real work gets
 * one of these, never a bare default (the config's 20 s expect timeout is for the page's reactions).
 */
/** A step that loads, reads, restores or imports a model or a project, adds a folder, classifies an image or saves to storage. */
export const SLOW_STEP_MS = 60_000;
/** A small training run, from Train to its end (bigger runs set their own). */
export const TRAIN_MS = 180_000;
/** A test that trains once or takes a handful of slow steps (the config's 240 s was too tight under load). */
export const LONG_TEST_MS = 600_000;
/** A test that trains several times or takes many slow steps: their limits add up past LONG_TEST_MS. */
export const LONGER_TEST_MS = 900_000;

export const DATASETS = process.env.STUDIO_DATASETS_DIR ?? resolve(import.meta.dirname, '../../shared/datasets');

export const MODELS = process.env.STUDIO_MODELS_DIR ?? resolve(import.meta.dirname, '../../shared/models');

/** a shared model's model.json and weight files, as a person picks them to bring a backbone */
export const backboneFiles = (dir: string): string[] =>
  readdirSync(join(MODELS, dir))
    .filter((f) => f === 'model.json' || /shard|\.bin$/.test(f))
    .map((f) => join(MODELS, dir, f));

/** Sorted image paths of one class of a shared dataset. */
export function classImages(dataset: string, cls: string): string[] {
  const dir = join(DATASETS, dataset, cls);
  return readdirSync(dir)
    .filter((f) => /\.(jpe?g|png)$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * A temporary dataset folder (one sub-folder per class) holding the first `perClass` images of
 * each class, plus any extra files given as name → contents.
 */
export function makeDatasetFolder(
  dataset: string,
  classes: string[],
  perClass: number,
  extra: Record<string, string> = {},
): string {
  const root = join(mkdtempSync(join(tmpdir(), 'studio-e2e-')), dataset);
  for (const cls of classes) {
    mkdirSync(join(root, cls), { recursive: true });
    for (const src of classImages(dataset, cls).slice(0, perClass))
      copyFileSync(src, join(root, cls, src.split('/').pop()!));
  }
  for (const [name, contents] of Object.entries(extra)) writeFileSync(join(root, name), contents);
  return root;
}

/** Drops files on an element the way a person's drag and drop does (dragenter, dragover, drop). */
export async function dropFiles(target: Locator, paths: string[]): Promise<void> {
  const files = paths.map((p) => ({ name: p.split('/').pop()!, data: readFileSync(p).toString('base64') }));
  const dataTransfer = await target.page().evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.name.endsWith('.png') ? 'image/png' : 'image/jpeg' }));
    }
    return dt;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
}

/** The studio with its default backbone loaded: opened at `path` first when given (else after a reload). */
export async function studioReady(page: Page, path?: string): Promise<void> {
  if (path !== undefined) await page.goto(path);
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from the/)).toBeVisible({ timeout: SLOW_STEP_MS });
}

/**
 * Opens the Model step's backend choice, folded under the line that says what runs, by clicking that
 * line as a person does (a reload folds it again).
 */
export async function openBackendChoice(page: Page): Promise<void> {
  const choice = page.locator('#backend-choice');
  if (!(await choice.evaluate((d) => (d as HTMLDetailsElement).open))) await choice.locator(':scope > summary').click();
  await expect(page.getByRole('combobox', { name: 'Backend' })).toBeVisible();
}

/**
 * Picks a folder of class folders as a person does; done once `shown` (e.g. "10 images in digit_9") is
 * on the page, within `timeout` (more for a folder of thousands).
 */
export async function addFolder(page: Page, folder: string, shown: string, timeout = SLOW_STEP_MS): Promise<void> {
  await page.getByLabel('Add folders…').setInputFiles(folder);
  await expect(page.getByLabel(shown)).toBeVisible({ timeout });
}

/**
 * An element's text as the DOM holds it. innerText reads the rendered layout, and a step scrolled
 * out of view skips its rendering (content-visibility: auto): a run's accuracy read that way while
 * the Evaluate step was off screen came back '' in CI.
 */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** Download project (zip), saved as `name` in a folder of its own; resolves to its path. */
export async function downloadProject(page: Page, name: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download project (zip)' }).click(),
  ]);
  const path = join(mkdtempSync(join(tmpdir(), 'studio-project-')), name);
  await download.saveAs(path);
  return path;
}

/** Opens a project zip from the header's file input, replacing the project there when `replacing` (it asks first). */
export async function openProjectZip(page: Page, path: string, replacing: boolean): Promise<void> {
  await page.getByLabel('Open a project zip').setInputFiles(path);
  if (replacing) await page.getByRole('button', { name: 'Replace current project' }).click();
}

/**
 * A project zip opened in another browser profile, one that has none of this profile's storage (no
 * backbone brought, nothing cached): the page, with the zip being opened. Close its context after.
 */
export async function openElsewhere(browser: Browser, zipPath: string): Promise<Page> {
  const fresh = await (await browser.newContext()).newPage();
  await studioReady(fresh, '/');
  await fresh.getByLabel('Open a project zip').setInputFiles(zipPath);
  return fresh;
}

/** The undo toast whose text matches, in the page's Undo region. */
export const undoToast = (page: Page, text: string | RegExp): Locator =>
  page.getByRole('region', { name: 'Undo' }).getByRole('group').filter({ hasText: text });

/**
 * Closes the toast an adding of images leaves (state/add-undo.ts), for a test whose steps assume no
 * undo is offered (Ctrl+Z with nothing to undo, the page's scroll clear of no toast, where the focus
 * goes when the only toast goes).
 */
export async function dismissAdded(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Dismiss: Added \d/ }).click();
  await expect(undoToast(page, /^Added \d/)).toHaveCount(0);
}

/** An 8×8 PNG's signature, header and end with junk where the compressed pixels go. */
export function brokenPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    // the CRC is not checked before the data is inflated, which fails
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.from('junk where the pixels should be, not deflate data')),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
