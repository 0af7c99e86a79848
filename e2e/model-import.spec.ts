import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  classImages,
  downloadProject,
  LONGER_TEST_MS,
  SLOW_STEP_MS,
  studioReady,
  textOf,
  TRAIN_MS,
  undoToast,
} from './fixtures';
import { keptEpoch, modelStored, trainSmallProject } from './train-small';

const CLASSES = ['digit_1', 'digit_4', 'digit_8'];

async function classify(page: Page, image: string): Promise<string> {
  await page.getByLabel('Choose an image to classify').setInputFiles(image);
  const text = await page.getByTestId('prediction').innerText();
  return /Prediction: (\S+)/.exec(text)![1];
}

/** 8 photos of each of three signs, 8 epochs. */
const THREE_SIGNS = { classes: CLASSES, perClass: 8, epochs: 8 };

test('a trained model survives a reload, and its zip imports into a fresh browser and predicts the same', async ({
  page,
  browser,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  await trainSmallProject(page, THREE_SIGNS);
  await expect(page.getByTestId('model-in-use')).toContainText('Model: trained here (3 classes)');
  const unseen = classImages('sign-language-digits', 'digit_4')[50];
  const here = await classify(page, unseen);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download model (zip)', exact: true }).click(),
  ]);
  const zipPath = join(mkdtempSync(join(tmpdir(), 'studio-model-')), 'model.zip');
  await download.saveAs(zipPath);
  // the project zip written right after the run carries that same model (its export, not storage's)
  const carried = unzipSync(readFileSync(await downloadProject(page, 'just-trained.zip')))['model/model.zip'];
  expect(Buffer.from(carried).equals(readFileSync(zipPath))).toBe(true);
  // the trained model is kept for the next visit once its export is saved
  await expect.poll(() => modelStored(page), { timeout: SLOW_STEP_MS }).toBe(true);

  await page.reload();
  await expect(page.getByTestId('model-in-use')).toContainText(/Model: trained (today|yesterday) at .* \(3 classes\)/, {
    timeout: SLOW_STEP_MS,
  });
  await expect(page.getByTestId('val-accuracy')).toBeVisible();
  // the Train step says a model was trained, not 'not started' beside its results
  await expect(page.getByTestId('step-status-train')).toHaveText('trained earlier');
  expect(await classify(page, unseen)).toBe(here);
  // every download of its run is there again, out of the zip kept with it (only the zip was before)
  const [onnx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download ONNX' }).click(),
  ]);
  expect(onnx.suggestedFilename()).toBe('model.onnx');
  await expect(page.getByTestId('export-check')).toContainText(/^Checked: re-imported model matches/, {
    timeout: SLOW_STEP_MS,
  });
  await expect(page.getByTestId('export-onnx')).toContainText('ONNX: model.onnx (opset');

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto('/');
  await expect(fresh.getByTestId('model-in-use')).toContainText('No model yet: train one or import one', {
    timeout: SLOW_STEP_MS,
  });
  const importer = fresh.getByLabel(/^Import a model \(zip\)/);
  const bad = join(mkdtempSync(join(tmpdir(), 'studio-bad-model-')), 'notes.zip');
  writeFileSync(bad, 'just some text');
  await importer.setInputFiles(bad);
  await expect(fresh.getByRole('alert').filter({ hasText: 'notes.zip' })).toContainText('not a model zip', {
    timeout: SLOW_STEP_MS,
  });
  await importer.setInputFiles(zipPath);
  await expect(fresh.getByTestId('model-in-use')).toContainText(
    'Model: model.zip (Transfer Studio model) (3 classes)',
    { timeout: SLOW_STEP_MS },
  );
  expect(await classify(fresh, unseen)).toBe(here);
  // the imported model is what answered: a reload brings it back
  await fresh.reload();
  await expect(fresh.getByTestId('model-in-use')).toContainText(
    'Model: model.zip (Transfer Studio model) (3 classes)',
    { timeout: SLOW_STEP_MS },
  );
  expect(await classify(fresh, unseen)).toBe(here);

  // the project zip carries its model, its results and its run history: opened elsewhere, the model
  // answers there too and Evaluate shows what it showed here
  const accuracy = await textOf(page.getByTestId('val-accuracy'));
  const loss = await textOf(page.getByTestId('val-loss'));
  const projectPath = await downloadProject(page, 'signs.zip');
  await expect(page.getByText(/Project zip written: 24 images, the model with its results and 1 run/)).toBeVisible();
  await fresh.getByLabel('Open a project zip').setInputFiles(projectPath);
  await expect(
    fresh.getByText('Opened signs.zip: 3 classes, 24 images, its model with its results and 1 run.'),
  ).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(fresh.getByTestId('model-in-use')).toContainText(
    /Model: trained (today|yesterday) at .* \(3 classes\)/,
    {
      timeout: SLOW_STEP_MS,
    },
  );
  await expect(fresh.getByTestId('val-accuracy')).toHaveText(accuracy);
  await expect(fresh.getByTestId('val-loss')).toHaveText(loss);
  await expect(fresh.getByRole('table', { name: 'Per-class validation metrics' }).getByRole('rowheader')).toHaveCount(
    3,
  );
  expect(await classify(fresh, unseen)).toBe(here);

  // imported over the model trained here, which can answer again (and does after a reload)
  await page.getByLabel(/^Import a model \(zip\)/).setInputFiles(zipPath);
  await expect(page.getByTestId('model-in-use')).toContainText('Model: model.zip (Transfer Studio model)', {
    timeout: SLOW_STEP_MS,
  });
  // the project zip carries both: opened elsewhere, the imported one answers and the trained one
  // waits behind it with its results, as after a reload here
  const both = await downloadProject(page, 'both.zip');
  await expect(
    page.getByText(
      /Project zip written: 24 images, the model with its results, the imported model answering Try it and 1 run/,
    ),
  ).toBeVisible();
  await fresh.getByLabel('Open a project zip').setInputFiles(both);
  await fresh
    .getByRole('alertdialog', { name: 'Open both.zip?' })
    .getByRole('button', { name: 'Replace current project' })
    .click();
  await expect(
    fresh.getByText(
      'Opened both.zip: 3 classes, 24 images, its model with its results, the imported model that answered Try it and 1 run.',
    ),
  ).toBeVisible({ timeout: SLOW_STEP_MS });
  // under the name it had here, as after a reload
  await expect(fresh.getByTestId('model-in-use')).toContainText(
    'Model: model.zip (Transfer Studio model) (3 classes)',
    { timeout: SLOW_STEP_MS },
  );
  await expect(fresh.getByTestId('val-accuracy')).toHaveText(accuracy);
  await expect(fresh.getByTestId('val-loss')).toHaveText(loss);
  // the downloads are the results' model (read back from storage), whatever answers Try it: with the
  // imported one on top they all failed with "Train a model first"
  const [behind] = await Promise.all([
    fresh.waitForEvent('download'),
    fresh.getByRole('button', { name: 'Download model (zip)', exact: true }).click(),
  ]);
  expect(behind.suggestedFilename()).toBe('transfer-studio-model.zip');
  // and the Export panel says so: the imported model is not what comes down
  await expect(fresh.getByTestId('export-which')).toContainText(
    `The downloads below are the model trained here (${/[\d.]+%/.exec(accuracy)![0]} validation accuracy). Try it answers with the one you imported, model.zip (Transfer Studio model): you already have its file.`,
  );
  await fresh.getByRole('button', { name: 'Use the model trained here' }).click();
  await expect(fresh.getByTestId('model-in-use')).toContainText(
    /Model: trained (today|yesterday) at .* \(3 classes\)/,
    {
      timeout: SLOW_STEP_MS,
    },
  );
  await expect(fresh.getByTestId('export-which')).toHaveCount(0);
  await other.close();

  await page.getByRole('button', { name: 'Use the model trained here' }).click();
  await expect(page.getByTestId('model-in-use')).toContainText(/Model: trained (today|yesterday) at .* \(3 classes\)/, {
    timeout: SLOW_STEP_MS,
  });
  await page.reload();
  await expect(page.getByTestId('model-in-use')).toContainText(/Model: trained (today|yesterday) at .* \(3 classes\)/, {
    timeout: SLOW_STEP_MS,
  });

  // the saved model gone from storage (cleared by the browser): its download says so
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const req = indexedDB.open('transfer-studio-model');
        req.onsuccess = () => {
          const tx = req.result.transaction('model', 'readwrite');
          tx.objectStore('model').delete('last');
          tx.oncomplete = () => done();
        };
      }),
  );
  await page.getByRole('button', { name: 'Download model (zip)', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'saved model' })).toContainText(
    'no longer in this browser’s storage',
    { timeout: SLOW_STEP_MS },
  );
});

