import { expect, test, type Page } from '@playwright/test';
import { LONG_TEST_MS, studioReady, TRAIN_MS } from './fixtures';
import { addSmallProject } from './train-small';

/** Where the focused control is in the window, and where the sticky header ends. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement!;
    const box = el.getBoundingClientRect();
    return {
      name: el.textContent?.trim(),
      top: box.top,
      bottom: box.bottom,
      header: document.querySelector('.chrome')!.getBoundingClientRect().bottom,
      window: innerHeight,
    };
  });

/** The focused control is `name`, all of it in the window and none of it under the header. */
async function inSight(page: Page, name: string): Promise<void> {
  await expect
    .poll(async () => {
      const f = await focused(page);
      return { name: f.name, belowHeader: f.top >= f.header, aboveBottom: f.bottom <= f.window };
    })
    .toEqual({ name, belowHeader: true, aboveBottom: true });
}

for (const [width, height] of [
  [1280, 800],
  [390, 844],
])
  test(`at ${width}×${height}, Train pressed from the keyboard: Stop, then Train, stay in sight as the settings fold and open`, async ({
    page,
  }) => {
    test.setTimeout(LONG_TEST_MS);
    await page.setViewportSize({ width, height });
    await studioReady(page, '/');
    await addSmallProject(page, { classes: ['digit_0', 'digit_1', 'digit_2'], perClass: 6 });
    const settings = page.locator('details.settings');
    await settings.locator('summary').click();
    // a run long enough to look at Stop, with the settings open above Train
    await page.getByLabel('Head recipe').selectOption('manual');
    await page.getByLabel('Epochs').fill('150');
    await page.getByLabel('Augmented views per image').fill('0');
    await page.getByRole('button', { name: 'Train', exact: true }).focus();
    await page.keyboard.press('Enter');

    // the run folds the settings above Stop: it stays in sight, clear of the header, once the run's
    // locks have all been drawn (a frame apart)
    await expect(settings).not.toHaveAttribute('open');
    await inSight(page, 'Stop');
    await page.waitForTimeout(1000);
    await inSight(page, 'Stop');

    // the run's end opens them again above Train, which takes the focus
    await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
    await expect(settings).toHaveAttribute('open');
    await inSight(page, 'Train');
    await page.waitForTimeout(1000);
    await inSight(page, 'Train');
  });
