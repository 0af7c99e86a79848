import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady } from './fixtures';

// A model kept while the converters' code could not be fetched is converted as it is downloaded after
// a reload: its zip then has the ONNX and TFLite run snippets a fresh export has, and the kept model
// is stored converted, so the next reload does not convert it again.

const CLASSES = ['digit_0', 'digit_3', 'digit_7'];
const PER_CLASS = 12;
const CONVERTERS = '**/assets/export-*.js';

/** whether the model kept in storage has model.onnx in its zip (its name is in the zip's directory) */
const keptHasOnnx = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('transfer-studio-model');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error as Error);
    });
    const kept = await new Promise<{ zip: Uint8Array } | undefined>((resolve, reject) => {
      const r = db.transaction('model').objectStore('model').get('last');
      r.onsuccess = () => resolve(r.result as { zip: Uint8Array } | undefined);
      r.onerror = () => reject(r.error as Error);
    });
    db.close();
    return kept ? new TextDecoder('latin1').decode(kept.zip).includes('model.onnx') : null;
  });

async function downloadZip(page: Page): Promise<Record<string, Uint8Array>> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download model (zip)', exact: true }).click(),
  ]);
  return unzipSync(new Uint8Array(readFileSync(await file.path())));
}

test('a model kept without its ONNX and TFLite is converted once after a reload, and kept converted', async ({
  page,
  context,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await context.route(CONVERTERS, (route) => route.abort());
  const folder = makeDatasetFolder('sign-language-digits', CLASSES, PER_CLASS);
  await studioReady(page, '/');
  await addFolder(page, folder, `${PER_CLASS} images in digit_7`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: 240_000 });
  await expect.poll(() => keptHasOnnx(page), { timeout: SLOW_STEP_MS }).toBe(false);

  await context.unroute(CONVERTERS);
  await page.reload();
  await studioReady(page);
  const zip = await downloadZip(page);
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(['model.onnx', 'model.tflite']));
  const readme = strFromU8(zip['README.md']);
  expect(readme).toContain("ort.InferenceSession('model.onnx')");
  expect(readme).toContain("Interpreter('model.tflite').get_signature_runner()");
  await expect.poll(() => keptHasOnnx(page), { timeout: SLOW_STEP_MS }).toBe(true);

  // the next visit downloads the kept zip as it is, converters or not
  await context.route(CONVERTERS, (route) => route.abort());
  await page.reload();
  await studioReady(page);
  const again = await downloadZip(page);
  expect(again['model.onnx']).toEqual(zip['model.onnx']);
  expect(strFromU8(again['README.md'])).toBe(readme);
});
