import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addFolder, LONGER_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady } from './fixtures';
import { openTmPage } from './tm-page';

const DATASET = 'sign-language-digits';
const CLASSES = Array.from({ length: 10 }, (_, i) => `digit_${i}`);
// Half the dataset: 100 validation images, so 99% agreement allows one borderline flip (measured
// 0-1 in 200 over four CI runs). TM's own predict of each photo, one at a time on software WebGL,
// is most of this test's time.
const PER_CLASS = 50;

async function download(page: Page, name: string): Promise<Uint8Array> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  const path = join(mkdtempSync(join(tmpdir(), 'studio-export-')), file.suggestedFilename());
  await file.saveAs(path);
  return new Uint8Array(readFileSync(path));
}

interface TmReport {
  tfjs: string;
  backend: string;
  /** tfjs 1.3.1 on golden/inputs.bin, the studio's own scaling: must match the studio to 1e-4 */
  goldenMaxDiff: number;
  /** TM's predict on the golden inputs (a 224 canvas: its crop is a copy), i.e. only /127 differs */
  goldenTmMaxDiff: number;
  validation: number;
  /** TM's predict on the photo itself (its canvas resize and /127 − 1) has the studio's top-1 (from golden.json) */
  rawTmAgrees: number;
  /** TM's predict on the photo resized to imageSize the studio's way (metadata.preprocessing) has the studio's top-1
   * (TM's predict itself for the first 10, checked by replicaMaxDiff; its exact replica, batched, for all) */
  tmAgrees: number;
  /** those same pixels scaled /127.5 − 1 (the studio) vs TM's /127 − 1: top-1 agreement and max probability difference */
  scaleAgrees: number;
  scaleMaxDiff: number;
  /** the pixels scaled /127 − 1 by hand against TM's predict: proves TM saw exactly those pixels */
  replicaMaxDiff: number;
}

