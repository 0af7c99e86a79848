import { expect, test, type Page } from '@playwright/test';
import {
  addFolder,
  classImages,
  LONG_TEST_MS,
  LONGER_TEST_MS,
  makeDatasetFolder,
  SLOW_STEP_MS,
  openBackendChoice,
  studioReady,
  textOf,
  TRAIN_MS,
} from './fixtures';
import { trainSmallProject } from './train-small';

const CLASSES = ['digit_2', 'digit_6', 'digit_9'];

async function accuracy(page: Page): Promise<number> {
  const text = await textOf(page.getByTestId('val-accuracy'));
  return Number(/([\d.]+)%/.exec(text)![1]) / 100;
}

/** Sets `window.sawWarmUp` once a status line on screen says the GPU shaders are warming up. */
function recordWarmUp(): void {
  const w = window as unknown as { sawWarmUp: boolean };
  w.sawWarmUp = false;
  const observer = new MutationObserver(() => {
    for (const el of document.querySelectorAll('[role="status"]'))
      if (/Warming up GPU shaders/.test(el.textContent ?? '') && el.checkVisibility()) {
        w.sawWarmUp = true;
        observer.disconnect();
      }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}

test('the same small training runs on wasm, WebGL and WebGPU with similar accuracy', async ({ page }) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  await openBackendChoice(page);
  const select = page.getByRole('combobox', { name: 'Backend' });
  // Chromium here offers all four (WebGPU and WebGL through SwiftShader, labelled as software).
  await expect(select.getByRole('option')).toHaveText(['webgpu (software)', 'webgl (software)', 'wasm', 'cpu']);
  await addFolder(page, makeDatasetFolder('sign-language-digits', CLASSES, 10), '10 images in digit_9');
  await page.getByText('Training settings').click();
  // 30: a 512-unit head on the 384 joined features of 24 images (backbones/backbone.ts) was still
  // finding its way at 20 on seed 1 (the CLI read 0.33 at 20, 0.83 at 30)
  await page.getByLabel('Epochs').fill('30');
  // plain features only: what is compared is the backends, and each extra view is a backbone pass
  // on every one of them (software WebGPU and WebGL are the slow ones here)
  await page.getByLabel('Augmented views per image').fill('0');

  const results: Record<string, number> = {};
  // cpu is not in the loop: it runs the kernels the unit tests run in Node, and backbone.spec.ts
  // trains on it from the select (it was a fifth of this test's time)
  for (const name of ['wasm', 'webgl', 'webgpu']) {
    if ((await page.getByTestId('active-backend').innerText()) !== name) {
      // webgl from the keyboard (one up from wasm): the select is disabled while the backbone
      // reloads there, and has the focus again after
      if (name === 'webgl') {
        // the run's end unlocks the select a few frames after "Training finished" shows (in its
        // turn): a key pressed on the still-disabled select went nowhere on a busy CI machine
        await expect(select).toBeEnabled({ timeout: SLOW_STEP_MS });
        await select.focus();
        await page.keyboard.press('ArrowUp');
      } else await select.selectOption(name);
      await expect(page.getByTestId('active-backend')).toHaveText(name, { timeout: SLOW_STEP_MS });
      await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from the offline cache/)).toBeVisible({
        timeout: 120_000,
      });
      if (name === 'webgl') await expect(select).toBeFocused();
      // a software renderer is said as such where what runs is said, and the way back is offered
      await expect(page.locator('#backend-choice > summary')).toContainText(`Runs on ${name} (software renderer) — `);
      await expect(page.getByRole('button', { name: 'Use the recommended backend (wasm)' })).toBeVisible();
      // the model trained on the backend before is back from storage, results and all (it was dropped)
      const before = Object.keys(results).at(-1);
      // (once its save has ended: the export is built on the software GPU backends here)
      await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toContainText(
        `30 epochs on ${before}`,
        {
          timeout: SLOW_STEP_MS,
        },
      );
      await expect(page.getByText(/Model: trained (today|yesterday) at /)).toBeVisible();
    }
    // GPU shaders compile on throw-away data first, shown as its own step (WebGPU here takes seconds),
    // recorded as the page shows it: on a faster machine's software WebGPU the step can be over
    // before a look from the test
    if (name === 'webgpu') await page.evaluate(recordWarmUp);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByText('Training finished')).toBeVisible({ timeout: 360_000 });
    if (name === 'webgpu')
      expect(await page.evaluate(() => (window as unknown as { sawWarmUp: boolean }).sawWarmUp)).toBe(true);
    const summary = page.getByRole('region', { name: 'Evaluate', exact: true });
    await expect(summary).toContainText(`30 epochs on ${name}`);
    // features were extracted again on this backend, not reused from another one: one pass per image
    await expect(summary).toContainText('features extracted in 30 backbone passes');
    // the Deploy step offers the downloads of each backend's model: after the model was dropped and read
    // back at a switch, its staged parts once stalled at the first and no Export panel came
    await expect(
      page.getByRole('region', { name: 'Export', exact: true }).getByRole('button', { name: 'Download model (zip)' }),
    ).toBeVisible();
    results[name] = await accuracy(page);
  }

  console.log(`accuracy per backend: ${JSON.stringify(results)}`);
  const values = Object.values(results);
  for (const v of values) expect(v).toBeGreaterThanOrEqual(0.5); // chance is 1/3
  expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(0.34);
});

