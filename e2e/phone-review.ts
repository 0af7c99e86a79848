import { expect, type Page } from '@playwright/test';
import { classImages, SLOW_STEP_MS, studioReady } from './fixtures';

/**
 * A phone's first class of 12 photos (a phone has no folders: its photos come from the photo library),
 * its review opened; returns the dialog, named by its count, which a deletion changes.
 */
export async function phoneReviewOf12(page: Page) {
  await studioReady(page, '/');
  await page
    .getByLabel('Choose photos (for a new class)')
    .setInputFiles(classImages('intel-scenes', 'buildings').slice(0, 12));
  await expect(page.getByLabel('12 images in Class 1')).toBeVisible({ timeout: SLOW_STEP_MS });
  await page.getByRole('button', { name: 'Review all 12 images of Class 1' }).click();
  return page.getByRole('dialog', { name: /^Class 1: / });
}
