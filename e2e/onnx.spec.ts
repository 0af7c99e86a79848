import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GoldenJson } from '../src/core/export/golden';
import { decodeModel } from '../src/core/export/onnx/proto';
import { onnxGoldenDifference, runOnnx } from '../tests/onnx-helpers';
import { runTflite, tfliteGoldenDifference } from '../tests/tflite-helpers';
import { addFolder, DATASETS, LONG_TEST_MS, makeDatasetFolder, studioReady } from './fixtures';
import { runCopiedPython } from './python-code';

// Issue 20: the built studio writes model.onnx and model.tflite in the browser; "Download ONNX" and
// "Download TFLite" give the same bytes as the zip's files, and onnxruntime and the TFLite runtime
// (their wasm builds, here in the test's Node) run them to golden.json's probabilities within 1e-4.

const CLASSES = ['digit_0', 'digit_3', 'digit_7'];
const PER_CLASS = 12;

async function download(page: Page, name: string): Promise<Uint8Array> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  expect(file.suggestedFilename()).toBe(
    { 'Download ONNX': 'model.onnx', 'Download TFLite': 'model.tflite' }[name] ?? 'transfer-studio-model.zip',
  );
  const path = join(mkdtempSync(join(tmpdir(), 'studio-onnx-')), file.suggestedFilename());
  await file.saveAs(path);
  return new Uint8Array(readFileSync(path));
}

test('Download ONNX and Download TFLite give model.onnx and model.tflite, the zip holds the same files, and their runtimes reproduce golden.json', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const folder = makeDatasetFolder('sign-language-digits', CLASSES, PER_CLASS);
  await studioReady(page, '/');
  await addFolder(page, folder, `${PER_CLASS} images in digit_7`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: 240_000 });

  const onnx = await download(page, 'Download ONNX');
  await expect(page.getByTestId('export-onnx')).toHaveText(
    /^ONNX: model\.onnx \(opset 13, float32, NHWC input, BatchNorm folded\), \d+\.\d\d MB, written in \d+ ms$/,
  );
  const tflite = await download(page, 'Download TFLite');
  await expect(page.getByTestId('export-tflite')).toHaveText(
    /^TFLite: model\.tflite \(float32, NHWC input, BatchNorm folded, ReLU6 fused\), \d+\.\d\d MB, written in \d+ ms$/,
  );
  const zip = unzipSync(await download(page, 'Download model (zip)'));
  expect(zip['model.onnx']).toEqual(onnx);
  expect(zip['model.tflite']).toEqual(tflite);

  const meta = Object.fromEntries(decodeModel(onnx).metadata_props.map((p) => [p.key, p.value]));
  expect(JSON.parse(meta.labels)).toEqual(CLASSES);
  expect(meta).toMatchObject({
    crop_mode: 'center',
    input_size: '224',
    input_range: '[-1,1]',
    backbone: 'mobilenet-v1-0.25',
  });
  expect(JSON.parse(strFromU8(zip['metadata.json'])).onnx).toMatchObject({
    file: 'model.onnx',
    opset: 13,
    layout: 'NHWC',
  });
  expect(strFromU8(zip['README.md'])).toContain("ort.InferenceSession('model.onnx')");
  expect(await onnxGoldenDifference(zip)).toBeLessThan(1e-4);
  expect(strFromU8(zip['README.md'])).toContain("Interpreter('model.tflite').get_signature_runner()");
  expect(await tfliteGoldenDifference(zip)).toBeLessThan(1e-4);

  // "Use it in your code", Python: the lines copied from Export, run beside model.onnx (model.tflite)
  // and metadata.json on golden.json's photos, feed the model what the studio fed it and name the
  // class the studio named. The runtimes are stand-ins that hand the array to the real ones in Node
  // (e2e/python-shims): Debian packages neither onnxruntime nor LiteRT for Python.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByText('Use it in your code', { exact: true }).click();
  const golden = JSON.parse(strFromU8(zip['golden.json'])) as GoldenJson;
  const [, h, w] = golden.inputs.shape;
  const studioInputs = zip[golden.inputs.file];
  const runtimes = [
    { choice: 'Python (ONNX)', model: 'model.onnx', bytes: onnx, run: runOnnx },
    { choice: 'Python (TFLite)', model: 'model.tflite', bytes: tflite, run: runTflite },
  ];
  for (const { choice, model, bytes, run } of runtimes) {
    await page.getByRole('radio', { name: choice }).check();
    const shown = page.getByRole('region', { name: `Python code for ${model}` });
    await expect(shown).toContainText(`'${model}'`);
    await page.getByRole('button', { name: 'Copy code', exact: true }).click();
    await expect(page.getByText('Copied.', { exact: true })).toBeVisible();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    expect(code).toBe(await shown.textContent());
    const dir = mkdtempSync(join(tmpdir(), 'studio-python-'));
    writeFileSync(join(dir, model), bytes);
    writeFileSync(join(dir, 'metadata.json'), zip['metadata.json']);
    for (const [i, sample] of golden.samples.entries()) {
      const photo = join(DATASETS, 'sign-language-digits', sample.label, sample.name);
      const { fed, printed } = await runCopiedPython(code, dir, photo, (x, shape) => run(bytes, x, shape));
      expect(fed).toMatchObject({ model, input: 'input', shape: [1, h, w, 3], dtype: 'float32' });
      // Pillow's resize is not the studio's cropAndResize: close, not equal
      const size = h * w * 3;
      let diff = 0;
      for (let k = 0; k < size; k++)
        diff += Math.abs(fed.x[k] - (studioInputs[i * size + k] * golden.inputs.multiply + golden.inputs.add));
      console.log(`${choice} ${sample.name}: mean |x - studio's| ${(diff / size).toFixed(4)}; printed ${printed}`);
      expect(diff / size).toBeLessThan(0.05);
      const top = sample.probabilities.indexOf(Math.max(...sample.probabilities));
      expect(printed.split(' ')[0]).toBe(golden.labels[top]);
    }
  }
});
