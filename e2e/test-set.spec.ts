import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classImages, dropFiles, LONG_TEST_MS, studioReady, TRAIN_MS, undoToast } from './fixtures';
import { addSmallProject, trainToEnd } from './train-small';

const CLASSES = ['digit_0', 'digit_1', 'digit_2'];
const TRAINED_ON = 8;
const TESTED = 5;

/**
 * A dataset folder as people download them: train/ and test/ side by side. test/ holds photos the
 * studio never saw (further down each class's list than the ones trained on), a folder named after
 * no class and a file that is no image.
 */
function testFolder(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'studio-e2e-test-')), 'digits');
  for (const cls of CLASSES) {
    const images = classImages('sign-language-digits', cls);
    mkdirSync(join(root, 'test', cls), { recursive: true });
    for (const src of images.slice(20, 20 + TESTED)) copyFileSync(src, join(root, 'test', cls, src.split('/').pop()!));
    mkdirSync(join(root, 'train', cls), { recursive: true });
    copyFileSync(images[0], join(root, 'train', cls, 'first.jpg'));
  }
  mkdirSync(join(root, 'test', 'digit_9'));
  for (const src of classImages('sign-language-digits', 'digit_9').slice(0, 2))
    copyFileSync(src, join(root, 'test', 'digit_9', src.split('/').pop()!));
  writeFileSync(join(root, 'test', 'digit_0', 'notes.txt'), 'taken on the 3rd');
  // a photo the project holds (the first of digit_0 is among those trained on), under another name
  copyFileSync(classImages('sign-language-digits', 'digit_0')[0], join(root, 'test', 'digit_0', 'dup.jpg'));
  // a "2" filed as a 0, as test folders have them: one sure mistake
  copyFileSync(classImages('sign-language-digits', 'digit_2')[40], join(root, 'test', 'digit_0', 'misfiled.jpg'));
  return root;
}

