import { expect, test } from '@playwright/test';
import { addFolder, makeDatasetFolder, openBackendChoice, studioReady } from './fixtures';

test('a model trained on WebGPU (switched to mid-session) downloads, and is kept for the next visit', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await studioReady(page, '/');
  await addFolder(
    page,
    makeDatasetFolder('sign-language-digits', ['digit_2', 'digit_6', 'digit_9'], 6),
    '6 images in digit_9',
  );
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('3');
  await page.getByLabel('Augmented views per image').fill('0');
  await openBackendChoice(page);
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('webgpu');
  await expect(page.getByTestId('active-backend')).toHaveText('webgpu', { timeout: 120_000 });
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from the offline cache/)).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: 360_000 });
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toContainText('3 epochs on webgpu');

  // the export reads the model's tensors back from the GPU; a synchronous read there broke every
  // later read, so the model was neither downloadable nor kept
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Download model (zip)' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.zip$/);
  await expect(page.getByText(/not kept for your next visit/)).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('model-in-use')).toContainText(/Model: trained (today|yesterday) at .* \(3 classes\)/, {
    timeout: 120_000,
  });
  await expect(page.getByTestId('val-accuracy')).toBeVisible();
});