test('the exported zip re-imports in the studio and runs in @teachablemachine/image with the same top-1', async ({
  page,
  context,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  const folder = makeDatasetFolder(DATASET, CLASSES, PER_CLASS);
  await studioReady(page, '/');
  await addFolder(page, folder, `${PER_CLASS} images in digit_9`);
  // plain features: the export is what is checked, and 1,600 augmented views would more than double
  // the backbone passes (and add a first-model phase) for no assertion here
  await page.getByText('Training settings').click();
  await page.getByLabel('Augmented views per image').fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: 400_000 });

  const zip = unzipSync(await download(page, 'Download model (zip)'));
  await expect(page.getByTestId('export-check')).toContainText(
    /^Checked: re-imported model matches \(max difference \d\.\de[-+]\d+ on 5 validation images: full model .*, head .*\)$/,
    { timeout: SLOW_STEP_MS },
  );
  // the plain sentence in view; the figures folded under Details
  await expect(page.getByTestId('export-checked')).toHaveText(
    'Checked on 5 validation images: the exported model answers as the studio does on all 5.',
  );
  await expect(page.getByTestId('export-check')).toBeHidden();
  await expect(page.getByTestId('export-onnx')).toBeHidden();
  expect(Object.keys(zip).sort()).toEqual([
    'README.md',
    'golden.json',
    'golden/inputs.bin',
    'head/model.json',
    'head/weights.bin',
    'labels.txt',
    'metadata.json',
    'model.json',
    'model.onnx',
    'model.tflite',
    'weights.bin',
  ]);
  const meta = JSON.parse(strFromU8(zip['metadata.json']));
  for (const key of [
    'tfjsVersion',
    'tmVersion',
    'packageName',
    'packageVersion',
    'modelName',
    'timeStamp',
    'labels',
    'userMetadata',
    'imageSize',
  ])
    expect(meta).toHaveProperty(key);
  expect(meta.labels).toEqual(CLASSES);
  expect(meta.preprocessing).toMatchObject({ inputSize: 224, cropMode: 'center', pixelRange: [-1, 1] });
  const golden = JSON.parse(strFromU8(zip['golden.json']));
  expect(golden.validation).toHaveLength(CLASSES.length * PER_CLASS * 0.2);

  // The single-file downloads are the zip's files; the head-only zip is the small one.
  await page.getByText('Single files', { exact: true }).click();
  expect(await download(page, 'Download model.json')).toEqual(zip['model.json']);
  expect(await download(page, 'Download weights.bin')).toEqual(zip['weights.bin']);
  expect(await download(page, 'Download metadata.json')).toEqual(zip['metadata.json']);
  // the class names one a line, in the output's order, for Android's TFLite examples
  expect(await download(page, 'Download labels.txt')).toEqual(zip['labels.txt']);
  expect(strFromU8(zip['labels.txt'])).toBe(`${CLASSES.join('\n')}\n`);
  const headZip = unzipSync(await download(page, 'Download head only (zip)'));
  expect(Object.keys(headZip).sort()).toEqual([
    'README.md',
    'golden.json',
    'labels.txt',
    'metadata.json',
    'model.json',
    'weights.bin',
  ]);
  expect(headZip['weights.bin']).toEqual(zip['head/weights.bin']);

  const tm = await context.newPage();
  await openTmPage(tm, zip);
  // Runs in the page with tfjs 1.3.1 (global tf) and the library (global tmImage).
  const report: TmReport = await tm.evaluate(
    async ({ dataset }) => {
      /* eslint-disable @typescript-eslint/no-explicit-any */
      const w = window as any;
      const tf = w.tf;
      const model = await w.tmImage.load('/export/model.json', '/export/metadata.json');
      const golden = await (await fetch('/export/golden.json')).json();
      const bytes = new Uint8Array(await (await fetch(`/export/${golden.inputs.file}`)).arrayBuffer());
      const [n, h, wd] = golden.inputs.shape;
      const probs = async (x: any) => {
        const y = model.model.predict(x);
        const v = Array.from((await y.data()) as Float32Array);
        tf.dispose([x, y]);
        return v;
      };
      const top1 = (p: number[]) => p.indexOf(Math.max(...p));
      const maxAbs = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

      let goldenMaxDiff = 0;
      let goldenTmMaxDiff = 0;
      for (let i = 0; i < n; i++) {
        const sample = bytes.subarray(i * h * wd * 3, (i + 1) * h * wd * 3);
        const x = tf
          .tensor4d(Float32Array.from(sample), [1, h, wd, 3])
          .mul(golden.inputs.multiply)
          .add(golden.inputs.add);
        goldenMaxDiff = Math.max(goldenMaxDiff, maxAbs(await probs(x), golden.samples[i].probabilities));
        const canvas = document.createElement('canvas');
        canvas.width = wd;
        canvas.height = h;
        const rgba = new Uint8ClampedArray(h * wd * 4);
        for (let p = 0; p < h * wd; p++) rgba.set([sample[p * 3], sample[p * 3 + 1], sample[p * 3 + 2], 255], p * 4);
        canvas.getContext('2d')!.putImageData(new ImageData(rgba, wd, h), 0, 0);
        const viaTm = (await model.predict(canvas)).map((c: { probability: number }) => c.probability);
        goldenTmMaxDiff = Math.max(goldenTmMaxDiff, maxAbs(viaTm, golden.samples[i].probabilities));
      }

      // The studio's preprocessing as metadata.preprocessing describes it (centre crop, box filter by
      // floor(side / size), corner-aligned bilinear), drawn into a size × size canvas: TM's own crop of
      // such a canvas is a plain copy, so TM's predict then sees the studio's pixels.
      const studioCanvas = (img: HTMLImageElement, size: number) => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = size;
        const resized = tf.tidy(() => {
          const side = Math.min(img.width, img.height);
          const pool = Math.max(1, Math.floor(side / size));
          let x = tf.browser.fromPixels(img).toFloat().expandDims(0);
          if (pool > 1) x = tf.avgPool(x, pool, pool, 'valid');
          const [, hh, ww] = x.shape;
          const s = Math.min(hh, ww);
          const y0 = (hh - s) / 2 / Math.max(1, hh - 1);
          const x0 = (ww - s) / 2 / Math.max(1, ww - 1);
          const box = [y0, x0, y0 + (s - 1) / Math.max(1, hh - 1), x0 + (s - 1) / Math.max(1, ww - 1)];
          return tf.image
            .cropAndResize(x, [box], [0], [size, size], 'bilinear')
            .squeeze([0])
            .round()
            .clipByValue(0, 255)
            .toInt();
        });
        return { canvas, draw: async () => (await tf.browser.toPixels(resized, canvas), resized.dispose()) };
      };
      let rawTmAgrees = 0;
      let tmAgrees = 0;
      let scaleAgrees = 0;
      let scaleMaxDiff = 0;
      let replicaMaxDiff = 0;
      const labels: string[] = golden.labels;
      const size = model.getMetadata().imageSize;
      // TM's predict of a size × size canvas is its pixels scaled /127 − 1 through the model (its crop
      // is a copy): the first REPLICAS canvases go through TM's predict one by one and must equal that
      // replica (replicaMaxDiff), so every canvas's TM prediction is then computed as the replica,
      // batched with its studio-scaled twin (one GPU readback per batch instead of one per image; on
      // software WebGL the per-image predicts were most of this test's time).
      const REPLICAS = 10;
      const canvases: HTMLCanvasElement[] = [];
      for (const v of golden.validation as { name: string; label: string; predicted: string }[]) {
        const img = new Image();
        img.src = `/datasets/${dataset}/${v.label}/${v.name}`;
        await img.decode();
        const raw = (await model.predict(img)).map((c: { probability: number }) => c.probability);
        if (labels[top1(raw)] === v.predicted) rawTmAgrees++;
        const { canvas, draw } = studioCanvas(img, size);
        await draw();
        if (canvases.length < REPLICAS) {
          const viaTm = (await model.predict(canvas)).map((c: { probability: number }) => c.probability);
          const pixels = tf.browser.fromPixels(canvas).toFloat().expandDims(0);
          replicaMaxDiff = Math.max(replicaMaxDiff, maxAbs(await probs(pixels.div(127).sub(1)), viaTm));
          pixels.dispose();
        }
        canvases.push(canvas);
      }
      const predicted = (golden.validation as { predicted: string }[]).map((v) => v.predicted);
      const BATCH = 20;
      for (let i = 0; i < canvases.length; i += BATCH) {
        const part = canvases.slice(i, i + BATCH);
        const pixels = tf.tidy(() => tf.stack(part.map((c) => tf.browser.fromPixels(c).toFloat())));
        const tmFlat = await probs(tf.tidy(() => pixels.div(127).sub(1)));
        const studioFlat = await probs(tf.tidy(() => pixels.div(127.5).sub(1)));
        pixels.dispose();
        const k = tmFlat.length / part.length;
        part.forEach((_, j) => {
          const viaTm = tmFlat.slice(j * k, (j + 1) * k);
          const studioScaled = studioFlat.slice(j * k, (j + 1) * k);
          if (labels[top1(viaTm)] === predicted[i + j]) tmAgrees++;
          if (top1(studioScaled) === top1(viaTm)) scaleAgrees++;
          scaleMaxDiff = Math.max(scaleMaxDiff, maxAbs(studioScaled, viaTm));
        });
      }
      return {
        tfjs: tf.version.tfjs,
        backend: tf.getBackend(),
        goldenMaxDiff,
        goldenTmMaxDiff,
        validation: golden.validation.length,
        rawTmAgrees,
        tmAgrees,
        scaleAgrees,
        scaleMaxDiff,
        replicaMaxDiff,
      };
    },
    { dataset: DATASET },
  );
  console.log(`@teachablemachine/image on the export: ${JSON.stringify(report)}`);
  test.info().annotations.push({ type: 'tm-parity', description: JSON.stringify(report) });
  expect(report.tfjs).toBe('1.3.1');
  expect(report.goldenMaxDiff).toBeLessThan(1e-4);
  expect(report.replicaMaxDiff).toBeLessThan(1e-5);
  expect(report.validation).toBe(CLASSES.length * PER_CLASS * 0.2);
  // the studio's float pixels rounded into the canvas flip borderline images: 98-100 of 100 measured
  // (98 on split version 2's validation images, 99-100 before)
  expect(report.tmAgrees / report.validation).toBeGreaterThanOrEqual(0.97);
  expect(report.scaleAgrees / report.validation).toBeGreaterThanOrEqual(0.99);
  // TM's own canvas resize of the 100×100 photos moves borderline images (measured 190-197 of 200): a floor, not parity
  expect(report.rawTmAgrees / report.validation).toBeGreaterThanOrEqual(0.9);

  // "Use it in your code": the lines copied from the Export panel, run as a maker would run them
  // beside the unzipped files (the same page: tfjs 1.3.1, nothing of the studio), name the class the
  // studio named for each validation photo
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByText('Use it in your code', { exact: true }).click();
  const shown = page.getByRole('region', { name: 'TF.js code for the downloaded model' });
  await expect(shown).toContainText("tf.loadLayersModel('model.json')");
  await page.getByRole('button', { name: 'Copy code', exact: true }).click();
  await expect(page.getByText('Copied.', { exact: true })).toBeVisible();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toBe(await shown.textContent());
  const named = await tm.evaluate(
    async ({ code, dataset }) => {
      const golden = await (await fetch('/export/golden.json')).json();
      const out: [string, string][] = [];
      for (const v of (golden.validation as { name: string; label: string; predicted: string }[]).slice(0, 8)) {
        const img = new Image();
        img.src = `/datasets/${dataset}/${v.label}/${v.name}`;
        await img.decode();
        const logged: unknown[] = [];
        const run = new Function('tf', 'img', 'w', 'h', 'console', `return (async () => { ${code} })();`);
        await run((window as unknown as { tf: unknown }).tf, img, img.width, img.height, {
          log: (...a: unknown[]) => logged.push(...a),
        });
        out.push([String(logged[0]), v.predicted]);
      }
      return out;
    },
    // the files sit under /export/ on that page, not beside it
    {
      code: code
        .replaceAll("'model.json'", "'/export/model.json'")
        .replaceAll("'metadata.json'", "'/export/metadata.json'"),
      dataset: DATASET,
    },
  );
  expect(named).toHaveLength(8);
  for (const [said, studio] of named) expect(said).toBe(studio);
});
