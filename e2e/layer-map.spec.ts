import { expect, test, type Page } from '@playwright/test';
import { makeDatasetFolder, studioReady, addFolder } from './fixtures';

const CLASSES = ['digit_3', 'digit_5', 'digit_8'];

/** The number after "Trainable:" in the layer map's totals. */
async function trainableShown(page: Page): Promise<number> {
  const text = await page.getByTestId('param-totals').innerText();
  return Number(/Trainable:\s*([\d,]+)/.exec(text)![1].replace(/,/g, ''));
}

async function trainAndRead(page: Page) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: 200_000 });
  return {
    params: await page.getByTestId('trained-params').innerText(),
    loss: Number((await page.getByTestId('val-loss').innerText()).replace(/[^\d.]/g, '')),
  };
}

test('layer map: the freeze boundary is set by keyboard, totals update, and fine-tuning changes the result', async ({ page }) => {
  const folder = makeDatasetFolder('sign-language-digits', CLASSES, 10);
  await studioReady(page, '/');
  await addFolder(page, folder, '10 images in digit_8');

  // v1 α0.25: the stem and 13 depthwise-separable blocks, all frozen at first.
  const map = page.getByRole('list', { name: 'Layer map' });
  const blocks = map.getByRole('button', { name: /Train from here up/ });
  const trainable = map.getByRole('button', { name: /: trainable.*Train from here up/, pressed: true });
  await expect(blocks).toHaveCount(14);
  await expect(trainable).toHaveCount(0);
  await expect(page.getByTestId('param-totals')).toContainText('head only');
  const headOnly = await trainableShown(page);

  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('4');
  const before = await trainAndRead(page);
  expect(before.params).toContain('Trained the head only');
  expect(before.params).toContain(`${headOnly.toLocaleString('en-US')} trainable parameters`);

  // Keyboard: focus the top block and press Enter → it becomes trainable, the rest stays frozen.
  const top = map.getByRole('button', { name: /^block_13: frozen/ });
  await top.focus();
  await page.keyboard.press('Enter');
  await expect(map.getByRole('button', { name: /^block_13: trainable/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(trainable).toHaveCount(1);
  await expect(page.getByTestId('param-totals')).toContainText('1 backbone block + head');
  const oneBlock = await trainableShown(page);
  expect(oneBlock).toBeGreaterThan(headOnly);

  // Going lower trains more; the fine-tuning knobs appear with the boundary.
  await map.getByRole('button', { name: /^block_11: frozen/ }).click();
  await expect(trainable).toHaveCount(3);
  const threeBlocks = await trainableShown(page);
  expect(threeBlocks).toBeGreaterThan(oneBlock);
  // A single block inside the unfrozen top can stay frozen; the totals drop by its parameters.
  const keep12 = map.getByRole('button', { name: 'Keep block_12 frozen' });
  await keep12.click();
  await expect(keep12).toHaveAttribute('aria-pressed', 'true');
  await expect(trainable).toHaveCount(2);
  await expect(map.getByRole('button', { name: /^block_12: frozen/ })).toBeVisible();
  await expect(page.getByTestId('param-totals')).toContainText('2 backbone blocks + head, 1 kept frozen');
  expect(await trainableShown(page)).toBeLessThan(threeBlocks);
  await keep12.click();
  expect(await trainableShown(page)).toBe(threeBlocks);
  await map.getByRole('button', { name: /^block_13: trainable/ }).click();
  expect(await trainableShown(page)).toBe(oneBlock);
  await page.getByLabel('Augmented views per image').fill('1');
  await page.getByLabel('Head-only warm-up epochs').fill('1');

  const after = await trainAndRead(page);
  expect(after.params).toContain('Fine-tuned the top 1 backbone block and the head');
  expect(after.params).toContain(`${oneBlock.toLocaleString('en-US')} trainable parameters`);
  expect(after.loss).not.toBe(before.loss);

  // Back to head only: the totals return to where they started.
  await page.getByRole('button', { name: 'Freeze whole backbone (head only)' }).click();
  await expect(trainable).toHaveCount(0);
  expect(await trainableShown(page)).toBe(headOnly);
});
