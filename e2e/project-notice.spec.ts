import { expect, test, type Page } from '@playwright/test';
import { downloadProject, LONG_TEST_MS, SLOW_STEP_MS, studioReady } from './fixtures';
import { trainSmallProject } from './train-small';

/**
 * A project zip's outcome ("Project zip written: …", "Opened x.zip: …") was a strip in the header's
 * flow: it grew the header (36 px, 55 on a phone), moved the step bar and the page, and stayed for
 * minutes. And a model opened from a project zip was named by the time it was downloaded.
 */
const chromeHeight = async (page: Page) => (await page.locator('.chrome').boundingBox())!.height;
const notice = (page: Page, text: RegExp) =>
  page.locator('header .project-bar p[role="status"]').filter({ hasText: text });
const shown = async (page: Page, text: RegExp) =>
  (await notice(page, text).getAttribute('class')) === 'hint bar-notice';
const WRITTEN = /^Project zip written: 0 images/;

/**
 * The studio with one new class, on the page's own clock: the notice's seconds pass at once
 * (fastForward), not in the suite's time.
 */
async function oneClassOnClock(page: Page): Promise<void> {
  test.setTimeout(LONG_TEST_MS);
  await page.clock.install();
  await studioReady(page, '/');
  await page.getByRole('button', { name: 'Add class' }).click();
}

test("a zip's outcome floats over the page without moving it, and goes after a few seconds unless pointed at", async ({
  page,
}) => {
  await oneClassOnClock(page);
  await page.getByRole('textbox', { name: 'Class name' }).last().fill('ripe tomatoes');
  const before = await chromeHeight(page);
  const steps = (await page.getByRole('navigation', { name: /steps/i }).boundingBox())!.y;
  await downloadProject(page, 'notice.zip');
  const written = WRITTEN;
  await expect(notice(page, written)).toBeVisible();
  expect(await shown(page, written)).toBe(true);
  // over the page: the header and the step bar stay where they were
  expect(await chromeHeight(page)).toBe(before);
  expect((await page.getByRole('navigation', { name: /steps/i }).boundingBox())!.y).toBe(steps);
  // the pointer on it holds it past its time
  await notice(page, written).hover();
  await page.clock.fastForward(9_000);
  expect(await shown(page, written)).toBe(true);
  // then it goes, still in the page for screen readers, and the header never moved
  await page.mouse.move(10, 700);
  await expect.poll(() => shown(page, written)).toBe(true);
  await page.clock.fastForward(9_000);
  await expect.poll(() => shown(page, written)).toBe(false);
  await expect(notice(page, written)).toHaveClass('visually-hidden');
  expect(await chromeHeight(page)).toBe(before);
});

test("a keyboard user still at the project bar keeps the zip's outcome; leaving the bar lets it go", async ({
  page,
}) => {
  await oneClassOnClock(page);
  const download = page.getByRole('button', { name: 'Download project (zip)' });
  // the bar counts the new class a beat later (deferred): focus() on the still-disabled button did
  // nothing, and Enter on the page waited the test's ten minutes for a download in a CI run
  await expect(download).toBeEnabled();
  await download.focus();
  await expect(download).toBeFocused();
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: SLOW_STEP_MS }),
    page.keyboard.press('Enter'),
  ]);
  expect(file.suggestedFilename()).toMatch(/\.zip$/);
  const written = WRITTEN;
  await expect(notice(page, written)).toBeVisible();
  // the notice has nothing to focus: the keyboard's place in the bar holds it past its time
  await page.clock.fastForward(9_000);
  expect(await shown(page, written)).toBe(true);
  await expect(download).toBeFocused();
  // on to the project's classes: it goes
  await page.getByRole('textbox', { name: 'Class name' }).first().focus();
  await page.clock.fastForward(9_000);
  await expect.poll(() => shown(page, written)).toBe(false);
  await expect(notice(page, written)).toHaveClass('visually-hidden');
});

test('a model opened from a project zip is named by when it was trained, not when the zip was written or opened', async ({
  page,
  browser,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await page.clock.setFixedTime(new Date(2026, 0, 5, 10, 0, 0));
  await studioReady(page, '/');
  await trainSmallProject(page, { classes: ['digit_1', 'digit_7'], perClass: 6, epochs: 3 });
  await expect(page.getByTestId('model-in-use')).toContainText('Model: trained here (2 classes)');
  // written five minutes later
  await page.clock.setFixedTime(new Date(2026, 0, 5, 10, 5, 0));
  const zipPath = await downloadProject(page, 'timed.zip');
  await expect(page.getByText(/Project zip written: 12 images, the model with its results/)).toBeVisible({
    timeout: SLOW_STEP_MS,
  });

  const fresh = await (await browser.newContext()).newPage();
  await fresh.clock.setFixedTime(new Date(2026, 0, 5, 10, 7, 0));
  await studioReady(fresh, '/');
  await fresh.getByLabel('Open a project zip').setInputFiles(zipPath);
  await expect(fresh.getByText(/Opened timed\.zip: 2 classes, 12 images, its model/)).toBeVisible({
    timeout: SLOW_STEP_MS,
  });
  await expect(fresh.getByTestId('model-in-use')).toContainText(/Model: trained today at 10:00/, {
    timeout: SLOW_STEP_MS,
  });
  await fresh.context().close();
});
