import { expect, test } from '@playwright/test';
import { LONG_TEST_MS, SLOW_STEP_MS, undoToast } from './fixtures';
import { trainSmallProject } from './train-small';

test('a backbone switch sets the trained model aside, says so with an undo, and Try it switches back', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await page.goto('/');
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await trainSmallProject(page, { classes: ['digit_0', 'digit_1', 'digit_2'], perClass: 6, epochs: 3 });
  const modelLine = page.getByTestId('model-in-use');
  const trained = /Model: .* \(3 classes\)/;
  await expect(modelLine).toContainText(trained);
  const evaluate = page.getByRole('region', { name: 'Evaluate', exact: true });
  await expect(evaluate).toContainText('3 epochs');

  const v1 = page.getByRole('radio', { name: /^MobileNet v1 α0\.25 1\.9 MB/ });
  const v2 = page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ });
  const toast = undoToast(
    page,
    'The model trained on MobileNet v1 α0.25 is set aside while MobileNetV2 α0.35 is loaded',
  );
  const setAside =
    'Your model was trained on MobileNet v1 α0.25 and is kept in this browser: switch back to use it, or train on this backbone.';

  // from the keyboard, an arrow only marks the next backbone: the model stays in use, nothing is set
  // aside, and what loading it would do is said with the option
  // (the list is free once the run's end has been drawn: focused before, an arrow scrolled the page)
  await expect(v1).toBeEnabled();
  await v1.focus();
  await page.keyboard.press('ArrowDown');
  await expect(v2).toBeChecked();
  await expect(v2).toHaveAccessibleDescription(
    /Loading it sets your trained model aside: picking MobileNet v1 α0\.25 again brings it back\./,
  );
  await page.waitForTimeout(1500);
  await expect(toast).toHaveCount(0);
  await expect(modelLine).toContainText(trained);
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from/)).toBeVisible();

  // Enter loads it: said at once, with the way back, where Try it said a bare "No model yet"
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Loaded MobileNetV2 α0\.35 from/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(toast).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(modelLine).toContainText(setAside);
  await expect(modelLine).not.toContainText('No model yet');
  // Undo picks the model's backbone again, which brings it back with its results
  await toast.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(v1).toBeChecked();
  await expect(modelLine).toContainText(trained, { timeout: SLOW_STEP_MS });
  await expect(evaluate).toContainText('3 epochs');
  await expect(toast).toHaveCount(0);

  // again, by a click (loaded at once), its toast closed: Try it's button switches back
  await v2.check();
  await expect(toast).toBeVisible({ timeout: SLOW_STEP_MS });
  await toast.getByRole('button', { name: /^Dismiss/ }).click();
  await expect(toast).toHaveCount(0);
  await expect(modelLine).toContainText(setAside);
  await modelLine.getByRole('button', { name: 'Switch back to MobileNet v1 α0.25' }).click();
  await expect(v1).toBeChecked();
  await expect(modelLine).toContainText(trained, { timeout: SLOW_STEP_MS });
  await expect(evaluate).toContainText('3 epochs');
  // nothing more to undo: the model is back
  await expect(page.getByRole('region', { name: 'Undo' }).getByRole('group')).toHaveCount(0);
});
