import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  brokenPng,
  classImages,
  dropFiles,
  LONG_TEST_MS,
  LONGER_TEST_MS,
  makeDatasetFolder,
  SLOW_STEP_MS,
  studioReady,
  textOf,
  TRAIN_MS,
} from './fixtures';

const CLASSES = ['digit_0', 'digit_1', 'digit_2'];

test('folder of class folders → backbone → train → charts → accuracy → classify a new image', async ({ page }) => {
  const folder = makeDatasetFolder('sign-language-digits', CLASSES, 15);
  // a PNG whose header and end marker are in place but whose pixel data is junk: only a decoder
  // finds it out (a file whose bytes say it is no image is refused when added, e2e/bad-input.spec.ts)
  writeFileSync(join(folder, 'digit_1', 'broken.png'), brokenPng());
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  await expect(page.getByTestId('active-backend')).not.toBeEmpty();

  await page.getByLabel('Add folders…').setInputFiles(folder);
  for (const cls of CLASSES) {
    await expect(page.getByRole('region', { name: `Class ${cls}` })).toBeVisible({ timeout: SLOW_STEP_MS });
    await expect(page.getByLabel(`${cls === 'digit_1' ? 16 : 15} images in ${cls}`)).toBeVisible({
      timeout: SLOW_STEP_MS,
    });
  }
  await expect(page.getByRole('grid', { name: 'Images in digit_0' }).getByRole('img')).toHaveCount(15, {
    timeout: SLOW_STEP_MS,
  });
  // its thumbnail says it cannot be read (the browser's torn-page icon and alt text said "broken")
  const unreadable = page.getByRole('grid', { name: 'Images in digit_1' }).locator('.thumb-unreadable');
  await expect(unreadable).toHaveCount(1, { timeout: SLOW_STEP_MS });
  await expect(unreadable).toHaveAttribute('title', /^Cannot be read: /);
  await expect(page.getByRole('grid', { name: 'Images in digit_1' }).locator('img')).toHaveCount(15);

  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('20');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });

  // The unreadable file is reported by name and left out, the rest trained.
  await expect(page.getByText(/1 image could not be read/)).toBeVisible();
  await expect(page.getByText(/broken\.png \(digit_1\): not a readable image/)).toBeVisible();

  const accuracyText = await textOf(page.getByTestId('val-accuracy'));
  const accuracy = Number(/([\d.]+)%/.exec(accuracyText)![1]) / 100;
  expect(accuracy).toBeGreaterThan(1 / CLASSES.length);
  // 9 validation images: the figure comes with its 95% Wilson interval, which contains it, said
  // plainly; the method is named in the line's title
  const interval = /probably between ([\d.]+)% and ([\d.]+)%/.exec(await textOf(page.getByTestId('val-interval')))!;
  await expect(page.getByTestId('val-interval')).toHaveAttribute('title', /^95% interval by the Wilson score method/);
  expect(Number(interval[1]) / 100).toBeLessThanOrEqual(accuracy);
  expect(Number(interval[2]) / 100).toBeGreaterThanOrEqual(accuracy);
  await expect(page.getByTestId('val-interval')).toContainText('on 9 validation images');
  const table = page.getByRole('table', { name: 'Per-class validation metrics' });
  for (const cls of CLASSES) await expect(table.getByRole('rowheader', { name: cls })).toBeVisible();
  // its figures said in words under it
  await expect(page.getByText(/^Recall: of a class's images, the share the model got right\./)).toBeVisible();
  // three classes: the matrix is open, as Create ML shows it, without a click
  const matrix = page.getByRole('table', { name: /Confusion matrix/ });
  await expect(matrix.locator('tbody tr')).toHaveCount(3);
  const cells = await matrix.locator('tbody td').allInnerTexts();
  expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(9); // 3 validation images per class

  // The charts received one point per epoch and drew lines.
  const accuracyChart = page.getByRole('figure', { name: /Accuracy per epoch/ });
  await expect(accuracyChart).toHaveAttribute('data-points', '20');
  // its canvas holds both lines (pixels of the training blue and the validation orange), and its
  // summary reads the last epoch's values; a chart is drawn once it is on screen
  await accuracyChart.scrollIntoViewIfNeeded();
  // read from a screenshot of the canvas: the chart worker draws it (chart-painter.ts), so the
  // page cannot read its pixels back
  const colours = async () => {
    const png = (await accuracyChart.locator('canvas').screenshot()).toString('base64');
    return page.evaluate(async (b64) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))]));
      const copy = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const near = (i: number, rgb: number[]) => rgb.every((v, k) => Math.abs(data[i + k] - v) < 24);
      let train = 0;
      let validation = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (near(i, [0x25, 0x63, 0xeb])) train++;
        if (near(i, [0xc2, 0x41, 0x0c])) validation++;
      }
      return { train, validation };
    }, png);
  };
  await expect
    .poll(
      async () => {
        const { train, validation } = await colours();
        return Math.min(train, validation);
      },
      { timeout: SLOW_STEP_MS },
    )
    .toBeGreaterThan(50);
  // the canvas is the chart worker's: the page can no longer take a context of its own
  const drawnBy = await accuracyChart.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    try {
      c.getContext('2d');
      return 'page';
    } catch {
      return 'worker';
    }
  });
  expect(drawnBy).toBe('worker');
  await expect(accuracyChart.locator('.chart-summary')).toHaveText(
    /^epoch 20: train accuracy [\d.]+% · validation accuracy [\d.]+%/,
  );
  // 36 training images in batches of 32: two batches an epoch, so the loss per batch has its chart
  expect(
    Number(await page.getByRole('figure', { name: /Training loss per batch/ }).getAttribute('data-points')),
  ).toBeGreaterThan(20);

  // An image the model never saw (beyond the first 15) is classified.
  const unseen = classImages('sign-language-digits', 'digit_2')[60];
  await dropFiles(page.getByRole('region', { name: 'Drop an image to classify' }), [unseen]);
  // a class, or "unknown" with the closest one: the default threshold on 3 classes is 65% (webcam.ts)
  await expect(page.getByTestId('prediction')).toContainText(/Prediction: (digit_\d|Unknown \(closest: digit_\d)/, {
    timeout: SLOW_STEP_MS,
  });
  await expect(page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(3);
  // with the answer, what Unknown does not do (a photo of none of the classes still gets the nearest)
  await expect(page.getByTestId('unknown-means')).toHaveText(/^Unknown means unsure, not “none of these”/);
});

