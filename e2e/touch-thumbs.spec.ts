import { expect, test } from '@playwright/test';
import { classImages, SLOW_STEP_MS, studioReady } from './fixtures';

// On a touch screen a thumbnail's × is the only way to remove one photo (no hover shows it, no
// keyboard's Delete): it shows on every thumbnail, is a finger's size to hit and hides little of
// the picture.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test("on a touch screen every thumbnail's × shows, is at least 32 × 32 px, covers little of its picture and removes it with a tap", async ({
  page,
}) => {
  await studioReady(page, '/');
  await page
    .getByLabel('Choose photos (for a new class)')
    .setInputFiles(classImages('sign-language-digits', 'digit_3').slice(0, 9));
  await expect(page.getByLabel('9 images in Class 1')).toBeVisible({ timeout: SLOW_STEP_MS });
  const grid = page.getByRole('grid', { name: 'Images in Class 1' });
  await expect(grid.getByRole('img')).toHaveCount(9, { timeout: SLOW_STEP_MS });
  const names = (await grid.getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('alt')))) as string[];

  await grid.scrollIntoViewIfNeeded();
  const facts = await grid.getByRole('gridcell').evaluateAll((cells) =>
    cells.map((cell) => {
      const x = cell.querySelector('button')!;
      const b = x.getBoundingClientRect();
      const p = cell.querySelector('img')!.getBoundingClientRect();
      const w = Math.max(0, Math.min(b.right, p.right) - Math.max(b.left, p.left));
      const h = Math.max(0, Math.min(b.bottom, p.bottom) - Math.max(b.top, p.top));
      // what a finger lands on at the target's edges: the × itself, not a neighbouring thumbnail
      const at = (px: number, py: number) => x.contains(document.elementFromPoint(px, py));
      return {
        opacity: getComputedStyle(x).opacity,
        width: b.width,
        height: b.height,
        covered: (w * h) / (p.width * p.height),
        hit: at(b.left + 1, b.top + 1) && at(b.right - 1, b.bottom - 1) && at(b.right - 1, b.top + 1),
      };
    }),
  );
  expect(facts).toHaveLength(9);
  for (const f of facts) {
    expect(f.opacity).toBe('1');
    expect(f.width).toBeGreaterThanOrEqual(32);
    expect(f.height).toBeGreaterThanOrEqual(32);
    // the target overlaps at most a quarter of its 56-px picture (a 32-px square inside it: a third)
    expect(f.covered).toBeLessThanOrEqual(0.25);
    expect(f.hit).toBe(true);
  }

  await grid.getByRole('button', { name: `Remove ${names[4]}` }).tap();
  await expect(page.getByLabel('8 images in Class 1')).toBeVisible();
  await expect(grid.getByRole('img', { name: names[4] })).toHaveCount(0);
  await expect(
    page.getByRole('region', { name: 'Undo' }).getByRole('group').filter({ hasText: 'Deleted 1 image' }),
  ).toBeVisible();
});
