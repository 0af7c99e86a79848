import { expect, test } from '@playwright/test';
import { makeDatasetFolder, SLOW_STEP_MS, studioReady } from './fixtures';

const CLASSES = ['buildings', 'forest', 'glacier'];

test('the thumbnails on screen are drawn together, not a row per beat, and stay drawn while the health check runs', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // per class card, each change of its thumbnails as the page saw it: pictures added, pictures taken away;
  // and whether the health check's progress bar was shown (the check of 90 small images took 1.4 s
  // here, about half a second on the project's CI machine: it could end before a look from the test)
  await page.addInitScript(() => {
    const w = window as unknown as {
      thumbChanges: { grid: string; added: number; removed: number }[];
      sawHealthCheck: boolean;
    };
    w.thumbChanges = [];
    w.sawHealthCheck = false;
    new MutationObserver((records) => {
      const by = new Map<string, { added: number; removed: number }>();
      const count = (nodes: NodeList) =>
        [...nodes].filter((n) => n instanceof Element && n.matches('.thumb-cell')).length;
      const checking = document.querySelector('progress[aria-label="Dataset health check"]');
      if (checking?.checkVisibility()) w.sawHealthCheck = true;
      for (const r of records) {
        const grid = (r.target as Element).closest?.('.thumbs-grid')?.getAttribute('aria-label');
        if (!grid) continue;
        const seen = by.get(grid) ?? { added: 0, removed: 0 };
        seen.added += count(r.addedNodes);
        seen.removed += count(r.removedNodes);
        by.set(grid, seen);
      }
      for (const [grid, seen] of by) if (seen.added || seen.removed) w.thumbChanges.push({ grid, ...seen });
    }).observe(document, { subtree: true, childList: true });
  });
  const folder = makeDatasetFolder('intel-scenes', CLASSES, 30);
  await studioReady(page, '/');
  await page.getByLabel('Add folders…').setInputFiles(folder);
  await expect(page.getByText('3 classes, 90 images')).toBeVisible({ timeout: SLOW_STEP_MS });
  const first = page.getByRole('grid', { name: 'Images in buildings' });
  await expect(first).toBeInViewport();
  await expect(first.locator('img')).toHaveCount(24, { timeout: SLOW_STEP_MS });

  // A card on screen: its rows join as their pictures come in, several in a beat. They came a row of
  // 6 a beat, every card near the screen taking turns, so the 4 rows of the card in view took 4 beats
  // (one row each), 6 of 24 drawn well after the adding was over.
  const changes = () =>
    page.evaluate(
      () => (window as unknown as { thumbChanges: { grid: string; added: number; removed: number }[] }).thumbChanges,
    );
  const joins = (await changes()).filter((c) => c.grid === 'Images in buildings' && c.added > 0);
  expect(joins.reduce((n, c) => n + c.added, 0)).toBe(24);
  expect(joins.length).toBeLessThan(4);

  // The health check: no picture drawn goes back to a placeholder while it runs.
  const before = (await changes()).length;
  await page.evaluate(() => ((window as unknown as { sawHealthCheck: boolean }).sawHealthCheck = false));
  await page.getByRole('button', { name: 'Check dataset health' }).click();
  // its end said in words; its progress bar shown meanwhile, and gone
  await expect(page.getByText(/^Checked \d+ images: /)).toBeVisible({ timeout: SLOW_STEP_MS });
  expect(await page.evaluate(() => (window as unknown as { sawHealthCheck: boolean }).sawHealthCheck)).toBe(true);
  await expect(page.getByRole('progressbar', { name: 'Dataset health check' })).toHaveCount(0);
  const during = (await changes()).slice(before);
  expect(during.filter((c) => c.removed > 0)).toEqual([]);
  for (const name of CLASSES)
    await expect(page.getByRole('grid', { name: `Images in ${name}` }).locator('img')).toHaveCount(24);
});
