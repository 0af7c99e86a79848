import { expect, test, type Locator } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady, undoToast } from './fixtures';

// ImageNet's own class names, long and joined by "_": a phone showed 1.3 of their 4 matrix columns,
// "english_springe / r" broken inside the word, and no sign of a run's progress outside Train.
const CLASSES = ['english_springer', 'cassette_player', 'chain_saw', 'garbage_truck'];
const PHONE = { width: 390, height: 844 };

/** The text of each heading whose lines break anywhere but after a space, "_" or "-" (as laid out). */
function brokenInsideAWord(headings: Locator): Promise<string[]> {
  return headings.evaluateAll((cells) =>
    cells.flatMap((cell) => {
      const chars: { ch: string; top: number }[] = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // text hidden for screen readers (a numbered column's name) is not laid out in lines
        if (node.parentElement?.closest('.visually-hidden')) continue;
        for (let i = 0; i < node.textContent!.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (rect) chars.push({ ch: node.textContent![i], top: Math.round(rect.top) });
        }
      }
      const bad = chars.some((c, i) => i > 0 && c.top > chars[i - 1].top + 2 && !/[\s_-]/.test(chars[i - 1].ch));
      return bad ? [cell.textContent ?? ''] : [];
    }),
  );
}

test("phone: a run's progress shows from any step, the confusion matrix fits and its names break only between words", async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await page.setViewportSize(PHONE);
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('imagenette-imagenetval', CLASSES, 8), '8 images in garbage_truck');

  // a long run, looked at from the Data step: batches of 2, as the full model's 1000 epochs of one
  // batch took 5.9 s here, 2-3 s on the project's CI machine (2-3 times faster), about as long as the
  // looks below
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('1000');
  await page.getByLabel('Batch size').fill('2');
  await page.getByLabel(/Early-stopping patience/).fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /Training: epoch \d+ of 1000/ })).toBeVisible({
    timeout: 180_000,
  });
  await page.getByRole('link', { name: /^1 Data:/ }).click();
  const bar = page.getByRole('navigation', { name: 'Steps' });
  const progress = bar.getByTestId('step-now-train');
  await expect(progress).toBeVisible();
  // the run's share, as its Train panel's bar says it, and the stage under way said apart with its own
  // count: "epochs 75%" at epoch 14 of 1000 read as three quarters of the epochs done
  await expect(progress).toHaveText(/^Train \d+% · (first model, epoch \d+\/\d+|epoch \d+\/1000)$/);
  // a two-phase run's first model, handed over mid-run, is not the run's result
  await expect(page.getByRole('link', { name: /^4 Evaluate:/ })).toHaveAccessibleName(
    /^4 Evaluate: [\d.]+% val\. \(first model\)$/,
  );
  await expect(bar.getByTestId('step-now-data')).toHaveText('Data 4 classes · 32 images');
  // on one line, inside the phone's width
  const line = (await progress.boundingBox())!;
  expect(line.height).toBeLessThan(24);
  expect(line.x + line.width).toBeLessThanOrEqual(PHONE.width);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  // still training (Stop is disabled once the run is over): the looks above saw the run
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(progress).toHaveCount(0);

  await page.getByRole('link', { name: /^4 Evaluate:/ }).click();
  const matrix = page.getByRole('table', { name: /Confusion matrix/ });
  await matrix.scrollIntoViewIfNeeded();
  // four columns fit the phone, numbered: no sideways scrolling to find them
  await expect
    .poll(() => matrix.evaluate((table) => table.parentElement!.scrollWidth - table.parentElement!.clientWidth))
    .toBeLessThanOrEqual(0);
  await expect(page.getByRole('region', { name: /^Confusion matrix/ })).toHaveCount(0);
  for (const cell of await matrix.locator('td').all()) {
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  }
  expect(await brokenInsideAWord(matrix.locator('th'))).toEqual([]);
  // a numbered column is still named by its class, and shows the number its row heading gives it
  const number = (header: Locator) => header.locator('[aria-hidden="true"]').textContent();
  const row = await number(matrix.getByRole('rowheader', { name: 'english_springer' }));
  expect(row).toMatch(/^[1-4]$/);
  expect(await number(matrix.getByRole('columnheader', { name: 'english_springer' }))).toBe(row);
  // a cell still opens its images
  await matrix.getByRole('button', { name: /^\d+ english_springer images? predicted as english_springer$/ }).click();
  await expect(
    page.getByRole('region', { name: 'Validation images: english_springer predicted as english_springer' }),
  ).toBeVisible();

  // the per-class table is wider than the phone: words say it scrolls, and which way
  const perClass = page.getByRole('region', { name: /^Per-class validation metrics \(scrolls sideways\)/ });
  await perClass.scrollIntoViewIfNeeded();
  await expect(perClass.locator('xpath=preceding-sibling::*[1]')).toHaveText('← scroll for more columns →');
  await expect(perClass.locator('xpath=preceding-sibling::*[1]')).toBeVisible();
  expect(await brokenInsideAWord(perClass.locator('th'))).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
});

