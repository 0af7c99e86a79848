import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModel } from '../src/core/export/onnx/proto';
import { onnxGoldenDifference } from '../tests/onnx-helpers';
import { tfliteGoldenDifference } from '../tests/tflite-helpers';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, studioReady } from './fixtures';

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
});
