import { expect, test, type Locator, type Page } from '@playwright/test';
import { undoToast, studioReady } from './fixtures';
import { addSmallProject } from './train-small';

// A phone's width, and a 1280 × 1024 screen zoomed to 400%: 320 × 256 (WCAG 1.4.10, reflow)
test.use({ viewport: { width: 320, height: 640 } });

const CLASSES = ['daisy', 'dandelion', 'rose'];

/** The element's box lies across the screen's width, its 3 px ring and 2 px offset included. */
async function withinWidth(page: Page, el: Locator, ring = 5): Promise<void> {
  const box = (await el.boundingBox())!;
  const name = String(await el.getAttribute('aria-label'));
  expect(box.x - ring, name).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width + ring, name).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** Tabs from the class name to its card's Delete, as the keyboard reaches it. */
async function tabToDelete(page: Page, cls: string): Promise<Locator> {
  await page
    .getByRole('region', { name: `Class ${cls}` })
    .getByRole('textbox', { name: 'Class name' })
    .focus();
  await page.keyboard.press('Tab');
  const del = page.getByRole('button', { name: `Delete class ${cls}` });
  await expect(del).toBeFocused();
  return del;
}

/** How many px of the window's height the step bar and the undo toasts cover (what sticks or floats over the page). */
const covered = (page: Page) =>
  page.evaluate(() => {
    const seen = (el: Element | null) => {
      if (!el) return 0;
      const r = el.getBoundingClientRect();
      return Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    };
    return seen(document.querySelector('nav.steps')) + seen(document.querySelector('.undo-toasts'));
  });

test('at 320 px the class cards fit the screen, Delete in view with its ring; at 320 × 256 the bar and a toast leave half the screen', async ({
  page,
}) => {
  await studioReady(page, '/');
  await addSmallProject(page, { dataset: 'tf-flowers', classes: CLASSES, perClass: 6 });

  // a step's name is one word on one line ("Evaluat / e")
  const names = page.locator('nav.steps .step-name');
  const [data, evaluate] = [await names.nth(0).boundingBox(), await names.nth(3).boundingBox()];
  expect(evaluate!.height).toBe(data!.height);

  for (const height of [640, 256]) {
    await page.setViewportSize({ width: 320, height });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
    for (const cls of CLASSES) {
      const card = page.getByRole('region', { name: `Class ${cls}` });
      await card.scrollIntoViewIfNeeded();
      // the cards were 300 px wide in a 272 px panel: their right edge cut off at 336
      await withinWidth(page, card, 0);
      const del = await tabToDelete(page, cls);
      await withinWidth(page, del);
      // drawn where it is, not clipped by the step or its card (content-visibility clips their overflow)
      const box = (await del.boundingBox())!;
      const hit = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x, y)?.getAttribute('aria-label'),
        [box.x + box.width - 2, box.y + box.height / 2],
      );
      expect(hit).toBe(`Delete class ${cls}`);
    }
  }

  // 320 × 256: a deleted image's toast, read in the middle of the page
  const card = page.getByRole('region', { name: 'Class dandelion' });
  await card.getByRole('gridcell').first().focus();
  await page.keyboard.press('Delete');
  const toast = undoToast(page, 'Deleted 1 image from dandelion');
  await expect(toast).toBeVisible();
  await page.evaluate(() => scrollBy(0, 200));
  // sticky, the bar (96 px) and the toast (84 px) covered 70% of it
  expect(await covered(page)).toBeLessThanOrEqual(128);
  await withinWidth(page, toast, 0);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('6 images in dandelion')).toBeVisible();
});

test('in forced colours a selected image in the review looks different from the others', async ({ page }) => {
  await studioReady(page, '/');
  await addSmallProject(page, { dataset: 'tf-flowers', classes: CLASSES, perClass: 6 });
  await page.getByRole('button', { name: 'Review all 6 images of daisy' }).click();
  const review = page.getByRole('dialog', { name: /^daisy: / });
  const grid = review.getByRole('listbox', { name: 'Images of daisy' });
  await expect(grid.getByRole('option')).toHaveCount(6);
  // the dialog within the screen (it ran 4 px past its edge)
  await withinWidth(page, review, 0);
  await grid.focus();
  await page.keyboard.press('Space');
  await expect(grid.getByRole('option', { selected: true })).toHaveCount(1);

  await page.emulateMedia({ forcedColors: 'active' });
  const look = (cell: Locator) =>
    cell.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
        mark: getComputedStyle(el, '::after').content,
      };
    });
  const selected = await look(grid.getByRole('option', { selected: true }));
  const other = await look(grid.getByRole('option', { selected: false }).first());
  // both had the same 2 px border in the one text colour
  expect(selected.border).not.toBe(other.border);
  expect(parseFloat(selected.border)).toBeGreaterThan(parseFloat(other.border));
  expect(selected.mark).toContain('✓');
  expect(other.mark).toBe('none');
  // the mark is not read: the option's name stays its file's
  await expect(grid.getByRole('option', { selected: true })).toHaveAccessibleName(/\.jpg$/);
});