test('calibration times every backend with the loaded backbone and offers the fastest', async ({ page }) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  await openBackendChoice(page);
  await page.getByText('What this browser offers').click();
  await expect(page.getByText(/wasm: available \(SIMD (yes|no), threads (yes|no)\)/)).toBeVisible();
  await page.getByRole('button', { name: 'Calibrate backends' }).click();
  const table = page.getByRole('table', { name: 'Backend calibration' });
  await expect(table).toBeVisible({ timeout: 360_000 });
  await expect(table.locator('tbody tr')).toHaveCount(4);
  for (const name of ['webgpu', 'webgl', 'wasm', 'cpu']) {
    await expect(table.getByRole('row', { name: new RegExp(`^${name}`) })).toContainText(/\d+(\.\d)? ms/);
  }
  // wasm is measured first, so its figures are full medians; a later backend's figure clearly slower
  // than wasm's is one run, marked as such
  await expect(table.getByRole('row', { name: /^wasm/ })).not.toContainText('1 run');
  console.log(`calibration table: ${(await table.locator('tbody').innerText()).replace(/\s+/g, ' ')}`);
  const best = page.getByTestId('calibration-best');
  await expect(best).toContainText(/feature extraction: (webgpu|webgl|wasm|cpu)/);
  const text = await best.innerText();
  console.log(`calibration: ${text}`);
  const [extraction, head, fineTuning] = [
    /feature extraction: (\w+)/,
    /head training: (\w+)/,
    /fine-tuning: (\w+)/,
  ].map((re) => re.exec(text)![1]);
  // the studio follows the measurement: extraction where it was fastest, the head where that was
  await expect(page.getByTestId('active-backend')).toHaveText(extraction, { timeout: SLOW_STEP_MS });
  await expect(page.getByTestId('calibration-applied')).toContainText(
    `feature extraction on ${extraction}, head training on ${head}`,
    { timeout: SLOW_STEP_MS },
  );
  await expect(page.getByRole('combobox', { name: 'Train the new head on' })).toHaveValue(
    head === extraction ? '' : head,
  );
  // fine-tuning trains where the backbone lives: moving there is offered, not done
  const offers = page.getByRole('button', { name: /^Use \w+ \(fastest for/ });
  await expect(offers).toHaveCount(fineTuning !== extraction && fineTuning !== 'none' ? 1 : 0);
  await expect(
    page.getByText(`${extraction} — fastest for feature extraction in the calibration just now`),
  ).toBeVisible();

  // the loaded backbone still trains on the active backend after every backend was tried
  await trainSmallProject(page, { classes: ['digit_0', 'digit_5'], perClass: 5, epochs: 3, views: 0 });
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toContainText(`3 epochs on ${head}`);

  // the plan is kept for the next visit on this hardware; a plan whose head trains elsewhere
  // (edited here: on this machine wasm wins every job) splits the run the same way
  const plan = JSON.parse((await page.evaluate(() => localStorage.getItem('transfer-studio-backend-plan')))!) as {
    headTraining: string | null;
  };
  expect(plan.headTraining).toBe(head === extraction ? null : head);
  await page.evaluate(() => {
    const p = JSON.parse(localStorage.getItem('transfer-studio-backend-plan')!);
    localStorage.setItem(
      'transfer-studio-backend-plan',
      JSON.stringify({ ...p, extraction: 'wasm', headTraining: 'cpu' }),
    );
  });
  await page.reload();
  await studioReady(page);
  await expect(
    page.getByText(/wasm — fastest for feature extraction when calibrated on \d{4}-\d\d-\d\d/),
  ).toBeVisible();
  await expect(page.getByTestId('head-backend')).toContainText(
    /train the head on cpu — fastest for head training when calibrated on \d{4}-\d\d-\d\d/,
  );
  await expect(page.getByLabel('5 images in digit_5')).toBeVisible({ timeout: SLOW_STEP_MS });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toContainText(
    '3 epochs on cpu (features extracted on wasm)',
  );
});