test('classes made by hand: files dropped on a class and picked with its file input', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Add class' }).click();
  await page.getByRole('button', { name: 'Add class' }).click();
  const names = page.getByRole('textbox', { name: 'Class name' });
  await names.nth(0).fill('fist');
  await names.nth(1).fill('flat hand');
  await dropFiles(
    page.getByRole('region', { name: 'Class fist' }),
    classImages('sign-language-digits', 'digit_0').slice(0, 4),
  );
  await page
    .getByLabel('Add images to flat hand')
    .setInputFiles(classImages('sign-language-digits', 'digit_5').slice(0, 3));
  await expect(page.getByLabel('4 images in fist')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByLabel('3 images in flat hand')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByRole('img', { name: 'IMG_1118.jpg' })).toBeVisible({ timeout: SLOW_STEP_MS });

  // Images dropped on the page outside any class, without a folder: a new class to be named.
  await dropFiles(
    page.getByRole('heading', { name: 'Images', exact: true }),
    classImages('sign-language-digits', 'digit_9').slice(0, 2),
  );
  await expect(page.getByLabel('2 images in Class 3')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByRole('status').filter({ hasText: 'became a new class' })).toContainText(
    'The images dropped outside a class became a new class, "Class 3": give it its name',
  );
  await names.nth(2).fill('nine');
  await expect(page.getByLabel('2 images in nine')).toBeVisible();

  // A non-image is refused at once with a message; nothing already added is lost.
  await page
    .getByLabel('Add images to fist')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByRole('status').filter({ hasText: 'not an image' })).toContainText('notes.txt');
  await expect(page.getByLabel('4 images in fist')).toBeVisible();

  // Duplicate names block training with a reason.
  await names.nth(1).fill('Fist');
  await expect(page.getByRole('list', { name: 'Before you can train' })).toContainText('Two classes are named "Fist"');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
});