// The header's title, save state, storage line and three project buttons took 158-173 px of a
// 390 × 844 screen, above the step bar's 78 (now at most 64): Teachable Machine and Create ML keep a phone's header to
// one line. The project's actions are one menu here, each as it is on a wide screen.
test("phone: the header is one line, the project's actions one menu that downloads, starts and opens projects", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await studioReady(page, '/');
  await addFolder(
    page,
    makeDatasetFolder('imagenette-imagenetval', CLASSES.slice(0, 2), 3),
    '3 images in english_springer',
  );
  await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (6 images)', {
    timeout: SLOW_STEP_MS,
  });
  const header = page.getByRole('banner');
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(110);
  // the step bar stays on every scroll: at 78 px it took a tenth of the screen. Smaller, each link is
  // still a whole tap target (44 px wide and 40 tall at the least), its words 12 px or more.
  const steps = page.getByRole('navigation', { name: 'Steps' });
  expect((await steps.boundingBox())!.height).toBeLessThanOrEqual(64);
  await expect(steps.getByTestId('step-now-data')).toHaveText('Data 2 classes · 6 images');
  for (const link of await steps.getByRole('link').all()) {
    const box = (await link.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(40);
  }
  const fonts = await steps
    .locator('.step-name, .step-now')
    .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
  expect(Math.min(...fonts)).toBeGreaterThanOrEqual(12);
  // the wide screen's buttons are in the menu, not on the header
  await expect(header.getByRole('button', { name: 'New project' })).toHaveCount(0);
  const button = header.getByRole('button', { name: 'Project actions' });
  await expect(button).toHaveAttribute('aria-haspopup', 'menu');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  const menu = page.getByRole('menu', { name: 'Project actions' });
  const item = (name: string) => menu.getByRole('menuitem', { name });

  // the keyboard: Enter opens it on its first item, the arrows go round, Escape gives the focus back
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(menu.getByRole('menuitem')).toHaveText(['Download project (zip)', 'Open project…', 'New project']);
  await expect(item('Download project (zip)')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(item('New project')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(item('Download project (zip)')).toBeFocused();
  // the save state heads the menu, in sight
  await expect(menu.locator('xpath=..').getByTestId('save-status')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  // a press outside closes it (the menu lies over the page's top)
  await button.click();
  await expect(menu).toBeVisible();
  await page.mouse.click(PHONE.width / 2, PHONE.height - 40);
  await expect(menu).toBeHidden();

  // Download project (zip)
  await button.click();
  const [download] = await Promise.all([page.waitForEvent('download'), item('Download project (zip)').click()]);
  const zip = join(mkdtempSync(join(tmpdir(), 'studio-project-')), 'phone.zip');
  await download.saveAs(zip);

  // New project: its question, Cancel gives the focus back to the menu's button; then confirmed
  await button.click();
  await item('New project').click();
  const ask = page.getByRole('alertdialog', { name: 'Start a new project?' });
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(button).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('n');
  await expect(item('New project')).toBeFocused();
  await page.keyboard.press('Enter');
  await ask.getByRole('button', { name: 'Start new project' }).click();
  await expect(undoToast(page, 'Started a new project')).toBeVisible();
  // the focus goes where the new project starts, as the wide bar's New project hands it on
  await expect(page.getByRole('region', { name: /^Step: Data/ })).toBeFocused();
  await expect(page.getByLabel('3 images in english_springer')).toHaveCount(0);
  // an empty project has nothing to start anew or download: the items say so, and stay in the menu
  await button.click();
  await expect(item('New project')).toHaveAttribute('aria-disabled', 'true');
  await expect(item('Download project (zip)')).toHaveAttribute('aria-disabled', 'true');

  // Open project…: the browser's file chooser, from the menu
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), item('Open project…').click()]);
  await expect(menu).toBeHidden();
  await chooser.setFiles(zip);
  await expect(page.getByLabel('3 images in english_springer')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByLabel('3 images in cassette_player')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
});

test('desktop: the project bar keeps its buttons, no menu', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await studioReady(page, '/');
  const header = page.getByRole('banner');
  await expect(header.getByRole('button', { name: 'Download project (zip)' })).toBeVisible();
  await expect(header.getByText('Open project…')).toBeVisible();
  await expect(header.getByRole('button', { name: 'New project' })).toBeVisible();
  await expect(header.getByRole('button', { name: 'Project actions' })).toHaveCount(0);
});
