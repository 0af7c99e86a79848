import { expect, test } from '@playwright/test';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  addFolder,
  classImages,
  LONGER_TEST_MS,
  makeDatasetFolder,
  SLOW_STEP_MS,
  studioReady,
  textOf,
  TRAIN_MS,
  undoToast,
} from './fixtures';
import { trainSmallProject } from './train-small';

const CLASSES = ['digit_0', 'digit_1', 'digit_2'];

test('health finds a planted duplicate, the matrix opens its images, a relabel retrains from the cache', async ({
  page,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  const folder = makeDatasetFolder('sign-language-digits', CLASSES, 12);
  // the same bytes under another name in another class
  const original = readdirSync(join(folder, 'digit_0')).sort()[0];
  copyFileSync(join(folder, 'digit_0', original), join(folder, 'digit_1', 'planted-copy.jpg'));

  await studioReady(page, '/');
  await addFolder(page, folder, '13 images in digit_1');

  // Health: the exact duplicate is shown as its two pictures, each with its file and class, with its fix.
  await page.getByRole('button', { name: 'Check dataset health' }).click();
  const health = page.getByRole('region', { name: 'Dataset health' });
  const dup = health.getByRole('listitem').filter({ hasText: 'Identical files' });
  await expect(dup).toContainText('Identical files (the same picture more than once).', { timeout: SLOW_STEP_MS });
  for (const [name, className] of [
    [original, 'digit_0'],
    ['planted-copy.jpg', 'digit_1'],
  ]) {
    const picture = dup.getByRole('img', { name, exact: true });
    await expect(picture).toBeVisible();
    // a picture, not a placeholder named for it
    await expect
      .poll(() => picture.evaluate((el) => (el instanceof HTMLImageElement ? el.naturalWidth : 0)))
      .toBeGreaterThan(0);
    await expect(dup.getByRole('figure').filter({ has: page.getByRole('img', { name, exact: true }) })).toContainText(
      className,
    );
  }
  // copies in two classes: which label is right is the person's to say, a button per class (one fix
  // kept the first class's copy), each described by its finding
  await expect(dup.getByRole('group', { name: 'Which class is right?' }).getByRole('button')).toHaveText([
    'Keep in digit_0',
    'Keep in digit_1',
  ]);
  const keep = dup.getByRole('button', { name: 'Keep in digit_0' });
  await expect(keep).toHaveAccessibleDescription(/Identical files.*planted-copy\.jpg/);
  // fixed from the keyboard: the finding goes, and the focus with it to the next fix or the check
  await keep.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('12 images in digit_1')).toBeVisible();
  await expect(health.getByText('Identical files')).toHaveCount(0);
  await expect(
    health
      .getByRole('button')
      .or(page.getByRole('button', { name: 'Check dataset health' }))
      .and(page.locator(':focus')),
  ).toHaveCount(1);
  // the fix's undo brings the image back, and the finding with it; fixed again, dismissing its undo
  // makes the deletion final (until then its cached features are kept for the undo)
  await undoToast(page, 'Deleted 1 image from digit_1').getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByLabel('13 images in digit_1')).toBeVisible();
  await keep.click();
  await expect(health.getByText('Identical files')).toHaveCount(0);
  await page.getByRole('button', { name: /^Dismiss: Deleted 1 image from digit_1/ }).click();

  // Feature map from the same cached features, asked for from the keyboard: the button waits
  // without losing the focus (a disabled one dropped it to the page)
  const showMap = page.getByRole('button', { name: 'Show feature map' });
  await showMap.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('figure', { name: /Feature map, 36 images in 3 classes/ })).toBeVisible({
    timeout: SLOW_STEP_MS,
  });
  // the map's chart code loads on first use (ui/chart-frame.tsx): its points are drawn
  await expect(
    page
      .getByRole('figure', { name: /Feature map/ })
      .locator('.recharts-scatter-symbol')
      .first(),
  ).toBeVisible();
  await expect(showMap).toBeFocused();
  // what hovering the points finds, in words: the images nearer another class, or that there are none
  await expect(page.getByTestId('map-strays')).toContainText(
    /^(\d+ images? sits? nearer another class's centre on this map|Every image sits nearer its own class's centre)/,
  );
  // and, where some do, the two classes it mixes most, in a sentence
  if (await page.getByTestId('map-strays').getByRole('list').count())
    await expect(page.getByTestId('map-verdict')).toHaveText(
      /^Most mixed: "digit_\d" and "digit_\d" \(\d+ images? nearer the other's centre\)\. The model is likeliest to confuse these two/,
    );
  else await expect(page.getByTestId('map-verdict')).toHaveCount(0);

  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('8');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const results = page.getByRole('region', { name: 'Evaluate', exact: true });
  await expect(results).toContainText('30 training and 6 validation images', { timeout: TRAIN_MS });
  // the health check already extracted every image: only the 2 augmented views of the 30
  // training images go through the backbone
  await expect(results).toContainText('features extracted in 60 backbone passes');
  // the removed duplicate left the worker's cache too: one entry per remaining image and view
  await expect(page.getByTestId('memory')).toContainText('(96 entries)');

  // A confusion-matrix cell opens its validation images (a small project's matrix shows without a click).
  const cell = page.getByRole('button', { name: /^\d+ digit_0 images? predicted as digit_0$/ });
  const n = Number(await cell.innerText());
  expect(n).toBeGreaterThan(0);
  await cell.click();
  const gallery = page.getByRole('region', { name: 'Validation images: digit_0 predicted as digit_0' });
  await expect(gallery.getByRole('img')).toHaveCount(n, { timeout: SLOW_STEP_MS });
  // they open below the matrix: the first of them is brought into view, the focus stays on the cell
  await expect(gallery.getByRole('img').first()).toBeInViewport();
  await expect(cell).toBeFocused();
  // a screen reader hears where they went, and how to close them: Escape, the keyboard back on the cell
  await expect(results.getByRole('status').filter({ hasText: 'shown below the matrix' })).toHaveText(
    `${n} digit_0 image${n === 1 ? '' : 's'} predicted as digit_0 shown below the matrix. Escape closes them.`,
  );
  await page.keyboard.press('Escape');
  await expect(gallery).toHaveCount(0);
  await expect(cell).toHaveAttribute('aria-pressed', 'false');
  await expect(cell).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(gallery.getByRole('img')).toHaveCount(n, { timeout: SLOW_STEP_MS });
  const alt = (await gallery.getByRole('img').first().getAttribute('alt'))!;
  expect(alt).toMatch(/\.jpg \(digit_0\)$/);
  const file = alt.replace(/ \(digit_0\)$/, '');

  // Relabel it (three classes: each other class is a button): it moves to digit_1 and keeps its cached features.
  await gallery.getByRole('button', { name: `Move to digit_1: ${file}` }).click();
  await expect(page.getByLabel('11 images in digit_0')).toBeVisible();
  await expect(page.getByLabel('13 images in digit_1')).toBeVisible();
  await expect(gallery).toContainText('moved to digit_1 · train again to update the results');
  // the health report and the feature map were made on the images as they were: both say so
  await expect(page.getByTestId('health-stale')).toBeVisible();
  await expect(page.getByTestId('map-stale')).toBeVisible();
  // undone, the image is where the last run saw it: its mark goes; moved again, it comes back
  await undoToast(page, 'Moved 1 image to digit_1').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('12 images in digit_0')).toBeVisible();
  await expect(gallery).not.toContainText('train again');
  // and the report and the map hold again
  await expect(page.getByTestId('health-stale')).toHaveCount(0);
  await expect(page.getByTestId('map-stale')).toHaveCount(0);
  await gallery.getByRole('button', { name: `Move to digit_1: ${file}` }).click();
  await expect(page.getByLabel('11 images in digit_0')).toBeVisible();
  await expect(gallery).toContainText('moved to digit_1 · train again to update the results');
  await expect(page.getByRole('grid', { name: 'Images in digit_1' }).getByRole('img', { name: file })).toBeVisible();

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // 13 images in digit_1 now give it 3 validation images (2 + 3 + 2)
  await expect(results).toContainText('29 training and 7 validation images', { timeout: TRAIN_MS });
  // every plain feature is reused; only images the new split moved into training need their
  // augmented views (2 each), never the whole set again
  await expect(results).toContainText(/features (reused from the cache|extracted in \d+ backbone passes)/);
  const passes = /features extracted in (\d+) backbone passes/.exec(await textOf(results));
  expect(passes === null || Number(passes[1]) <= 2 * 7).toBe(true);
  // both runs side by side
  const runs = page.getByRole('table', { name: 'Runs of this project' });
  await expect(runs.locator('tbody tr')).toHaveCount(2);
  await expect(runs.locator('tbody tr').nth(1)).toContainText('head only');
  await expect(runs.locator('tbody tr').nth(1).locator('td').nth(2)).toHaveText(/^\d+(\.\d)?%$/);
  const accuracy = page.getByRole('figure', { name: 'Validation accuracy per epoch, 2 runs' });
  await expect(accuracy).toBeVisible();
  // its axis reads in %, as the results do: 0% to 100%, not 0 to 1
  const ticks = accuracy.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(ticks.last()).toHaveText('100%');
  await expect(ticks.first()).toHaveText('0%');
  for (const tick of await ticks.allTextContents()) expect(tick).toMatch(/^\d+%$/);
  await page.getByLabel('Compare').selectOption('Validation loss');
  await expect(page.getByRole('figure', { name: 'Validation loss per epoch, 2 runs' })).toBeVisible();
  await expect(
    page.getByRole('figure', { name: 'Validation loss per epoch, 2 runs' }).locator('path.recharts-curve'),
  ).toHaveCount(2);
  // the comparison's points in words too: one column per run, one row per epoch
  await page.locator('summary', { hasText: 'Values of Validation loss per epoch, every run' }).press('Enter');
  const values = page.getByRole('table', { name: 'Validation loss per epoch, every run: values' });
  await expect(values.getByRole('columnheader', { name: 'run 2' })).toBeVisible();
  await expect(values.locator('tbody tr').first().getByRole('rowheader')).toHaveText('1');
  // a loss stays a number, on the axis and in the values
  await expect(values.locator('tbody tr').first().locator('td').first()).toHaveText(/^\d+(\.\d+)?(e-\d+)?$/);
  await expect(
    page
      .getByRole('figure', { name: 'Validation loss per epoch, 2 runs' })
      .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .last(),
  ).toHaveText(/^\d+(\.\d+)?$/);
  // back on accuracy, the values (still open) read in % too
  await page.getByLabel('Compare').selectOption('Validation accuracy');
  const accuracyValues = page.getByRole('table', { name: 'Validation accuracy per epoch, every run: values' });
  await expect(accuracyValues.locator('tbody tr').first().locator('td').first()).toHaveText(/^\d+(\.\d)?%$/);
  await expect(runs.getByRole('rowheader', { name: '2', exact: true })).toBeVisible();
  // the next run's results show the matrix open too
  const matrix = page.getByRole('table', { name: /Confusion matrix/ });
  await expect(matrix).toBeVisible();
  const row = await matrix.locator('tbody tr').nth(1).locator('td').allInnerTexts();
  expect(row.map(Number).reduce((a, b) => a + b, 0)).toBe(3);
  await expect(
    page.getByText(
      /^(Most confident mistakes \(\d+ wrong validation images?\)|Every validation image was classified correctly\.)$/,
    ),
  ).toBeVisible();
  // the run history is saved with the project
  await page.reload();
  await expect(page.getByRole('table', { name: 'Runs of this project' }).locator('tbody tr')).toHaveCount(2, {
    timeout: SLOW_STEP_MS,
  });
});