test('a run that did worse can be undone: the model it replaced is kept, used again, and kept across a reload', async ({
  page,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  await page.getByLabel('Add folders…').setInputFiles(makeDatasetFolder('sign-language-digits', CLASSES, 8));
  await expect(page.getByLabel('8 images in digit_2')).toBeVisible({ timeout: SLOW_STEP_MS });
  await page.getByText('Training settings').click();
  const summary = page.getByRole('region', { name: 'Evaluate', exact: true });
  const trainFor = async (epochs: number) => {
    await page.getByLabel('Epochs').fill(String(epochs));
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
    await expect(summary).toContainText(`${epochs} epochs on`);
  };
  await trainFor(12);
  const first = await textOf(page.getByTestId('val-accuracy'));
  // the loss, under "How it was trained" › Details, tells the same model's results apart more finely
  const firstLoss = await textOf(page.getByTestId('val-loss'));
  // one model so far: nothing else is offered
  await expect(page.getByTestId('other-model')).toHaveCount(0);
  await trainFor(2);
  const offer = page.getByTestId('other-model');
  // offered once the new model is in storage, which waits on the model it moves aside
  await expect(offer).toContainText(`${/([\d.]+%)/.exec(first)![1]} on its 6 validation images`, {
    timeout: 2 * SLOW_STEP_MS,
  });
  await offer.getByRole('button', { name: /^Use that model instead/ }).click();
  // the model put aside is read back from storage
  await expect(summary).toContainText('12 epochs on', { timeout: SLOW_STEP_MS });
  // the button stays where it was, with the focus, offering the way back
  await expect(offer.getByRole('button', { name: /^Use that model instead/ })).toBeFocused();
  await expect(offer).toContainText('on its 6 validation images');
  expect(await textOf(page.getByTestId('val-accuracy'))).toBe(first);
  expect(await textOf(page.getByTestId('val-loss'))).toBe(firstLoss);
  await expect(page.getByText(/Model: trained (today|yesterday) at /)).toBeVisible();
  // the choice is what a reload restores, as is how the model's answers are shown (a project's own)
  await page.getByRole('slider', { name: /Unknown below/ }).fill('0.7');
  await expect(page.getByRole('slider', { name: 'Unknown below 70%' })).toBeVisible();
  await page.reload();
  await expect(summary).toContainText('12 epochs on', { timeout: SLOW_STEP_MS });
  await expect(page.getByRole('slider', { name: 'Unknown below 70%' })).toHaveValue('0.7');
  await expect(page.getByTestId('other-model')).toContainText('on its 6 validation images', {
    timeout: 2 * SLOW_STEP_MS,
  });

  // a run on another backbone: the model before it is offered with its own backbone, which using it loads
  await page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ }).check();
  await expect(page.getByText(/Loaded MobileNetV2 α0\.35/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await page.getByText('Training settings').click();
  await trainFor(2);
  // offered once the new model is in storage, which waits on the model it moves aside (slow on a busy machine)
  await expect(offer).toContainText(', on MobileNet v1 α0.25.', { timeout: 2 * SLOW_STEP_MS });
  await offer
    .getByRole('button', { name: /^Use that model instead \(loads MobileNet v1 α0\.25\), trained at / })
    .click();
  await expect(page.getByRole('radio', { name: /^MobileNet v1 α0\.25 1\.9 MB/ })).toBeChecked({
    timeout: SLOW_STEP_MS,
  });
  await expect(summary).toContainText('12 epochs on', { timeout: SLOW_STEP_MS });
  expect(await textOf(page.getByTestId('val-accuracy'))).toBe(first);
  expect(await textOf(page.getByTestId('val-loss'))).toBe(firstLoss);
  // and the MobileNetV2 model is offered back the same way, with the focus the switch took away
  await expect(offer.getByRole('button', { name: /loads MobileNetV2 α0\.35/ })).toBeFocused();
});
