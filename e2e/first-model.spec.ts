import { expect, test } from '@playwright/test';
import {
  addFolder,
  classImages,
  LONGER_TEST_MS,
  makeDatasetFolder,
  SLOW_STEP_MS,
  studioReady,
  textOf,
  TRAIN_MS,
} from './fixtures';

const CLASSES = ['digit_0', 'digit_4', 'digit_8'];

/**
 * With augmented views (the default), a run first trains a head on the plain features and shows
 * it, then extracts the views and trains the full model. The first model answers Try it while the
 * second phase runs; Stop keeps the better of the two.
 */
test('a first model on plain features answers Try it while the full model trains; Stop keeps the best so far', async ({
  page,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', CLASSES, 15), '15 images in digit_8');
  await page.getByText('Training settings').click();
  await expect(page.getByLabel('Augmented views per image')).toHaveValue('2');
  // a second phase long enough that it is still running while the first model is tried: batches of 4,
  // as its 1000 epochs of two batches took 16 s here, 5-8 s on the project's CI machine (2-3 times
  // faster), not much more than the looks below
  await page.getByLabel('Epochs').fill('1000');
  await page.getByLabel('Batch size').fill('4');
  await page.getByLabel(/Early-stopping patience/).fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();

  const status = page.getByRole('status').filter({ hasText: /Training|Extracting/ });
  const firstLine = page.getByTestId('first-model');
  // on all the images, or (a slow machine) on a stratified part of them, which the line names: its
  // figure first, then which images it trained on
  const answers =
    'It answers Try it while the full model \\(augmented views\\) trains\\. The first model trained for \\d+ epochs? on';
  await expect(firstLine).toContainText(
    new RegExp(
      `^Quick first model \\(ready [\\d.]+ s after Train(\\): [\\d.]+% on all \\d+ validation images\\. ${answers} all \\d+ training images|, trained on part of the images\\): [\\d.]+% on \\d+ of \\d+ validation images\\. ${answers} \\d+ of \\d+ training images), without augmented views\\.$`,
    ),
    { timeout: TRAIN_MS },
  );
  await expect(page.getByTestId('val-accuracy')).toContainText(/Validation accuracy: [\d.]+%/);
  await expect(status).toContainText('Full model (augmented views)', { timeout: SLOW_STEP_MS });

  // Try it with the first model while the full one trains
  await expect(page.getByTestId('model-in-use')).toContainText('first model');
  await page
    .getByLabel('Choose an image to classify')
    .setInputFiles(classImages('sign-language-digits', 'digit_4')[40]);
  // an answer naming a class (a first model on a busy machine may stay under the "unknown" threshold)
  const answer = /Prediction: (digit_\d|Unknown \(closest: digit_\d)/;
  // answered by the worker that is training meanwhile
  await expect(page.getByTestId('prediction')).toContainText(answer, { timeout: SLOW_STEP_MS });
  // after the augmented views of every training image went through the backbone
  await expect(status).toContainText('Full model (augmented views) · Training: epoch', { timeout: 2 * SLOW_STEP_MS });

  // the epoch charts show the full model's curves beside the first model's validation curve
  const accuracyChart = page.getByRole('figure', { name: /Accuracy per epoch/ });
  // on part of the validation images when the first model trained on part: its curve says so
  const firstCurve = /^quick first model, validation accuracy( on \d+ of \d+ images)?$/;
  await expect(accuracyChart.getByText(firstCurve)).toBeVisible();
  // the per-batch chart draws the first model's batches apart: the full model's loss starts high again,
  // its batches counted from 1 on a line of its own
  const batchChart = page.getByRole('figure', { name: /Training loss per batch/ });
  await expect(batchChart.getByText('quick first model, batch loss', { exact: true })).toBeVisible();
  await expect(batchChart.getByText('full model, batch loss', { exact: true })).toBeVisible();
  await expect
    .poll(async () => Number(await accuracyChart.getAttribute('data-points')), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(2);
  // no schedule in this run: the learning rate is said in one line, not drawn as a flat chart
  await expect(page.getByTestId('steady-rate')).toHaveText(/^Learning rate: [\d.e-]+, the same every epoch\.$/);
  await expect(page.getByRole('figure', { name: /Learning rate per epoch/ })).toHaveCount(0);
  // the first model's images can be looked at, but not moved or deleted while the run uses them:
  // their buttons say so (they did nothing, with nothing said)
  const matrix = page.getByRole('table', { name: /Confusion matrix/ });
  await matrix
    .getByRole('button', { name: /^\d+ (digit_\d) images? predicted as \1$/ })
    .first()
    .click();
  const cellImages = page.getByRole('region', { name: /^Validation images: (digit_\d) predicted as \1$/ });
  await expect(cellImages.getByTestId('tiles-locked')).toContainText('Training is running: Stop it to');
  await expect(cellImages.getByRole('button', { name: /^Delete / }).first()).toBeDisabled();

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText('Training stopped')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(cellImages.getByTestId('tiles-locked')).toHaveCount(0);
  await expect(cellImages.getByRole('button', { name: /^Delete / }).first()).toBeEnabled();
  // every point of a chart in words (its canvas is hidden from screen readers): a table behind "Values"
  await accuracyChart.locator('summary', { hasText: 'Values' }).press('Enter');
  const values = page.getByRole('table', { name: 'Accuracy per epoch: values' });
  await expect(values.getByRole('columnheader', { name: firstCurve })).toBeVisible();
  const epochsCharted = Number(await accuracyChart.getAttribute('data-points'));
  // a row per epoch either model had (the header row too)
  expect(await values.getByRole('row').count()).toBeGreaterThanOrEqual(epochsCharted + 1);
  await expect(values.getByRole('rowheader', { name: '1', exact: true })).toBeVisible();
  // the better of the two is kept, and it is what Try it answers with
  const kept = await textOf(firstLine);
  expect(kept).toMatch(
    /, kept: [\d.]+% on all \d+ validation images; the run was stopped before a better one\.|\. Full model \(augmented views\): [\d.]+%\./,
  );
  // compared on the same images: a first model on part of them is also judged on all of them
  const firstAccuracy = Number((/: ([\d.]+)% on all \d+ validation images/.exec(kept) ?? /: ([\d.]+)%/.exec(kept))![1]);
  const shown = Number(/([\d.]+)%/.exec(await textOf(page.getByTestId('val-accuracy')))![1]);
  expect(shown).toBeGreaterThanOrEqual(firstAccuracy);
  await expect(page.getByTestId('model-in-use')).toContainText('Model: trained here (3 classes)');
  await page
    .getByLabel('Choose an image to classify')
    .setInputFiles(classImages('sign-language-digits', 'digit_8')[40]);
  await expect(page.getByTestId('prediction')).toContainText(answer, { timeout: SLOW_STEP_MS });

  // A run to its end: the results name both models, the charts hold the full model's epochs
  await page.getByLabel('Epochs').fill('15');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
  // the two models' figures on every validation image side by side, one each; which images the first one had, after
  const beside =
    '[\\d.]+% on all \\d+ validation images\\. Full model \\(augmented views\\): [\\d.]+%\\.( The first model did .*)? The first model trained for \\d+ epochs? on';
  await expect(firstLine).toContainText(
    new RegExp(
      `^Quick first model \\(ready [\\d.]+ s after Train(\\): ${beside} all|, trained on part of the images\\): ${beside} \\d+ of) \\d+ training images, without augmented views\\.$`,
    ),
    { timeout: SLOW_STEP_MS },
  );
  // its figure on the part read by then, said beside the one on all, read as a second score for it
  expect((await textOf(firstLine)).match(/[\d.]+%/g)).toHaveLength(2);
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toContainText('15 epochs on', {
    timeout: SLOW_STEP_MS,
  });
  await expect(accuracyChart).toHaveAttribute('data-points', '15');
  await expect(page.getByTestId('model-in-use')).toContainText('Model: trained here (3 classes)');
});