test('a labelled test folder is run through the trained model: accuracy, interval, per class, mistakes; the project is untouched', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  await addSmallProject(page, { classes: CLASSES, perClass: TRAINED_ON });

  const panel = page.getByRole('region', { name: 'Test on other images' });
  // a page load leaves the focus and the scroll where they were (the panel once took both)
  await expect(panel.getByRole('heading', { name: 'Test on other images' })).not.toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // no model yet: the picker says what it needs
  await expect(panel.getByLabel('choose one (a test folder of class folders)')).toBeDisabled();
  await expect(panel.getByText('Train a model or import one first.')).toBeVisible();
  // a drop on it then is refused here: the page's own drop handler would have made a class of it
  await dropFiles(
    panel.getByRole('region', { name: 'Drop a test folder' }),
    classImages('sign-language-digits', 'digit_0').slice(40, 42),
  );
  await expect(panel.getByRole('alert')).toHaveText(
    'Train a model or import one first. The folder was not added to the project.',
  );
  await expect(page.getByText(`${CLASSES.length} classes, ${CLASSES.length * TRAINED_ON} images`)).toBeVisible();

  await trainToEnd(page, { finished: /^Training finished/ });

  // several photos dropped on Try it: the first answers there, and the way to all of them is said
  await dropFiles(
    page.getByRole('region', { name: 'Drop an image to classify' }),
    classImages('sign-language-digits', 'digit_1').slice(30, 33),
  );
  await expect(page.getByTestId('try-many')).toHaveText(
    'The first of the 3 photos dropped is classified here. To classify them all, drop them on Test on other images.',
  );
  await page.getByTestId('try-many').getByRole('link', { name: 'Test on other images' }).click();
  await expect(panel.getByRole('heading', { name: 'Test on other images' })).toBeInViewport();

  // a folder picker that fails (not a cancel) is said in the panel: it once did nothing at all
  await page.evaluate(`window.showDirectoryPicker = async () => {
    throw new DOMException('The request is not allowed.', 'SecurityError');
  }`);
  await panel.getByText('choose one', { exact: true }).click();
  await expect(panel.getByRole('alert')).toHaveText('The folder could not be opened: The request is not allowed.');

  // loose photos are no labelled folder: the model's answers without a score, and their CSV
  const loose = classImages('sign-language-digits', 'digit_0').slice(30, 32);
  await dropFiles(panel.getByRole('region', { name: 'Drop a test folder' }), loose);
  const results = panel.getByTestId('test-results');
  await expect(results).toContainText('Classified 2 images without labels', { timeout: TRAIN_MS });
  const byClass = results.getByRole('table', { name: 'Images by predicted class' });
  // one word for what was tested, in the summary and its table
  await expect(byClass.getByRole('columnheader', { name: 'Images' })).toBeVisible();
  const counts = await Promise.all(
    CLASSES.map(async (cls) =>
      Number(
        (await byClass
          .getByRole('row', { name: new RegExp(`^${cls} `) })
          .getByRole('cell')
          .first()
          .textContent()) ?? NaN,
      ),
    ),
  );
  expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    results.getByRole('button', { name: 'Download predictions (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('predictions.csv');
  const csv = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe(`file,label,predicted,confidence,${CLASSES.join(',')}`);
  expect(
    csv
      .slice(1)
      .map((l) => l.split(',')[0])
      .sort(),
  ).toEqual(loose.map((p) => p.split('/').pop()).sort());
  // each row's predicted class is its most probable one
  for (const line of csv.slice(1)) {
    const [, label, predicted, confidence, ...probs] = line.split(',');
    expect(label).toBe('');
    expect(predicted).toBe(CLASSES[probs.map(Number).indexOf(Math.max(...probs.map(Number)))]);
    expect(Number(confidence)).toBe(Math.max(...probs.map(Number)));
  }

  await panel.getByLabel('choose one (a test folder of class folders)').setInputFiles(testFolder());
  await expect(results).toContainText('Test accuracy:', { timeout: TRAIN_MS });
  const tested = CLASSES.length * TESTED + 1;
  await expect(results).toContainText(`of ${tested} images · 95% interval`);
  // the summary says images, as its per-class table's "Test images" column (below) does
  await expect(results.getByText(/^Test accuracy:/)).not.toContainText('photo');
  await expect(results.getByTestId('test-vs-validation')).toHaveText(
    /^The same model scored [\d.]+% on its 6 validation images\.$/,
  );
  await expect(results).toContainText('Only test/ was tested (train/ left out: the model may have trained on those)');
  await expect(results).toContainText(
    'Left out 1 image that is also in the project, so the model may have trained on it: test/digit_0/dup.jpg',
  );
  await expect(results).toContainText('Not tested: 1 folder named after no class of the model (digit_9/, 2 files)');
  await expect(results).toContainText(
    'Skipped 1 file that is not an image (PNG, JPEG, WebP, GIF, BMP, AVIF): notes.txt',
  );
  const table = results.getByRole('table', { name: 'Per-class test metrics' });
  for (const cls of CLASSES)
    await expect(
      table.getByRole('row', { name: new RegExp(`^${cls} ${cls === 'digit_0' ? TESTED + 1 : TESTED} `) }),
    ).toBeVisible();
  // the validation table's columns, F1 too; the count seen as "Tested", named in full
  for (const name of ['Class', 'Test images', 'Recall', 'Precision', 'F1'])
    await expect(table.getByRole('columnheader', { name, exact: true })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Test images' })).toHaveAttribute('title', 'Test images');
  // all five fit a phone: nothing behind "scroll for more columns"
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(results.getByRole('region', { name: /^Per-class test metrics \(scrolls/ })).toHaveCount(0);
  expect(await table.evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
  await page.setViewportSize({ width: 1280, height: 720 });

  // a confusion cell opens its photos
  await results.getByText('Test confusion matrix').click();
  const cell = results.getByRole('button', { name: /^\d+ digit_0 images? predicted as digit_0$/ });
  const inCell = Number(await cell.textContent());
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  await expect(
    results.getByRole('list', { name: 'Test images labelled digit_0, predicted digit_0' }).getByRole('listitem'),
  ).toHaveCount(inCell);

  // the accuracy and the mistakes count tell the same story
  const accuracy = Number(/Test accuracy: ([\d.]+)%/.exec((await results.textContent()) ?? '')![1]);
  // and the step bar gives it beside the validation figure
  await expect(
    page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('link', { name: new RegExp(`^4 Evaluate: [\\d.]+% val\\. · ${accuracy.toFixed(1)}% test$`) }),
  ).toBeVisible();
  const misses = Number(/Mistakes \((\d+) of/.exec((await results.textContent()) ?? '')![1]);
  expect(accuracy).toBeCloseTo((100 * (tested - misses)) / tested, 1);
  await results.getByText(/^Mistakes/).click();
  expect(misses).toBeGreaterThan(0);
  await expect(
    results.getByRole('list', { name: 'Most confidently wrong test images' }).getByRole('listitem'),
  ).toHaveCount(Math.min(misses, 12));

  // nothing joined the project
  for (const cls of CLASSES) await expect(page.getByLabel(`${TRAINED_ON} images in ${cls}`)).toBeVisible();
  await expect(page.getByText(`${CLASSES.length} classes, ${CLASSES.length * TRAINED_ON} images`)).toBeVisible();

  // the mistakes go to their classes on request, to be learnt from; once; the focus to what it did
  const learn = results.getByRole('button', {
    name: misses === 1 ? 'Add this image to its class' : `Add all ${misses} mistakes to their classes`,
  });
  await learn.dblclick();
  const added = results.getByRole('status').filter({ hasText: /^Added / });
  await expect(added).toContainText(`Added ${misses} image`);
  await expect(added).toBeFocused();
  // offered back as any adding is
  await expect(undoToast(page, `Added ${misses} image${misses === 1 ? '' : 's'} to `)).toBeVisible();
  await expect(
    page.getByText(`${CLASSES.length} classes, ${CLASSES.length * TRAINED_ON + misses} images`),
  ).toBeVisible();

  // the same folder again: those photos are project images now, and the figure says it flatters
  await panel.getByLabel('choose one (a test folder of class folders)').setInputFiles(testFolder());
  await expect(results).toContainText(`of ${tested - misses} images`, { timeout: TRAIN_MS });
  await expect(results).toContainText(
    `${misses} of them ${misses === 1 ? 'was a mistake' : 'were mistakes'} of an earlier test, added to the project`,
  );
  await expect(page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: /% test$/ })).toHaveCount(0);

  await results.getByRole('button', { name: 'Clear test results' }).click();
  await expect(results).toHaveCount(0);
  // the focus, on the button that went, comes to the panel
  await expect(panel.getByRole('heading', { name: 'Test on other images' })).toBeFocused();

  // a folder for one class only: its figure is said to be of that class, not of the model
  const oneClass = join(mkdtempSync(join(tmpdir(), 'studio-e2e-one-')), 'ones');
  mkdirSync(join(oneClass, 'digit_1'), { recursive: true });
  for (const src of classImages('sign-language-digits', 'digit_1').slice(30, 30 + TESTED))
    copyFileSync(src, join(oneClass, 'digit_1', src.split('/').pop()!));
  await panel.getByLabel('choose one (a test folder of class folders)').setInputFiles(oneClass);
  await expect(results.getByText(/^Test accuracy:/)).toContainText(`of ${TESTED} images in 1 of 3 classes · 95%`, {
    timeout: TRAIN_MS,
  });
  await expect(results).toContainText('No folder for digit_0, digit_2: not tested');
  await results.getByRole('button', { name: 'Clear test results' }).click();

  // no folder named after a class: the model's answers, and the folders it found named beside its classes
  const unsorted = join(mkdtempSync(join(tmpdir(), 'studio-e2e-unsorted-')), 'photos');
  mkdirSync(join(unsorted, 'unsorted'), { recursive: true });
  copyFileSync(classImages('sign-language-digits', 'digit_2')[30], join(unsorted, 'unsorted', 'x.jpg'));
  await panel.getByLabel('choose one (a test folder of class folders)').setInputFiles(unsorted);
  await expect(results).toContainText(
    "No folder is named after a class of the model (its classes: digit_0, digit_1, digit_2; the folders: unsorted/), so the images were classified without labels: the model's answers, no accuracy. Name a folder as its class to be scored.",
    { timeout: TRAIN_MS },
  );
});