test('a first visit on a GPU calibrates by itself (forced here with ?calibrate=auto); the next visit uses the plan', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  // what the page says only while it calibrates, recorded as it is drawn: with one backend to time
  // the calibration's line showed for 0.7 s here, and a faster machine's could end between two looks
  await page.addInitScript(() => {
    const w = window as unknown as { sawCalibrating: { blocked: boolean; line: boolean } };
    w.sawCalibrating = { blocked: false, line: false };
    new MutationObserver(() => {
      const blockers = document.querySelector('ul[aria-label="Before you can train"]')?.textContent ?? '';
      const line = document.querySelector('[data-testid="auto-calibration"]')?.textContent ?? '';
      if (blockers.includes('The backends are being calibrated')) w.sawCalibrating.blocked = true;
      if (line.includes('First visit on this hardware: measuring which backend is fastest'))
        w.sawCalibrating.line = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('/?calibrate=auto');
  // measured once the backbone is loaded; training waits for it, and the line says what goes on
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { sawCalibrating: object }).sawCalibrating), {
      timeout: SLOW_STEP_MS,
    })
    .toEqual({ blocked: true, line: true });
  await expect(page.getByTestId('auto-calibration')).toBeHidden({ timeout: 120_000 });
  // software renderers and plain cpu are not measured: wasm (SIMD) is the only candidate here
  await openBackendChoice(page);
  await page.getByText('What this browser offers').click();
  await expect(page.getByRole('table', { name: 'Backend calibration' }).locator('tbody tr')).toHaveCount(1);
  await expect(page.getByText('wasm — fastest for feature extraction in the calibration just now')).toBeVisible();
  await studioReady(page, '/');
  await expect(
    page.getByText(/wasm — fastest for feature extraction when calibrated on \d{4}-\d\d-\d\d/),
  ).toBeVisible();
  await openBackendChoice(page);
  await page.getByText('What this browser offers').click();
  await expect(page.getByRole('table', { name: 'Backend calibration' })).toBeHidden();
});