test('a model trained on the graph-model backbone survives a reload too (its head runs on that backbone)', async ({
  page,
  browser,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  await page.getByRole('radio', { name: /graph model/ }).check();
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 \(graph model/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await trainSmallProject(page, THREE_SIGNS);
  // a graph model has no standalone model.json, ONNX or TFLite: not offered, and the hint says why
  await expect(page.getByRole('button', { name: 'Download ONNX' })).toHaveCount(0);
  await expect(page.getByTestId('export-hint')).toContainText('no standalone model.json, ONNX or TFLite');
  const unseen = classImages('sign-language-digits', 'digit_1')[50];
  const here = await classify(page, unseen);
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            new Promise<boolean>((ok) => {
              const req = indexedDB.open('transfer-studio-model');
              req.onsuccess = () => {
                const get = req.result.transaction('model').objectStore('model').get('last');
                get.onsuccess = () => ok(!!get.result?.headOnly);
                get.onerror = () => ok(false);
              };
              req.onerror = () => ok(false);
            }),
        ),
      { timeout: SLOW_STEP_MS },
    )
    .toBe(true);

  await page.reload();
  await expect(page.getByRole('radio', { name: /graph model/ })).toBeChecked({ timeout: SLOW_STEP_MS });
  await expect(page.getByTestId('model-in-use')).toContainText(/Model: trained (today|yesterday) at .* \(3 classes\)/, {
    timeout: SLOW_STEP_MS,
  });
  await expect(page.getByRole('alert').filter({ hasText: 'could not be restored' })).toHaveCount(0);
  expect(await classify(page, unseen)).toBe(here);

  // its project zip carries the head; opened in a browser on the default backbone, the head waits
  // for the project's graph-model backbone and then answers the same
  const projectPath = await downloadProject(page, 'graph.zip');
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await studioReady(fresh, '/');
  await fresh.getByLabel('Open a project zip').setInputFiles(projectPath);
  await expect(
    fresh.getByText('Opened graph.zip: 3 classes, 24 images, its model with its results and 1 run.'),
  ).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(fresh.getByTestId('model-in-use')).toContainText(
    /Model: trained (today|yesterday) at .* \(3 classes\)/,
    {
      timeout: SLOW_STEP_MS,
    },
  );
  await expect(fresh.getByRole('radio', { name: /graph model/ })).toBeChecked();
  expect(await classify(fresh, unseen)).toBe(here);
  await other.close();
});

