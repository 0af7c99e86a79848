import { expect, test, type Locator } from '@playwright/test';
import { studioReady } from './fixtures';
import { phoneReviewOf12 } from './phone-review';

// At 390 × 844 the review's four actions took two rows of 32 px buttons (three with Select all), and
// an empty project's "Check the data" card took seven lines to say what it will do one day.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** WCAG "label in name": what a control shows starts its accessible name, so a spoken command finds it. */
async function labelInName(control: Locator, name: string): Promise<void> {
  const shown = (await control.evaluate((el) => (el as HTMLElement).innerText)).replace(/\s+/g, ' ').trim();
  expect(shown.length).toBeGreaterThan(0);
  expect(name.startsWith(shown)).toBe(true);
}

test("on a phone the review's actions sit on one row of finger-sized controls, each still named in full", async ({
  page,
}) => {
  const dialog = await phoneReviewOf12(page);
  const options = dialog.getByRole('listbox', { name: 'Images of Class 1' }).getByRole('option');
  await options.nth(1).tap();
  await expect(dialog.getByTestId('review-selected')).toHaveText('1 selected');

  const names = ['Move 1 selected', 'Delete 1 selected', 'Open large'];
  const actions = [
    dialog.getByLabel('Move selected images to'),
    ...names.map((name) => dialog.getByRole('button', { name, exact: true })),
  ];
  const boxes = await Promise.all(actions.map(async (a) => (await a.boundingBox())!));
  for (const box of boxes) {
    expect(Math.abs(box.y - boxes[0].y)).toBeLessThanOrEqual(2);
    expect(box.height).toBeGreaterThanOrEqual(40);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  for (const [k, name] of names.entries()) await labelInName(actions[k + 1], name);
  // the count the buttons no longer show is said beside them
  await expect(dialog.getByTestId('review-selected')).toBeInViewport();
  // the images still start in the top half of the screen
  expect((await options.first().boundingBox())!.y).toBeLessThan(844 / 2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // and each still does its work: Delete removes the selected image
  await actions[2].tap();
  await expect(dialog.getByRole('heading')).toHaveText('Class 1: 11 images');
});

test('on a phone an empty project\'s "Check the data" card is one line, what it will check a tap away', async ({
  page,
}) => {
  await studioReady(page, '/');
  const card = page.getByRole('region', { name: 'Check the data' });
  await card.scrollIntoViewIfNeeded();
  // its heading and one line (the seven-line paragraph made it 218 px tall)
  expect((await card.boundingBox())!.height).toBeLessThanOrEqual(120);
  const words = card.getByText(/identical and nearly identical images, copies on both sides/);
  await expect(words).toBeHidden();
  const more = card.getByText('Finds problems in your images');
  expect((await more.boundingBox())!.height).toBeGreaterThanOrEqual(40);
  await more.tap();
  await expect(words).toBeVisible();
  await expect(card.getByTestId('insight-empty')).toContainText(
    'unreadable files, small or imbalanced classes. Extra copies and unreadable files are removed in a press. A feature map shows how well the classes separate.',
  );
});