test('head training on another backend: features from wasm, head on WebGL, similar accuracy; a lost context moves the head home', async ({
  page,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', CLASSES, 10), '10 images in digit_9');
  await page.getByText('Training settings').click();
  // 30 as above (16 left this 512-unit head at 0.5 on the joined features)
  await page.getByLabel('Epochs').fill('30');
  await page.getByLabel('Augmented views per image').fill('0');
  await openBackendChoice(page);
  const headSelect = page.getByRole('combobox', { name: 'Train the new head on' });
  await expect(headSelect.getByRole('option')).toHaveText([
    'the same backend (wasm)',
    'webgpu (software)',
    'webgl (software)',
    'cpu',
  ]);
  const results = page.getByRole('region', { name: 'Evaluate', exact: true });

  // the same run on one backend, then with the head on WebGL (the features come from the cache)
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
  await expect(results).toContainText('30 epochs on wasm ·');
  const together = await accuracy(page);
  await headSelect.selectOption('webgl');
  await expect(page.getByTestId('head-backend')).toContainText(
    'extract features on wasm and train the head on webgl — chosen by you',
  );
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
  await expect(results).toContainText(
    '30 epochs on webgl (features extracted on wasm) · features reused from the cache',
  );
  const split = await accuracy(page);
  expect(Math.abs(split - together)).toBeLessThanOrEqual(0.34);
  // the head came home: the model answers on wasm, where the backbone is
  await page
    .getByLabel('Choose an image to classify')
    .setInputFiles(classImages('sign-language-digits', 'digit_6')[40]);
  await expect(page.getByTestId('prediction')).toBeVisible({ timeout: SLOW_STEP_MS });
  // the learning-rate finder trains a head too: it sweeps on WebGL as well and still suggests a rate
  await page.getByRole('button', { name: 'Find learning rate' }).click();
  await expect(page.getByTestId('lr-suggestion')).toContainText(/Suggested learning rate: [\d.e-]+/, {
    timeout: 120_000,
  });

  // the test hook loses WebGL's context after epoch 3 of the next run, while the head trains there
  await page.goto('/?fault=gpu-lost-after-epoch-3');
  await expect(page.getByLabel('10 images in digit_9')).toBeVisible({ timeout: SLOW_STEP_MS });
  await studioReady(page);
  // the head backend picked by hand is remembered on this hardware
  await openBackendChoice(page);
  await expect(headSelect).toHaveValue('webgl');
  await expect(page.getByTestId('head-backend')).toContainText(
    'train the head on webgl — chosen by you on an earlier visit',
  );
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const notes = page.getByTestId('fallback').getByRole('listitem');
  await expect(notes.first()).toContainText('The webgl backend stopped working (WebGL context lost)', {
    timeout: 180_000,
  });
  await expect(notes.first()).toContainText('Training continues on wasm from epoch 4; the 3 finished epochs are kept');
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
  await expect(results).toContainText('30 epochs on wasm ·');
  await expect(page.getByRole('figure', { name: /Accuracy per epoch/ })).toHaveAttribute('data-points', '30');
  await expect(page.getByTestId('active-backend')).toHaveText('wasm');
  await expect(headSelect).toHaveValue('');
  const recovered = await accuracy(page);
  // a head backend that was lost is not picked again on the next visit
  await studioReady(page, '/');
  await openBackendChoice(page);
  await expect(headSelect).toHaveValue('');
  console.log(
    `accuracy: one backend ${together}, head on webgl ${split}, head on webgl until its context was lost ${recovered}`,
  );
  for (const a of [together, split, recovered]) expect(a).toBeGreaterThanOrEqual(0.5); // chance is 1/3
});

test('a GPU lost mid-training: training continues on the next backend from the last finished epoch', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  // test hook: the worker really destroys the WebGPU device / loses the WebGL context after epoch 3
  await studioReady(page, '/?fault=gpu-lost-after-epoch-3');
  await addFolder(page, makeDatasetFolder('sign-language-digits', CLASSES, 8), '8 images in digit_9');
  await page.getByText('Training settings').click();
  // 12 (was 8): on the 384 joined features the head's train accuracy after 8 epochs of batch 4 was
  // 0.67 against 0.94 on the feature layer alone, too near the bar below on a moved backend
  await page.getByLabel('Epochs').fill('12');
  await page.getByLabel('Augmented views per image').fill('0');
  // 18 training images in batches of 4: 5 steps an epoch (one batch of 32 gives 12 steps in all)
  await page.getByLabel('Batch size').fill('4');
  await openBackendChoice(page);
  const select = page.getByRole('combobox', { name: 'Backend' });

  // WebGL → wasm; then WebGPU → the next backend that still works (here losing the WebGPU device
  // can take SwiftShader's WebGL context down with it, and training then moves on to wasm).
  for (const from of ['webgl', 'webgpu']) {
    await select.selectOption(from);
    await expect(page.getByTestId('active-backend')).toHaveText(from, { timeout: SLOW_STEP_MS });
    await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from the offline cache/)).toBeVisible({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const notes = page.getByTestId('fallback').getByRole('listitem');
    await expect(notes.first()).toContainText(`The ${from} backend stopped working`, { timeout: 180_000 });
    await expect(notes.first()).toContainText(from === 'webgl' ? 'WebGL context lost' : 'WebGPU device lost');
    await expect(notes.first()).toContainText(
      /Training continues on (webgl|wasm) from epoch 4; the 3 finished epochs are kept/,
    );
    await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
    // the last note names where training ended up (losing WebGPU here can take WebGL down too)
    const last = (await notes.last().innerText()).match(/Training continues on (\w+)/)![1];
    await expect(page.getByTestId('active-backend')).toHaveText(last);
    const to = last;
    expect(to).not.toBe(from);
    if (from === 'webgl') expect(to).toBe('wasm');
    const results = page.getByRole('region', { name: 'Evaluate', exact: true });
    // all 12 epochs in the history: 3 before the loss, 9 after, on the new backend
    await expect(results).toContainText(`12 epochs on ${to}`);
    await expect(page.getByRole('figure', { name: /Accuracy per epoch/ })).toHaveAttribute('data-points', '12');
    // the run went on learning after the move: 6 validation images are too few to judge by (one
    // image is 17 points; 2 of 6 failed this once), so the 18 training images of the last epoch
    // say it (chance is 1/3; measured 12 of 18)
    const chart = page.getByRole('figure', { name: /Accuracy per epoch/ }).locator('.chart-summary');
    const trained = Number(/^epoch 12: train accuracy ([\d.]+)%/.exec(await chart.innerText())![1]) / 100;
    console.log(
      `${from} → ${to}: last epoch's train accuracy ${trained}; ${await textOf(page.getByTestId('val-accuracy'))}`,
    );
    expect(trained).toBeGreaterThanOrEqual(0.5);
  }
});
