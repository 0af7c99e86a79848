import { expect, test, type Locator, type Page } from '@playwright/test';
import { noAxeViolations } from './axe';
import { addFolder, makeDatasetFolder, SLOW_STEP_MS, studioReady, undoToast } from './fixtures';

/** A project of two classes, one of them deleted: its toast is up (held under the pointer when `hold`). */
async function deletedClass(page: Page, hold = false): Promise<Locator> {
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_2'], 4), '4 images in digit_2');
  await page.getByRole('button', { name: 'Delete class digit_2' }).click();
  const toast = undoToast(page, 'Deleted class digit_2 (4 images)');
  await expect(toast).toBeVisible();
  // the pointer on it keeps its undo from running out while it is looked at
  if (hold) await toast.hover();
  return toast;
}

/** Relative luminance of an element's computed colour. */
const luminance = (locator: Locator, prop: 'backgroundColor' | 'color') =>
  locator.evaluate((el, p) => {
    const css = getComputedStyle(el)[p];
    const [r, g, b] = css.match(/\d+(\.\d+)?/g)!.map(Number);
    const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }, prop);

test.describe('on a phone', () => {
  // a phone's width (a touch phone offers photos, not folders: the folder picker of the desktop is used here)
  test.use({ viewport: { width: 390, height: 844 } });

  test("the toast is as wide as its words allow, centred; a new project puts the old project's toasts away until it is back", async ({
    page,
  }) => {
    const toast = await deletedClass(page);
    const box = (await toast.boundingBox())!;
    // squeezed to half the screen, it read a word a line
    expect(box.width).toBeGreaterThan(300);
    expect(box.x).toBeGreaterThanOrEqual(11);
    expect(Math.abs(box.x - (390 - box.x - box.width))).toBeLessThanOrEqual(2);

    // a phone's header holds the project's actions in one menu
    await page.getByRole('button', { name: 'Project actions' }).click();
    await page.getByRole('menuitem', { name: 'New project' }).click();
    await page
      .getByRole('alertdialog', { name: 'Start a new project?' })
      .getByRole('button', { name: 'Start new project' })
      .click();
    await expect(page.getByText('0 classes, 0 images')).toBeVisible();
    // its Undo could only fail in the new project: it is not offered there
    await expect(undoToast(page, 'Started a new project')).toBeVisible();
    await expect(toast).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Undo' }).getByRole('group')).toHaveCount(1);
    await undoToast(page, 'Started a new project').getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByLabel('4 images in digit_1')).toBeVisible({ timeout: SLOW_STEP_MS });
    // its project back, so is its toast, and its Undo works
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByLabel('4 images in digit_2')).toBeVisible({ timeout: SLOW_STEP_MS });
    await expect(toast).toHaveCount(0);
  });
});

test.describe('in the dark scheme', () => {
  test.use({ colorScheme: 'dark' });

  test('the toast stands apart from the panels and stays axe clean; in forced colours it keeps an outline', async ({
    page,
  }) => {
    const toast = await deletedClass(page, true);
    const panel = page.getByRole('region', { name: 'Step: Data' }).locator('.panel').first();
    // the panels are dark: the toast is not (it was the panels' colour within a shade)
    expect(await luminance(panel, 'backgroundColor')).toBeLessThan(0.05);
    expect(await luminance(toast, 'backgroundColor')).toBeGreaterThan(0.5);
    expect(await luminance(toast, 'color')).toBeLessThan(0.05);
    await noAxeViolations(page, 'dark scheme, an undo toast up');

    await page.emulateMedia({ forcedColors: 'active' });
    const edge = await toast.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        width: s.borderTopWidth,
        color: s.borderTopColor,
        canvas: getComputedStyle(document.body).backgroundColor,
      };
    });
    expect(edge.width).toBe('1px');
    expect(edge.color).not.toBe(edge.canvas);
    expect(edge.color).not.toBe('rgba(0, 0, 0, 0)');
  });
});

test("on a desktop the newest toast shows Alt+Z beside its Undo, which the key reaches; older toasts don't", async ({
  page,
}) => {
  await studioReady(page, '/');
  await addFolder(
    page,
    makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_2', 'digit_3'], 4),
    '4 images in digit_3',
  );
  await page.getByRole('button', { name: 'Delete class digit_3' }).click();
  await page.getByRole('button', { name: 'Delete class digit_2' }).click();
  const older = undoToast(page, 'Deleted class digit_3 (4 images)');
  const newest = undoToast(page, 'Deleted class digit_2 (4 images)');
  await newest.hover();
  // only screen readers heard of it (aria-keyshortcuts): now it is on screen, and in the Undo's tooltip
  await expect(newest.getByText('Alt+Z', { exact: true })).toBeVisible();
  await expect(older.getByText('Alt+Z', { exact: true })).toHaveCount(0);
  const undo = newest.getByRole('button', { name: 'Undo' });
  await expect(undo).toHaveAttribute('title', /Alt\+Z/);
  await expect(undo).toHaveAttribute('aria-keyshortcuts', /Alt\+Z/);
  const hint = (await newest.getByText('Alt+Z', { exact: true }).boundingBox())!;
  const button = (await undo.boundingBox())!;
  // beside the Undo, on its row
  expect(hint.x).toBeGreaterThan(button.x + button.width - 1);
  expect(Math.abs(hint.y + hint.height / 2 - (button.y + button.height / 2))).toBeLessThanOrEqual(3);

  await page.getByRole('button', { name: 'Add class' }).focus();
  await page.keyboard.press('Alt+z');
  await expect(undo).toBeFocused();
});
