import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MAX_EPOCHS } from '../src/core/train/settings';
import { noAxeViolations } from './axe';
import { framesRecorded, holdUntil } from './webcam-steps';
import { addFolder, LONGER_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady } from './fixtures';

// Runs in the "fake-camera" project (playwright.config.ts): the webcam state needs a camera.

const STEPS = ['Data', 'Model', 'Train', 'Evaluate', 'Deploy'] as const;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** The viewport as a PNG attached to the run (and copied to $SHOTS_DIR when set, to look at). */
async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  if (process.env.SHOTS_DIR) {
    mkdirSync(process.env.SHOTS_DIR, { recursive: true });
    copyFileSync(path, join(process.env.SHOTS_DIR, `${name}.png`));
  }
}

/** Each step by its one click in the step navigation, a screenshot of each. */
async function everyStep(page: Page, testInfo: TestInfo, size: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Steps' });
  for (const step of STEPS) {
    const link = nav.getByRole('link', { name: new RegExp(`^\\d ${step}:`) });
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'step');
    await expect(page.getByRole('region', { name: `Step: ${step}` })).toBeInViewport();
    await shot(page, testInfo, `${size}-${step.toLowerCase()}`);
  }
}

/** The element lies wholly inside the viewport. */
async function onScreen(page: Page, what: string, box: { x: number; y: number; width: number; height: number } | null) {
  const { width, height } = page.viewportSize()!;
  expect(box, what).not.toBeNull();
  expect(box!.y, `${what} top`).toBeGreaterThanOrEqual(0);
  expect(box!.x, `${what} left`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${what} bottom`).toBeLessThanOrEqual(height);
  expect(box!.x + box!.width, `${what} right`).toBeLessThanOrEqual(width);
}

test('workspace: every step one click away at 1280×800 and 390×844, charts + progress + preview on one screen while training, axe clean in each state', async ({
  page,
}, testInfo) => {
  test.setTimeout(LONGER_TEST_MS);
  await page.setViewportSize(DESKTOP);
  await studioReady(page, '/');
  await noAxeViolations(page, 'empty');
  await shot(page, testInfo, 'desktop-empty');

  await addFolder(
    page,
    makeDatasetFolder('sign-language-digits', ['digit_0', 'digit_1', 'digit_2'], 12),
    '12 images in digit_2',
  );
  await expect(page.getByTestId('step-status-data')).toHaveText('3 classes · 36 images');
  await noAxeViolations(page, 'data');
  // before any run the Evaluate step says what it will hold (it was blank), and a step's link brings
  // that step to the top even this near the end of the page (Train sat 470 px below it)
  await page.getByRole('link', { name: /^4 Evaluate:/ }).click();
  await expect(page.getByRole('region', { name: 'Evaluate (no run yet)' })).toBeInViewport();
  const navBottom = async () => {
    const nav = (await page.getByRole('navigation', { name: 'Steps' }).boundingBox())!;
    return nav.y + nav.height;
  };
  for (const step of ['Train', 'Evaluate']) {
    await page.getByRole('link', { name: new RegExp(`^\\d ${step}:`) }).click();
    const top = (await page.getByRole('region', { name: `Step: ${step}` }).boundingBox())!.y;
    expect(top, `${step} step's top after its link`).toBeLessThan((await navBottom()) + 40);
  }

  // a long run, stopped once the charts are live; under a schedule, so the learning rate changes and
  // has its chart (a constant rate is one line of words): all the charts must fit the screen. The most
  // epochs a run takes: its 400 one-batch epochs lasted 2.6 s here, well under a second on the
  // project's CI machine (2-3 times faster), and the progress bar measured below is there only while
  // the run is on (with the run over, its box is waited for until the test's time runs out)
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill(String(MAX_EPOCHS));
  await page.getByLabel(/Early-stopping patience/).fill('0');
  await page.getByRole('combobox', { name: 'Learning-rate schedule' }).selectOption('cosine');
  await page.getByRole('link', { name: /^3 Train/ }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // the full run under way (a head-only run with views trains a quick first model before it)
  await expect(
    page.getByRole('status').filter({ hasText: new RegExp(`Training: epoch \\d+ of ${MAX_EPOCHS}`) }),
  ).toBeVisible({ timeout: 180_000 });
  await expect(page.getByRole('figure', { name: /Accuracy per epoch, ([3-9]|\d\d+) points/ })).toBeVisible({
    timeout: 120_000,
  });
  await page.getByRole('link', { name: /^3 Train/ }).click();
  // the live charts, the staged progress and the preview share the 1280×800 screen, measured first,
  // while the run is surely on: the progress bar goes with it. About 27 training images in batches
  // of 32: each epoch is one batch, so its loss per batch is not charted again
  await onScreen(page, 'progress', await page.getByRole('progressbar', { name: 'Training progress' }).boundingBox());
  for (const name of [/Loss per epoch/, /Accuracy per epoch/, /Learning rate per epoch/]) {
    await onScreen(page, `chart ${name}`, await page.getByRole('figure', { name }).boundingBox());
  }
  await expect(page.getByRole('figure', { name: /Training loss per batch/ })).toHaveCount(0);
  await onScreen(page, 'preview', await page.getByRole('region', { name: 'Try it', exact: true }).boundingBox());
  await shot(page, testInfo, 'desktop-training');
  if (process.env.README_SCREENSHOT)
    copyFileSync(testInfo.outputPath('desktop-training.png'), resolve(import.meta.dirname, '../docs/screenshot.png'));
  await noAxeViolations(page, 'training');
  // still training (Stop is disabled once the run is over): the checks above saw the run, not its
  // results (they took 1.8 s here, to the run's epoch 253 of 1000)
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText('Training stopped', { exact: true })).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toBeVisible({ timeout: SLOW_STEP_MS });
  await noAxeViolations(page, 'results');
  await everyStep(page, testInfo, 'desktop');
  // Deploy picked at 1280×800 with a model: its downloads whole (they were cut at the window's edge),
  // the camera's Start and the end of Try it above them in the column
  await expect(page.getByRole('region', { name: 'Export', exact: true })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Start camera' })).toBeInViewport();
  await expect(page.getByRole('region', { name: 'Try it', exact: true })).toBeInViewport();

  await page.setViewportSize(PHONE);
  // nothing wider than the phone
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  // the header's controls sit apart (the project buttons ran under the backend badge at 390 px)
  await page.evaluate(() => scrollTo(0, 0));
  const header = page.getByRole('banner');
  const boxes = await header
    .locator('button, label.button-like, a.header-backend')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1))
      expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true);
  await everyStep(page, testInfo, 'phone');
  // on a phone a figure or a class name is never split across lines ("100. / 0%", "dig / it_ / 0"):
  // a table too wide scrolls sideways
  const perClass = page.getByRole('table', { name: 'Per-class validation metrics' });
  const lines = await perClass.locator('tbody td, tbody th').evaluateAll((cells) =>
    cells.map((cell) => {
      const text = document.createRange();
      text.selectNodeContents(cell);
      return `${cell.textContent}: ${new Set([...text.getClientRects()].map((r) => Math.round(r.top))).size}`;
    }),
  );
  expect(lines.filter((l) => !l.endsWith(': 1'))).toEqual([]);

  // the camera, the phone's main use
  const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
  await page.getByRole('link', { name: /^1 Data:/ }).click();
  // the class cards record in place: the Data step has no second way to the Deploy step's camera
  await expect(page.getByRole('link', { name: /camera/i })).toHaveCount(0);
  await page.getByRole('link', { name: /^5 Deploy:/ }).click();
  await expect(webcam.getByRole('button', { name: 'Start camera' })).toBeInViewport();
  // the bar says Deploy, not the Data step picked before it
  const steps = page.getByRole('navigation', { name: 'Steps' });
  await expect(steps.getByRole('link', { name: /^5 Deploy:/ })).toHaveAttribute('aria-current', 'step');
  await expect(steps.getByRole('link', { name: /^1 Data:/ })).not.toHaveAttribute('aria-current', 'step');
  await webcam.getByRole('button', { name: 'Start camera' }).click();
  await expect(webcam.getByLabel('Camera resolution')).toHaveText('640 × 480', { timeout: SLOW_STEP_MS });
  await webcam.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'phone-webcam');
  // a few frames held: what they are shows right there, the class's card being screens up the page
  const hold = webcam.getByRole('button', { name: /^Hold to record into / });
  await hold.scrollIntoViewIfNeeded();
  const { recorded } = framesRecorded(webcam);
  await holdUntil(page, hold, recorded, 3);
  const justRecorded = webcam.getByRole('list', { name: /^Frames just recorded into .*, newest first$/ });
  await expect(justRecorded.getByRole('img').first()).toBeInViewport({ timeout: SLOW_STEP_MS });
  await expect(hold).toBeInViewport();
  await shot(page, testInfo, 'phone-webcam-recorded');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await noAxeViolations(page, 'webcam');
  await page.setViewportSize(DESKTOP);
  await page.getByRole('link', { name: /^5 Deploy/ }).click();
  // on a wide screen a camera started in the Deploy column shows its image and the prediction at
  // once: the column brings them in (they sat below Try it, the downloads and the controls)
  await webcam.getByRole('button', { name: 'Stop camera' }).click();
  await webcam.getByRole('button', { name: 'Start camera' }).click();
  await expect(webcam.getByLabel('Camera resolution')).toHaveText('640 × 480', { timeout: SLOW_STEP_MS });
  await expect(webcam.getByLabel('Camera image')).toBeInViewport({ ratio: 0.95 });
  // the first live answer waits on the model's load in the worker
  await expect(webcam.getByTestId('live-label')).toBeInViewport({ timeout: SLOW_STEP_MS });
  // the answer's bars under the picture, and the record button under them, on the one screen
  await expect(webcam.getByRole('list', { name: 'Live class probabilities' })).toBeInViewport({ ratio: 1 });
  await expect(webcam.getByRole('button', { name: /^Hold to record into / })).toBeInViewport({ ratio: 1 });
  await shot(page, testInfo, 'desktop-webcam');
  await webcam.getByRole('button', { name: 'Stop camera' }).click();
});
