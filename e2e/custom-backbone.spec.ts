import { expect, test } from '@playwright/test';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backboneFiles,
  downloadProject,
  LONGER_TEST_MS,
  openElsewhere,
  SLOW_STEP_MS,
  studioReady,
  textOf,
  undoToast,
} from './fixtures';
import { trainSmallProject } from './train-small';

test('a backbone you bring: its feature layers are offered, the chosen one trains, and it is there after a reload', async ({
  page,
  browser,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  await page.getByText('Bring your own backbone').click();
  const picker = page.getByLabel('Choose model.json and weights…');

  // what cannot be a backbone is refused with the reason
  const junk = join(mkdtempSync(join(tmpdir(), 'studio-junk-')), 'model.json');
  writeFileSync(junk, '<html>not json</html>');
  await picker.setInputFiles(junk);
  // a sentence of its own (the engine's reason starts lowercase, listed after "Tried:" elsewhere)
  await expect(page.getByRole('alert').filter({ hasText: /model\.json/ })).toHaveText(
    'The chosen file model.json is a web page (HTML), not a TensorFlow.js model.json.',
    { timeout: SLOW_STEP_MS },
  );
  await picker.setInputFiles(backboneFiles('mobilenet_v1_0.25_224_graph'));
  await expect(page.getByRole('alert').filter({ hasText: 'graph model' })).toContainText('Keras-style layers models', {
    timeout: SLOW_STEP_MS,
  });

  // a layers model with an image input: its spatial layers, deepest first, the last 7×7 map recommended
  await picker.setInputFiles(backboneFiles('mobilenet_v1_0.25_224'));
  await expect(page.getByTestId('custom-inspection')).toContainText('224×224 input', { timeout: SLOW_STEP_MS });
  const layer = page.getByLabel('Feature layer');
  await expect(layer).toHaveValue('conv_pw_13_relu');
  await expect(layer.locator('option').first()).toHaveText(/conv_pw_13_relu — 7×7×256 \(recommended/);
  await expect(layer.locator('option', { hasText: 'conv_pw_11_relu — 14×14×128 (end of a stage)' })).toHaveCount(1);
  await expect(layer.locator('option', { hasText: 'conv_preds' })).toHaveCount(0);
  // the end of the stage before joins the feature layer, as the listed MobileNets' does
  const also = page.getByRole('checkbox', { name: 'Also pool conv_pw_11_relu (14×14×128)' });
  await expect(also).toBeChecked();
  // unticked, it stays so for this model; files picked again start ticked, as their layer starts recommended
  await also.uncheck();
  await expect(also).not.toBeChecked();
  await picker.setInputFiles(backboneFiles('mobilenet_v1_0.25_224'));
  await expect(also).toBeChecked({ timeout: SLOW_STEP_MS });
  await layer.selectOption('conv_pw_11_relu');
  await expect(page.getByRole('checkbox', { name: 'Also pool conv_pw_5_relu (28×28×64)' })).toBeChecked();
  await expect(page.getByRole('radio', { name: /−1 to 1/ })).toBeChecked();
  await page.getByRole('button', { name: 'Use this backbone' }).click();
  await expect(
    page.getByText(/Loaded .* \(yours, features from conv_pw_11_relu and conv_pw_5_relu\) from the files you picked/),
  ).toBeVisible({ timeout: SLOW_STEP_MS });
  const mine = page.getByRole('radio', { name: /\(yours, features from conv_pw_11_relu and conv_pw_5_relu\)/ });
  await expect(mine).toBeChecked();
  await expect(mine).toHaveAccessibleName(/192 features · feature extraction only/);

  await trainSmallProject(page, { classes: ['digit_0', 'digit_3', 'digit_7'], perClass: 20, epochs: 30 });
  const accuracy = Number(/([\d.]+)%/.exec(await textOf(page.getByTestId('val-accuracy')))![1]) / 100;
  console.log('custom backbone accuracy', accuracy);
  expect(accuracy).toBeGreaterThan(0.5);
  await expect(page.getByTestId('trained-params')).toContainText('Trained the head only');
  // the export cuts the model at the chosen layer too, and its re-import predicts the same
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download model (zip)', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  await expect(page.getByTestId('export-check')).toContainText(/^Checked: re-imported model matches/, {
    timeout: SLOW_STEP_MS,
  });

  // the project zip carries it: another browser profile, which never had its files, opens the
  // project on it (before, the project fell back to the default backbone with a notice)
  const zipPath = await downloadProject(page, 'mine.zip');
  await expect(
    page.getByText(/Project zip written: 60 images, the model with its results, 1 run and the backbone .*\(yours/),
  ).toBeVisible();
  const fresh = await openElsewhere(browser, zipPath);
  await expect(
    fresh.getByText(
      /^Opened mine\.zip: 3 classes, 60 images, its model with its results, 1 run and the backbone .*\(yours, features from conv_pw_11_relu and conv_pw_5_relu\)\.$/,
    ),
  ).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(
    fresh.getByRole('radio', { name: /\(yours, features from conv_pw_11_relu and conv_pw_5_relu\)/ }),
  ).toBeChecked();
  await expect(
    fresh.getByText(/Loaded .* \(yours, features from conv_pw_11_relu and conv_pw_5_relu\) from the offline cache/),
  ).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(fresh.getByText(/which this browser does not have/)).toHaveCount(0);
  await fresh.context().close();

  // the next visit lists it, and the restored project loads it from the offline cache
  await page.reload();
  await expect(
    page.getByText(/Loaded .* \(yours, features from conv_pw_11_relu and conv_pw_5_relu\) from the offline cache/),
  ).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(
    page.getByRole('radio', { name: /\(yours, features from conv_pw_11_relu and conv_pw_5_relu\)/ }),
  ).toBeChecked();
  // taken off the list, the studio goes back to the default backbone, also after a reload
  // (from the keyboard: the focus goes to the chosen backbone, not the page)
  const remove = page.getByRole('button', {
    name: /^Remove .*\(yours, features from conv_pw_11_relu and conv_pw_5_relu\) from the list$/,
  });
  // removed by mistake: its undo brings it back, loaded from the offline cache (the files were kept)
  await remove.click();
  await expect(page.getByRole('radio', { name: /\(yours/ })).toHaveCount(0);
  await undoToast(page, /Removed .*\(yours/)
    .getByRole('button', { name: 'Undo', exact: true })
    .click();
  await expect(
    page.getByRole('radio', { name: /\(yours, features from conv_pw_11_relu and conv_pw_5_relu\)/ }),
  ).toBeChecked({
    timeout: SLOW_STEP_MS,
  });
  await expect(
    page.getByText(/Loaded .* \(yours, features from conv_pw_11_relu and conv_pw_5_relu\) from the offline cache/),
  ).toBeVisible({ timeout: SLOW_STEP_MS });
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radio', { name: /\(yours/ })).toHaveCount(0);
  await expect(page.getByRole('radio', { name: /^MobileNet v1 α0\.25 1\.9 MB/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /^MobileNet v1 α0\.25 1\.9 MB/ })).toBeFocused();
  await page.reload();
  await studioReady(page);
  await expect(page.getByRole('radio', { name: /\(yours/ })).toHaveCount(0);
});
