import { expect, test } from '@playwright/test';
import { classImages, SLOW_STEP_MS, studioReady } from './fixtures';

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

  // the step's own picker: the photo library and the camera, no folder input
  const picker = images.getByLabel('Choose photos (for a new class)');
  await expect(picker).toHaveAttribute('accept', 'image/*');
  await expect(picker).not.toHaveAttribute('webkitdirectory');
  await picker.setInputFiles(classImages('sign-language-digits', 'digit_3').slice(0, 3));
  await expect(page.getByLabel('3 images in Class 1')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(images.getByRole('status').filter({ hasText: 'The photos became a new class' })).toContainText(
    'The photos became a new class, “Class 1”: give it its name',
  );

  // its card: choose photos or take them with the page's camera, named for the class
  const card = images.getByRole('region', { name: 'Class Class 1', exact: true });
  await expect(card.locator('.drop-hint')).toHaveText('Choose photos (Add images to Class 1) or take photos');
  await expect(card.getByLabel('Add images to Class 1')).toHaveAttribute('accept', 'image/*');
  await expect(card.getByRole('link', { name: 'take photos (record into Class 1)' })).toBeVisible();
});