test('a reload while a run takes an imported model’s place brings the import back; the run’s end offers it back', async ({
  page,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  await trainSmallProject(page, { ...THREE_SIGNS, epochs: 3 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download model (zip)', exact: true }).click(),
  ]);
  const zipPath = join(mkdtempSync(join(tmpdir(), 'studio-model-')), 'model.zip');
  await download.saveAs(zipPath);
  await page.getByLabel(/^Import a model \(zip\)/).setInputFiles(zipPath);
  const inUse = page.getByTestId('model-in-use');
  await expect(inUse).toContainText('Model: model.zip (Transfer Studio model)', { timeout: SLOW_STEP_MS });

  // a long run (Training settings are open since the first run): its first model takes the import's place
  await page.getByLabel('Epochs').fill('1000');
  await page.getByLabel('Batch size').fill('2');
  await page.getByLabel(/Early-stopping patience/).fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(inUse).toContainText('Model: trained here', { timeout: TRAIN_MS });
  await expect.poll(() => keptEpoch(page), { timeout: 2 * SLOW_STEP_MS }).toBeGreaterThanOrEqual(2);

  // its model was never saved: the import answers again, not the model trained before it
  await page.reload();
  await expect(inUse).toContainText('Model: model.zip (Transfer Studio model) (3 classes)', { timeout: SLOW_STEP_MS });
  const interrupted = page.getByRole('group', { name: 'Interrupted run' });
  await expect(interrupted).toContainText(/after epoch \d+ of 1000/, { timeout: SLOW_STEP_MS });

  // resumed and stopped, the run's model takes the import's place, which is offered back
  await interrupted.getByRole('button', { name: 'Resume training' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Training: epoch/ })).toBeVisible({ timeout: TRAIN_MS });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(inUse).toContainText('Model: trained here', { timeout: SLOW_STEP_MS });
  const back = undoToast(page, 'The model trained here took the place of model.zip (Transfer Studio model)');
  await expect(back).toBeVisible({ timeout: SLOW_STEP_MS });
  await back.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(inUse).toContainText('Model: model.zip (Transfer Studio model) (3 classes)', { timeout: SLOW_STEP_MS });
});