test("a top loss leads with its label and the model's answer; a weak model's sure answer is not marked as the fix; one press moves it, Undo takes it back, and a label found right is checked off", async ({
  page,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  // flowers alike enough that a few validation images are always predicted wrong
  await trainSmallProject(page, {
    dataset: 'tf-flowers',
    classes: ['rose', 'tulip', 'daisy', 'sunflower'],
    perClass: 10,
  });
  // a handful of mistakes starts open, more wait behind their summary
  const mistakes = page.locator('summary', { hasText: 'Most confident mistakes' });
  const wrong = Number(/\((?:\d+ of )?(\d+) wrong/.exec((await mistakes.textContent())!)![1]);
  await expect(page.locator('details', { has: mistakes })).toHaveJSProperty('open', wrong <= 3);
  if (wrong > 3) await mistakes.click();
  const tiles = page.getByRole('list', { name: 'Most confidently wrong validation images' }).getByRole('listitem');
  await expect(tiles.first()).toBeVisible();
  // the mark only where the model is sure (80%+) and gives the label little (under 20%): a
  // correctly labelled image it was merely unsure of has its moves unmarked
  const lead = /^(\w+) → (\w+) · (\d+)%$/;
  const sureness: [number, number][] = [];
  for (const one of await tiles.all()) {
    const said = one.locator('.tile-said');
    const [, label, predicted, sure] = lead.exec(await said.locator('[aria-hidden="true"]').innerText())!;
    // heard as a sentence
    await expect(said.locator('.visually-hidden')).toHaveText(
      `labelled ${label}, the model said ${predicted} (${sure}%)`,
    );
    // the loss, in words, is the lead line's title, with what the model gave the label
    const title = (await said.getAttribute('title'))!;
    const own = Number(new RegExp(`^How wrong \\(loss\\): [\\d.]+; the model gave ${label} (\\d+)%$`).exec(title)![1]);
    // four classes: the other three are a button each, the model's answer first
    const moves = one.getByRole('button', { name: /^Move to / });
    await expect(moves).toHaveCount(3);
    await expect(moves.first()).toHaveText(`Move to ${predicted}`);
    // asked, not offered as the thing to do: most top losses are the model's mistakes
    const ask = one.locator('.tile-ask');
    await expect(ask).toHaveText('Label wrong?');
    expect((await ask.boundingBox())!.y).toBeLessThan((await moves.first().boundingBox())!.y);
    // a model shown right on 8 validation images at most (their 95% interval starts under 70%): its
    // confidence means little, and no move is marked as the fix, however sure it was (tile-words.ts)
    await expect(one.locator('button.tile-move.suggested')).toHaveCount(0);
    sureness.push([Number(sure), own]);
  }
  // the most confidently wrong first (a correctly labelled rose the model calls a tulip on the default
  // seed): the move is offered, unmarked. Its answers calibrated on the recipe's folds (temperature.ts),
  // this weak model is no longer 96% sure of it; the mark needs a model shown to be good as well
  expect(sureness[0][0]).toBeGreaterThan(sureness[0][1]);
  const tile = tiles.nth(0);
  const [, label, predicted] = lead.exec(await tile.locator('.tile-said [aria-hidden="true"]').innerText())!;
  const file = (await tile.getByRole('img').getAttribute('alt'))!.replace(` (${label})`, '');
  // said once: the file's line, after the lead, does not repeat the class; it is whole in its title
  await expect(tile.locator('.tile-file')).toHaveText(file);
  await expect(tile.locator('.tile-file')).toHaveAttribute('title', file);
  const quick = tile.getByRole('button', { name: `Move to ${predicted}: ${file}` });
  await expect(quick).toHaveText(`Move to ${predicted}`);
  await expect(quick).not.toHaveClass(/suggested/);
  // no class select and no Move waiting for one; Delete
  await expect(tile.getByRole('combobox')).toHaveCount(0);
  await expect(tile.getByRole('button', { name: `Delete ${file}` })).toBeEnabled();
  await quick.click();
  await expect(tile).toContainText(`moved to ${predicted} · train again to update the results`);
  await expect(quick).toHaveCount(0);
  // the button pressed stays under the focus, offering the way back
  await expect(tile.getByRole('button', { name: `Move to ${label}: ${file}` })).toBeFocused();
  await undoToast(page, `Moved 1 image to ${predicted}`).getByRole('button', { name: 'Undo' }).click();
  await expect(tile).not.toContainText('train again');
  await expect(quick).toBeVisible();

  // looked at and found right (the model's mistake): the tile asks no more, and the summary counts it
  const right = tile.getByRole('button', { name: `Label is right: ${file}` });
  await expect(right).toHaveAttribute('aria-pressed', 'false');
  await right.press('Enter');
  await expect(right).toHaveAttribute('aria-pressed', 'true');
  await expect(right).toBeFocused();
  await expect(quick).toHaveCount(0);
  await expect(tile.locator('.tile-ask')).toHaveCount(0);
  await expect(mistakes).toContainText('; 1 label checked as right)');
  // a mark only: pressed again, the moves are back
  await right.click();
  await expect(quick).toBeVisible();
  await expect(mistakes).not.toContainText('checked');
});

test('a model its validation figures show to be good marks the move to its sure answer: a digit filed in the wrong class', async ({
  page,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  const folder = makeDatasetFolder('sign-language-digits', CLASSES, 40);
  // a 2 filed as a 0, as a mislabel happens, under a name the split holds out (a file's name places it):
  // it comes back as a sure mistake. (Planted in training too, 2s taught as 0s made the model unsure of it.)
  copyFileSync(classImages('sign-language-digits', 'digit_2')[90], join(folder, 'digit_0', 'planted-90.jpg'));
  await studioReady(page, '/');
  await addFolder(page, folder, '40 images in digit_2');
  await expect(page.getByLabel('41 images in digit_0')).toBeVisible();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
  const mistakes = page.locator('summary', { hasText: 'Most confident mistakes' });
  await expect(mistakes).toBeVisible();
  if (!(await page.locator('details', { has: mistakes }).evaluate((d) => (d as HTMLDetailsElement).open)))
    await mistakes.click();
  const tiles = page.getByRole('list', { name: 'Most confidently wrong validation images' }).getByRole('listitem');
  const marked = tiles.filter({ has: page.locator('button.tile-move.suggested') });
  await expect(marked.first()).toBeVisible();
  // a planted 2, labelled 0, the model sure it is a 2: the mark is on that move, with why in its title
  const tile = marked.filter({ hasText: 'planted-90.jpg' });
  await expect(tile.locator('.tile-said [aria-hidden="true"]')).toHaveText(/^digit_0 → digit_2 · \d+%$/);
  const quick = tile.locator('button.tile-move.suggested');
  await expect(quick).toHaveText('Move to digit_2');
  await expect(quick).toHaveAttribute('title', 'The model is sure this is digit_2: the label looks wrong');
});

test("on a phone the feature map lists each image nearer another class as its picture, name and classes, and opens its class's review at it", async ({
  page,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await page.setViewportSize({ width: 390, height: 844 });
  await studioReady(page, '/');
  await addFolder(
    page,
    makeDatasetFolder('intel-scenes', ['buildings', 'street', 'mountain'], 12),
    '12 images in mountain',
  );
  await page.getByRole('button', { name: 'Show feature map' }).click();
  await expect(page.getByRole('figure', { name: /Feature map, 36 images in 3 classes/ })).toBeVisible({
    timeout: SLOW_STEP_MS,
  });
  // buildings and streets look alike: some of them sit nearer the other's centre
  const list = page.getByRole('list', { name: "Images nearer another class's centre on the feature map" });
  const items = list.getByRole('listitem');
  await expect(items.first()).toBeVisible();
  // each picture joins the list in its turn (ui/Thumbnail.tsx)
  await expect
    .poll(() =>
      items.evaluateAll((lis) =>
        lis.every((li) => {
          const img = li.querySelector('img');
          return !!img && img.complete && img.naturalWidth > 0;
        }),
      ),
    )
    .toBe(true);
  const rows = await items.evaluateAll((lis) =>
    lis.map((li) => {
      const img = li.querySelector('img');
      return {
        text: li.textContent ?? '',
        picture: !!img && img.complete && img.naturalWidth > 0,
        // inside the phone's width, nothing cut off at its edge
        fits: li.getBoundingClientRect().right <= 390 && li.scrollWidth <= li.clientWidth + 1,
      };
    }),
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.text).toMatch(/^\S+\.jpg(buildings|street|mountain) · sits nearer (buildings|street|mountain)Review$/);
    expect(row).toMatchObject({ picture: true, fits: true });
  }

  // its Review button opens its class's review on it; closed, the focus is back on the button
  const [, name, cls] = rows[0].text.match(/^(\S+\.jpg)(\w+) · /)!;
  const review = items.first().getByRole('button', { name: `Review ${name} in ${cls}` });
  await review.click();
  const dialog = page.getByRole('dialog', { name: `${cls}: 12 images` });
  const grid = dialog.getByRole('listbox', { name: `Images of ${cls}` });
  await expect(grid).toBeFocused();
  const active = grid.getByRole('option', { name, exact: true });
  await expect(active).toHaveClass(/\bactive\b/);
  await expect(active).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(review).toBeFocused();
});

test('a folder of copies is fixed in one press: "Remove all N …" removes every copy the findings name, and one Undo brings them back', async ({
  page,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  const folder = makeDatasetFolder('sign-language-digits', CLASSES.slice(0, 2), 8);
  // six pictures of digit_0 copied under other names, as a folder added twice over itself
  for (const name of readdirSync(join(folder, 'digit_0')).sort().slice(0, 6))
    copyFileSync(join(folder, 'digit_0', name), join(folder, 'digit_0', `copy-${name}`));
  await studioReady(page, '/');
  await addFolder(page, folder, '14 images in digit_0');
  await page.getByRole('button', { name: 'Check dataset health' }).click();
  const health = page.getByRole('region', { name: 'Dataset health' });
  await expect(page.getByText(/^Checked 22 images: \d+ problems found/)).toBeVisible({ timeout: SLOW_STEP_MS });
  // each copy is a finding of its own, identical files or a copy across the split (where its name fell):
  // of six, one kind has three at least, and its findings are fixed together
  const findings = (text: string) => health.getByRole('listitem').filter({ hasText: text }).count();
  const counts = {
    duplicates: await findings('Identical files'),
    'copies across the split': await findings('Copies on both sides of the train/validation split'),
  };
  expect(counts.duplicates + counts['copies across the split']).toBe(6);
  const kind = counts.duplicates >= 3 ? 'duplicates' : 'copies across the split';
  const all = health.getByRole('button', { name: `Remove all ${counts[kind]} ${kind}` });
  await expect(all).toHaveAccessibleDescription(
    new RegExp(
      `^The ${counts[kind]} fixes below in one press: each keeps what its own button keeps, and one Undo brings every image back\\.`,
    ),
  );
  await all.click();
  await expect(page.getByLabel(`${14 - counts[kind]} images in digit_0`)).toBeVisible();
  await expect(all).toHaveCount(0);
  await expect(page.getByText(new RegExp(`^Removed ${counts[kind]} `))).toBeVisible();
  // one deletion, one undo
  await undoToast(page, `Deleted ${counts[kind]} images from digit_0`)
    .getByRole('button', { name: 'Undo', exact: true })
    .click();
  await expect(page.getByLabel('14 images in digit_0')).toBeVisible();
  await expect(all).toBeVisible();
});
