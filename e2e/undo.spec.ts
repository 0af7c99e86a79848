import { expect, test } from '@playwright/test';
import { LONGER_TEST_MS, SLOW_STEP_MS, studioReady, textOf, TRAIN_MS, undoToast } from './fixtures';
import { trainSmallProject } from './train-small';

const toast = undoToast;

test('deleting a class and starting a new project are undone: images, cached features and the trained model come back, across the autosave and a reload', async ({
  page,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  await trainSmallProject(page, { classes: ['digit_1', 'digit_2', 'digit_3'], perClass: 8, epochs: 2, views: 0 });
  const accuracy = await textOf(page.getByTestId('val-accuracy'));
  const loss = await textOf(page.getByTestId('val-loss'));

  await test.step('delete a class, let the autosave run, undo', async () => {
    // a gallery on the Evaluate step shows digit_2's images: the undo puts them back there too
    await page
      .getByRole('button', { name: /^\d+ digit_2 images? predicted as / })
      .first()
      .click();
    const gallery = page.getByRole('region', { name: /^Validation images: digit_2 predicted as / });
    await expect(gallery.getByRole('img').first()).toBeVisible({ timeout: SLOW_STEP_MS });
    await page.getByRole('button', { name: 'Delete class digit_2' }).click();
    await expect(page.getByLabel('8 images in digit_2')).toHaveCount(0);
    await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (16 images)', {
      timeout: SLOW_STEP_MS,
    });
    const undo = toast(page, 'Deleted class digit_2 (8 images)').getByRole('button', { name: 'Undo' });
    // keyboard: the Undo button is reachable and pressed with Enter
    await undo.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('8 images in digit_2')).toBeVisible({ timeout: SLOW_STEP_MS });
    // the toast goes with its button: the focus goes to the card put back, where its Delete was
    // pressed; not to the page, the next class, nor a gallery of its images on the Evaluate step
    // (the page jumped 4,000 px down to it, and the step bar with it)
    await expect(page.getByRole('region', { name: 'Undo' })).toHaveCount(0);
    const card = page.getByRole('region', { name: 'Class digit_2' });
    await expect(card.getByRole('textbox', { name: 'Class name' })).toBeFocused();
    await expect(card).toBeInViewport();
    await expect(gallery.getByRole('img').first()).not.toBeInViewport();
    const steps = page.getByRole('navigation', { name: 'Steps' });
    await expect(steps.getByRole('link', { name: /^1 Data/ })).toHaveAttribute('aria-current', 'step');
    await expect(page.getByRole('grid', { name: 'Images in digit_2' }).getByRole('img')).toHaveCount(8, {
      timeout: SLOW_STEP_MS,
    });
    // back in its place, second of three
    await expect(page.getByRole('textbox', { name: 'Class name' }).nth(1)).toHaveValue('digit_2');
    await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (24 images)', {
      timeout: SLOW_STEP_MS,
    });
    // the trained model is still there, and the images' cached features came back with them
    await expect(page.getByTestId('val-accuracy')).toHaveText(accuracy);
    await expect(page.getByTestId('val-loss')).toHaveText(loss);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
    await expect(page.getByText('features reused from the cache')).toBeVisible();
  });

  await test.step('a deletion whose undo is pending survives a reload', async () => {
    await page.getByRole('button', { name: 'Delete class digit_3' }).click();
    await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (16 images)', {
      timeout: SLOW_STEP_MS,
    });
    await page.reload();
    await expect(page.getByLabel('8 images in digit_1')).toBeVisible({ timeout: SLOW_STEP_MS });
    await expect(page.getByLabel('8 images in digit_3')).toHaveCount(0);
    await toast(page, 'Deleted class digit_3').getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('grid', { name: 'Images in digit_3' }).getByRole('img')).toHaveCount(8, {
      timeout: SLOW_STEP_MS,
    });
    await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (24 images)', {
      timeout: SLOW_STEP_MS,
    });
  });

  await test.step('New project asks first, then is undone after a reload, with the model', async () => {
    await expect(page.getByTestId('val-accuracy')).toBeVisible({ timeout: SLOW_STEP_MS });
    await page.getByRole('button', { name: 'New project' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Start a new project?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByLabel('8 images in digit_1')).toBeVisible();
    await page.getByRole('button', { name: 'New project' }).click();
    await dialog.getByRole('button', { name: 'Start new project' }).click();
    await expect(page.getByText('0 classes, 0 images')).toBeVisible();
    // New project, disabled by the empty project, does not keep the focus the dialog gave back: the Data step has it
    await expect(page.getByRole('region', { name: /^Step: Data/ })).toBeFocused();
    await expect(page.getByTestId('val-accuracy')).toHaveCount(0);
    await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (0 images)', {
      timeout: SLOW_STEP_MS,
    });
    await page.reload();
    await expect(page.getByText('0 classes, 0 images')).toBeVisible({ timeout: SLOW_STEP_MS });
    await toast(page, 'Started a new project').getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByText('3 classes, 24 images')).toBeVisible({ timeout: SLOW_STEP_MS });
    await expect(page.getByRole('grid', { name: 'Images in digit_2' }).getByRole('img')).toHaveCount(8, {
      timeout: SLOW_STEP_MS,
    });
    await expect(page.getByTestId('val-accuracy')).toBeVisible({ timeout: SLOW_STEP_MS });
    await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (24 images)', {
      timeout: SLOW_STEP_MS,
    });
  });

  await test.step('Ctrl+Z pressed twice at once puts the project back once, and its model stays in storage', async () => {
    await page.getByRole('button', { name: 'New project' }).click();
    await page
      .getByRole('alertdialog', { name: 'Start a new project?' })
      .getByRole('button', { name: 'Start new project' })
      .click();
    await expect(page.getByText('0 classes, 0 images')).toBeVisible();
    await expect(toast(page, 'Started a new project')).toBeVisible();
    // said to a screen reader with the undo's words, shown by the toast alone
    await expect(page.getByText('Started a new, empty project.')).toHaveClass(/visually-hidden/);
    // outside any text field, Ctrl+Z is the page's undo
    await page.getByRole('region', { name: /^Step: Data/ }).focus();
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect(page.getByText('3 classes, 24 images')).toBeVisible({ timeout: SLOW_STEP_MS });
    // the bar's line was of the new project: it stayed over the one put back
    await expect(page.getByText('Started a new, empty project.')).toHaveCount(0);
    await expect(page.getByTestId('val-accuracy')).toBeVisible({ timeout: SLOW_STEP_MS });
    // run twice, the second put the earlier project back over the first and deleted its model from storage
    await expect(page.getByRole('region', { name: 'Undo' })).toHaveCount(0);
    await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (24 images)', {
      timeout: SLOW_STEP_MS,
    });
    await page.reload();
    await expect(page.getByText('3 classes, 24 images')).toBeVisible({ timeout: SLOW_STEP_MS });
    await expect(page.getByTestId('val-accuracy')).toBeVisible({ timeout: SLOW_STEP_MS });
  });
});
