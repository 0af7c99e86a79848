import { expect, test } from '@playwright/test';
import { basename } from 'node:path';
import { classImages, LONG_TEST_MS, SLOW_STEP_MS, studioReady } from './fixtures';
import { trainToEnd } from './train-small';

// A phone was told to "Drop folders of images here" and offered "Add folders…": it has no folders
// to drag or pick. Its file input offers the photo library and the camera.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test('on a phone the Images step offers to choose or take photos, and chosen photos become a class', async ({
  page,
}) => {
  await studioReady(page, '/');
  const images = page.getByRole('region', { name: 'Images', exact: true });
  await expect(images.getByText('Choose photos to make a class of them')).toBeVisible();
  await expect(images.getByText('Choose photos above to start')).toBeVisible();
  await expect(images.getByText(/Add folders|Drop folders/)).toHaveCount(0);
  // the empty project's main action: its picker, not the camera (which has no model to show yet)
  await expect(images.locator('label.primary')).toHaveText(/^Choose photos/);
  await expect(page.getByRole('button', { name: 'Start camera' })).not.toHaveClass(/\bprimary\b/);

  // the step's own picker: the photo library and the camera, no folder input
  const picker = images.getByLabel('Choose photos (for a new class)');
  await expect(picker).toHaveAttribute('accept', 'image/*');
  await expect(picker).not.toHaveAttribute('webkitdirectory');
  await picker.setInputFiles(classImages('sign-language-digits', 'digit_3').slice(0, 3));
  await expect(page.getByLabel('3 images in Class 1')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(images.getByRole('status').filter({ hasText: 'The photos became a new class' })).toContainText(
    'The photos became a new class, “Class 1”: give it its name',
  );

  // its card: choose photos (the phone's picker offers its camera too), named for the class; the card's
  // one way to the page's camera is its Record from camera (no link to the Deploy step's camera as well)
  const card = images.getByRole('region', { name: 'Class Class 1', exact: true });
  await expect(card.locator('.drop-hint')).toHaveText('Choose photos (Add images to Class 1)');
  await expect(card.getByLabel('Add images to Class 1')).toHaveAttribute('accept', 'image/*');
  await expect(card.getByRole('button', { name: 'Record from camera into Class 1' })).toBeVisible();
  await expect(card.getByRole('link')).toHaveCount(0);
});

// Try it said "Drop a new image here or choose one": nothing can be dropped on a phone, and its way in
// was a small link in a sentence about dropping.
test('on a phone Try it offers a button that chooses an image, and answers the chosen one', async ({ page }) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  const images = page.getByRole('region', { name: 'Images', exact: true });
  const picker = images.getByLabel('Choose photos (for a new class)');
  await picker.setInputFiles(classImages('sign-language-digits', 'digit_3').slice(0, 6));
  await expect(page.getByLabel('6 images in Class 1')).toBeVisible({ timeout: SLOW_STEP_MS });
  await picker.setInputFiles(classImages('sign-language-digits', 'digit_7').slice(0, 6));
  await expect(page.getByLabel('6 images in Class 2')).toBeVisible({ timeout: SLOW_STEP_MS });
  await trainToEnd(page);

  const tryIt = page.getByRole('region', { name: 'Try it', exact: true });
  await expect(tryIt.getByRole('region', { name: 'Drop an image to classify' })).toHaveCount(0);
  await expect(tryIt.getByText(/drop/i)).toHaveCount(0);
  const choose = tryIt.getByRole('button', { name: 'Choose an image to classify' });
  await expect(choose).toBeVisible();
  // big enough for a finger
  expect((await choose.boundingBox())!.height).toBeGreaterThanOrEqual(44);

  // a tap opens the picker: one image, any image type (the phone offers its library and its camera)
  const photo = classImages('sign-language-digits', 'digit_7')[20];
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), choose.tap()]);
  expect(chooser.isMultiple()).toBe(false);
  expect(await chooser.element().getAttribute('accept')).toBe('image/*');
  await chooser.setFiles(photo);
  await expect(tryIt.getByTestId('prediction')).toContainText(/Prediction: .*Class [12]/, { timeout: SLOW_STEP_MS });
  await expect(tryIt.getByRole('img', { name: basename(photo) })).toBeVisible();
  await expect(choose).toBeVisible();
});
