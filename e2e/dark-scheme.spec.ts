import { expect, test, type Locator, type Page } from '@playwright/test';
import { noAxeViolations } from './axe';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady, TRAIN_MS } from './fixtures';

// The system's dark setting, as a browser reports it to the page.
test.use({ colorScheme: 'dark' });

/** Relative luminance (0 black … 1 white) of a CSS colour as the page computed it. */
async function luminance(locator: Locator, property: 'backgroundColor' | 'color'): Promise<number> {
  return locator.evaluate((el, prop) => {
    const css = getComputedStyle(el)[prop];
    const [r, g, b] = css.match(/\d+(\.\d+)?/g)!.map(Number);
    const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }, property);
}

/**
 * What a chart's canvas shows, from a screenshot (the canvas itself is drawn in the chart worker,
 * so its pixels cannot be read on the page): the share of dark pixels, and how many are the dark
 * scheme's training blue (#60a5fa) rather than the light one's (#2563eb).
 */
async function canvasPixels(page: Page, canvas: Locator) {
  const png = (await canvas.screenshot()).toString('base64');
  return page.evaluate(async (data) => {
    // from the bytes, not a data: URL the page's content security policy may refuse
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const px = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let dark = 0;
    let lightBlue = 0;
    let deepBlue = 0;
    const near = (i: number, [r, g, b]: number[]) =>
      Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 40;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i] + px[i + 1] + px[i + 2] < 200) dark++;
      if (near(i, [0x60, 0xa5, 0xfa])) lightBlue++;
      if (near(i, [0x25, 0x63, 0xeb])) deepBlue++;
    }
    return { darkShare: dark / (px.length / 4), lightBlue, deepBlue };
  }, png);
}

test('dark system setting: the studio in dark colours, axe clean from the empty page to the results, charts drawn for the dark surface', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  const dataStep = page.getByRole('region', { name: 'Step: Data' });
  expect(await luminance(page.locator('body'), 'backgroundColor')).toBeLessThan(0.05);
  expect(await luminance(dataStep.locator('.panel').first(), 'backgroundColor')).toBeLessThan(0.05);
  expect(await luminance(dataStep.getByRole('heading', { name: 'Images' }), 'color')).toBeGreaterThan(0.6);
  await noAxeViolations(page, 'dark scheme, empty');

  await addFolder(
    page,
    makeDatasetFolder('sign-language-digits', ['digit_0', 'digit_1', 'digit_2'], 8),
    '8 images in digit_2',
  );
  await noAxeViolations(page, 'dark scheme, images added');
  // the image review dialog over the page
  await page.getByRole('button', { name: 'Review all 8 images of digit_1' }).click();
  const review = page.getByRole('dialog', { name: /^digit_1: / });
  await expect(review.getByRole('listbox', { name: 'Images of digit_1' }).getByRole('option')).toHaveCount(8);
  expect(await luminance(review, 'backgroundColor')).toBeLessThan(0.05);
  await noAxeViolations(page, 'dark scheme, image review');
  await page.keyboard.press('Escape');
  await expect(review).toBeHidden();

  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('15');
  await page.getByLabel('Augmented views per image').fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toBeVisible({ timeout: TRAIN_MS });
  await noAxeViolations(page, 'dark scheme, results');

  // the accuracy chart: a dark plot with the dark scheme's blue training line, not the light one's
  await page.getByRole('link', { name: /^3 Train/ }).click();
  const chart = page.getByRole('figure', { name: /Accuracy per epoch/ });
  await chart.scrollIntoViewIfNeeded();
  await expect
    .poll(async () => (await canvasPixels(page, chart.locator('canvas'))).lightBlue, { timeout: SLOW_STEP_MS })
    .toBeGreaterThan(20);
  const pixels = await canvasPixels(page, chart.locator('canvas'));
  expect(pixels.darkShare).toBeGreaterThan(0.8);
  expect(pixels.deepBlue).toBeLessThan(pixels.lightBlue / 4);

  // a dialog (New project's question) in the same colours
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Start a new project?' });
  expect(await luminance(dialog, 'backgroundColor')).toBeLessThan(0.05);
  await noAxeViolations(page, 'dark scheme, New project question');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test("Windows' contrast themes (forced colours): the step in view and the layer map's legend still told apart", async ({
  page,
}) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await studioReady(page, '/');
  const nav = page.getByRole('navigation', { name: 'Steps' });
  await nav.getByRole('link', { name: /^2 Model:/ }).click();
  await expect(nav.getByRole('link', { name: /^2 Model:/ })).toHaveAttribute('aria-current', 'step');
  const underline = (name: RegExp) =>
    nav.getByRole('link', { name }).evaluate((a) => getComputedStyle(a).borderBottomColor);
  // every step's underline was the one text colour
  expect(await underline(/^2 Model:/)).not.toBe(await underline(/^1 Data:/));
  expect(await underline(/^1 Data:/)).toBe(await underline(/^3 Train:/));
  // the legend's swatches keep the colours of the blocks drawn in the map
  const legend = page.locator('.layer-map');
  const fill = (kind: string) =>
    legend.locator(`.swatch.${kind}`).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await fill('trainable')).not.toBe(await fill('kept'));
  expect(await fill('trainable')).not.toBe('rgba(0, 0, 0, 0)');
});
