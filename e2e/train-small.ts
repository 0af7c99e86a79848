import { expect, type Page } from '@playwright/test';
import { addFolder, makeDatasetFolder, TRAIN_MS } from './fixtures';

/** The first `perClass` images of each class of a shared dataset (sign-language-digits unless named). */
export interface SmallProject {
  dataset?: string;
  classes: string[];
  perClass: number;
}

/**
 * What a run sets before Train: what is left out keeps the page's value, and with nothing to set the
 * Training settings stay closed. `finished` is the text that says the run ended.
 */
export interface SmallRun {
  epochs?: number;
  /** augmented views per image (0: plain features) */
  views?: number;
  finished?: string | RegExp;
}

/** Adds the images as one folder of class folders; done once the last class shows all of its images. */
export async function addSmallProject(
  page: Page,
  { dataset = 'sign-language-digits', classes, perClass }: SmallProject,
): Promise<void> {
  await addFolder(page, makeDatasetFolder(dataset, classes, perClass), `${perClass} images in ${classes.at(-1)}`);
}

/** Sets the run's settings, presses Train and waits for the run's end. */
export async function trainToEnd(
  page: Page,
  { epochs, views, finished = 'Training finished' }: SmallRun = {},
): Promise<void> {
  if (epochs !== undefined || views !== undefined) await page.getByText('Training settings').click();
  if (epochs !== undefined) await page.getByLabel('Epochs').fill(String(epochs));
  if (views !== undefined) await page.getByLabel('Augmented views per image').fill(String(views));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText(finished)).toBeVisible({ timeout: TRAIN_MS });
}

/** A small trained project: its images added, then one run to its end. */
export async function trainSmallProject(page: Page, project: SmallProject & SmallRun): Promise<void> {
  await addSmallProject(page, project);
  await trainToEnd(page, project);
}

/** The trained model is in storage for the next visit (its export is saved after the run). */
export const modelStored = (page: Page): Promise<boolean> =>
  page.evaluate(
    () =>
      new Promise<boolean>((ok) => {
        const req = indexedDB.open('transfer-studio-model');
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('model')) return ok(false);
          const get = db.transaction('model').objectStore('model').get('last');
          get.onsuccess = () => ok(!!get.result);
          get.onerror = () => ok(false);
        };
        req.onerror = () => ok(false);
      }),
  );

/** The last epoch the stored interrupted run kept (0: none), as a reload would find it. */
export const keptEpoch = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      new Promise<number>((ok) => {
        const req = indexedDB.open('transfer-studio-model');
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('model')) return ok(0);
          const get = db.transaction('model').objectStore('model').get('interrupted');
          get.onsuccess = () => ok(get.result?.checkpoint?.epoch ?? 0);
          get.onerror = () => ok(0);
        };
        req.onerror = () => ok(0);
      }),
  );
