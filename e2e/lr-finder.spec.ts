import { expect, test } from '@playwright/test';
import {
  addFolder,
  classImages,
  LONG_TEST_MS,
  makeDatasetFolder,
  SLOW_STEP_MS,
  studioReady,
  textOf,
  TRAIN_MS,
} from './fixtures';

const CLASSES = ['digit_0', 'digit_1', 'digit_2'];

test('learning-rate finder → apply the suggestion → train with early stopping', async ({ page }) => {
  test.setTimeout(LONG_TEST_MS);
  // 22 a class: 18 train, 3 of them held out for early stopping (it needs 3 a class)
  const folder = makeDatasetFolder('sign-language-digits', CLASSES, 22);
  await studioReady(page, '/');
  await page.getByLabel('Add folders…').setInputFiles(folder);
  for (const cls of CLASSES)
    await expect(page.getByLabel(`22 images in ${cls}`)).toBeVisible({ timeout: SLOW_STEP_MS });

  await page.getByText('Training settings').click();
  const lrField = page.getByRole('spinbutton', { name: 'Learning rate', exact: true });
  // the automatic recipe trains at its own rate: the field holds none until the suggestion sets it
  await expect(lrField).toHaveValue('');
  // what it is for is said before it is pressed: the default recipe does not read its rate
  await expect(page.getByRole('button', { name: 'Find learning rate' })).toHaveAccessibleDescription(
    'Optional, for the manual recipe: sweeps learning rates to suggest one. The automatic recipe picks its own.',
  );
  await page.getByRole('button', { name: 'Find learning rate' }).click();
  // the finder holds the backbone as a run does (switched under it, it was disposed mid-sweep)
  const otherBackbone = page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ });
  await expect(otherBackbone).toBeDisabled();

  const chart = page.getByRole('figure', { name: /Learning-rate finder/ });
  await expect(chart).toBeVisible({ timeout: 120_000 });
  await expect(otherBackbone).toBeEnabled();
  expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(10);
  await expect(chart.locator('path.recharts-curve').first()).toBeVisible();
  await expect(chart.getByText('suggested')).toBeVisible();
  const suggestionText = await page.getByTestId('lr-suggestion').innerText();
  const suggested = Number(/Suggested learning rate: ([\d.e-]+)/.exec(suggestionText)![1]);
  expect(suggested).toBeGreaterThan(1e-6);
  expect(suggested).toBeLessThan(1);

  const use = page.getByRole('button', { name: /^Use suggested learning rate/ });
  // measured on the split it ran with: another split makes the suggestion stale until it is set back
  const split = page.getByRole('spinbutton', { name: 'Validation split', exact: true });
  await split.fill('0.3');
  await expect(use).toBeDisabled();
  await expect(page.getByTestId('lr-stale')).toContainText('Validation split changed');
  await split.fill('0.2');
  await expect(use).toBeEnabled();
  await expect(page.getByTestId('lr-stale')).toHaveCount(0);
  // the button is reachable from the keyboard
  // the automatic head recipe would train with its own rate: using this one makes the recipe a hand one
  await expect(use).toHaveAccessibleDescription(/sets the recipe to manual/);
  await expect(page.getByRole('combobox', { name: 'Head recipe' })).toHaveValue('auto');
  await use.focus();
  await page.keyboard.press('Enter');
  await expect(lrField).toHaveValue(String(suggested));
  await expect(page.getByRole('combobox', { name: 'Head recipe' })).toHaveValue('manual');

  await page.getByRole('combobox', { name: 'Learning-rate schedule' }).selectOption('cosine');
  await page.getByLabel('Early-stopping patience').fill('3');
  await page.getByLabel('Epochs').fill('40');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });

  const results = page.getByRole('region', { name: 'Evaluate', exact: true });
  await expect(results.getByTestId('val-accuracy')).toContainText('%');
  await expect(results.getByTestId('early-stopping')).toContainText(/restored epoch \d+/);
  const note = await textOf(results.getByTestId('early-stopping'));
  const restored = Number(/restored epoch (\d+)/.exec(note)![1]);
  const stoppedAt = /stopped early at epoch (\d+)/.exec(note);
  const epochs = stoppedAt ? Number(stoppedAt[1]) : 40;
  expect(restored).toBeLessThanOrEqual(epochs);
  // the charts show every epoch the run trained; they redraw in their turn, a frame or more after
  // the results (ui/frame-turns.ts), so they are waited for rather than read once
  for (const name of [/Accuracy per epoch/, /Learning rate per epoch/])
    await expect(page.getByRole('figure', { name })).toHaveAttribute('data-points', String(epochs));
});

test('the learning-rate finder after fine-tuning keeps the fine-tuned model', async ({ page }) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', CLASSES, 8), '8 images in digit_2');
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs', { exact: true }).fill('3');
  // the layer map's boundary one block left: block_13 trains
  await page.getByRole('slider', { name: 'Layer map' }).press('ArrowLeft');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
  const results = page.getByRole('region', { name: 'Evaluate', exact: true });
  const accuracy = await textOf(results.getByTestId('val-accuracy'));
  const loss = await textOf(results.getByTestId('val-loss'));
  const tryIt = page.getByLabel('Choose an image to classify');
  await tryIt.setInputFiles(classImages('sign-language-digits', 'digit_1')[30]);
  const before = await page.getByTestId('prediction').innerText();

  // the sweep runs on the pretrained backbone's features; the fine-tuned blocks come back after it
  await page.getByRole('button', { name: 'Find learning rate' }).click();
  await expect(page.getByTestId('lr-suggestion')).toBeVisible({ timeout: 120_000 });
  await expect(results.getByTestId('val-accuracy')).toHaveText(accuracy);
  await expect(results.getByTestId('val-loss')).toHaveText(loss);
  await tryIt.setInputFiles(classImages('sign-language-digits', 'digit_1')[31]);
  await tryIt.setInputFiles(classImages('sign-language-digits', 'digit_1')[30]);
  await expect(page.getByTestId('prediction')).toHaveText(before, { timeout: SLOW_STEP_MS });
});
