import { expect, test, type Page } from '@playwright/test';
import { classImages, SLOW_STEP_MS, studioReady, TRAIN_MS } from './fixtures';

// At 390 × 844 the Training settings, opened for a run (fourteen fields under the manual recipe),
// came before Train, the run's status and its charts: they sat several screens down, before and
// after the run.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** Two classes of photos, as a phone adds them: from its photo library, one new class at a time. */
async function twoClasses(page: Page): Promise<void> {
  for (const [i, digit] of ['digit_0', 'digit_1'].entries()) {
    await page
      .getByLabel('Choose photos (for a new class)')
      .setInputFiles(classImages('sign-language-digits', digit).slice(0, 6));
    await expect(page.getByLabel(`6 images in Class ${i + 1}`)).toBeVisible({ timeout: SLOW_STEP_MS });
  }
}

/** The vertical place of an element in the page. */
const pageTop = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => el.getBoundingClientRect().top + scrollY);

test("on a phone Train and the run's status come before the training settings, which fold once a run starts", async ({
  page,
}) => {
  test.setTimeout(TRAIN_MS + 120_000);
  await studioReady(page, '/');
  await twoClasses(page);
  const train = page.getByRole('region', { name: 'Step: Train' });
  const trainButton = train.getByRole('button', { name: 'Train', exact: true });
  const settings = train.locator('details.settings');
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('link', { name: /^3 Train:/ })
    .tap();
  await train.getByText('Training settings').tap();
  await train.getByLabel('Head recipe').selectOption('manual');
  await train.getByLabel('Epochs').fill('3');
  await train.getByLabel('Augmented views per image').fill('0');
  // Train right under the step's title, the open settings after it
  expect(await pageTop(page, '.run-train')).toBeLessThan(await pageTop(page, 'details.settings'));
  await expect(trainButton).toBeInViewport();
  await trainButton.tap();
  // the run's charts come right after the folded settings
  await expect(settings).not.toHaveAttribute('open');
  const status = train.getByRole('status').filter({ hasText: /^Training finished/ });
  await expect(status).toBeVisible({ timeout: TRAIN_MS });
  // still folded after the run, the status and Train on the step's first screen
  await expect(settings).not.toHaveAttribute('open');
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('link', { name: /^3 Train:/ })
    .tap();
  await expect(trainButton).toBeInViewport({ ratio: 1 });
  await expect(status).toBeInViewport();
  // one tap opens them again, every field named as before
  await train.getByText('Training settings').tap();
  await expect(train.getByLabel('Epochs')).toHaveValue('3');
  await expect(train.getByLabel('Head recipe')).toBeVisible();

  // a wide window keeps the settings first: it has room for them above Train
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await pageTop(page, 'details.settings')).toBeLessThan(await pageTop(page, '.run-train'));
  // the fields kept as they were (the two parts traded places, neither was made anew)
  await expect(settings).toHaveAttribute('open');
  await expect(train.getByLabel('Epochs')).toHaveValue('3');
});
