import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { toModelInput } from '../src/core/data/preprocess';
import { bundleFromZip, checkedExport, exportBytes, type ExportBundle } from '../src/core/export/bundle';
import { exportFiles, headOnlyFiles } from '../src/core/export/export-files';
import { GOLDEN_TOLERANCE, goldenBatch, inputBytes, pickGolden, type GoldenJson } from '../src/core/export/golden';
import { checkExportDir, exportToDir } from '../src/core/export/node-writer';
import { checkExportFiles, checkExportZip } from '../src/core/export/verify';
import { buildHead, type Head } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { fakeBackbone, localCandidate, solidImage, useBackend } from './helpers';

const classes = ['red', 'green', 'blue'];
const settings = { ...DEFAULT_SETTINGS };
const COLOURS: [number, number, number][] = [
  [200, 30, 30],
  [30, 200, 30],
  [30, 30, 200],
  [120, 120, 10],
];
let backbone: Backbone;
let head: Head;
let bundle: ExportBundle;
let golden: GoldenJson;
let tmp: string;

function goldenImages(range = backbone.spec.pixelRange, size = backbone.spec.inputSize) {
  // non-square images so the crop and resize really happen, one of them of each class plus one more
  return COLOURS.map((rgb, i) => ({
    name: `img${i}.png`,
    label: i % 3,
    input: toModelInput(solidImage(300 + i * 7, 260, rgb), size, 'center', range),
  }));
}

beforeAll(async () => {
  await useBackend('wasm');
  const spec = getBackboneSpec('mobilenet-v1-0.25');
  backbone = (await loadBackbone(spec, [localCandidate(spec)])).backbone;
  head = buildHead(spec.featureSize, classes.length, 8, 0.3, 4);
  const images = goldenImages();
  const validation = [
    { name: 'a.jpg', label: 0, predicted: 0 },
    { name: 'b.jpg', label: 2, predicted: 1 },
  ];
  bundle = await checkedExport({ backbone, head, classes, settings, golden: { images, validation } });
  tf.dispose(images.map((i) => i.input));
  golden = JSON.parse(strFromU8(bundle.files['golden.json']));
  tmp = await mkdtemp(join(tmpdir(), 'studio-golden-'));
});

afterAll(async () => {
  head?.dispose();
  backbone?.dispose();
  await rm(tmp, { recursive: true, force: true });
});

describe('pickGolden', () => {
  it('takes one image of each class in turn, in order, up to the count', () => {
    const items = [0, 0, 0, 1, 2, 2].map((label, i) => ({ id: i, label }));
    expect(pickGolden(items, 5).map((i) => i.id)).toEqual([0, 3, 4, 1, 5]);
    expect(pickGolden(items, 2).map((i) => i.id)).toEqual([0, 3]);
    expect(pickGolden(items, 10)).toHaveLength(6);
    expect(pickGolden([], 5)).toEqual([]);
  });
});

describe('golden pairs', () => {
  it('the zip holds the full model, the head, metadata, golden.json and its inputs', () => {
    expect(Object.keys(unzipSync(bundle.zip)).sort()).toEqual([
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
    const meta = JSON.parse(strFromU8(unzipSync(bundle.zip)['metadata.json']));
    expect(meta).toMatchObject({ packageName: '@teachablemachine/image', labels: classes, imageSize: 224 });
  });

  it('the head-only zip has the head as model.json at the top, without the backbone or the image inputs', () => {
    const head = unzipSync(bundle.headZip);
    expect(Object.keys(head).sort()).toEqual([
      'golden.json',
      'labels.txt',
      'metadata.json',
      'model.json',
      'weights.bin',
    ]);
    expect(head['weights.bin']).toEqual(bundle.files['head/weights.bin']);
    expect(bundle.headZip.byteLength).toBeLessThan(bundle.zip.byteLength / 10);
    // its card and metadata say it takes features, not an image, before describing the whole model
    const meta = JSON.parse(strFromU8(head['metadata.json']));
    expect(meta).toMatchObject({ headOnly: true, modelInput: 'pooled backbone features', labels: classes });
  });

  it("the head-only zip's card starts by saying it takes pooled features (and, fine-tuned, which backbone gives them)", () => {
    const files = new Map<string, string | Uint8Array>([
      ['head/model.json', '{}'],
      ['README.md', '# Model card\n\n- `model.json` + `weights.bin`: the whole model'],
      [
        'metadata.json',
        JSON.stringify({
          labels: ['a', 'b'],
          userMetadata: { backbone: 'mobilenet-v1-0.25' },
          settings: { unfreeze: 2 },
        }),
      ],
    ]);
    const card = String(headOnlyFiles(files).get('README.md'));
    expect(card.split('\n')[0]).toBe(
      '> **This zip holds the head only.** Its `model.json` + `weights.bin` take the pooled features of mobilenet-v1-0.25',
    );
    expect(card).toContain("only the one inside the full download's `model.json` gives these features");
    expect(card).toContain('# Model card');
  });

  it('read back from the zip alone (the model kept in storage after a reload), every download is there and checked again', async () => {
    const back = await bundleFromZip(bundle.zip);
    expect(Object.keys(back.files).sort()).toEqual(Object.keys(bundle.files).sort());
    // (the converters hand Node Buffers, the zip gives Uint8Arrays: compared as bytes)
    const bytes = (b: Uint8Array) => new Uint8Array(b);
    expect(bytes(back.files['model.onnx'])).toEqual(bytes(bundle.files['model.onnx']));
    expect(bytes(back.files['model.tflite'])).toEqual(bytes(bundle.files['model.tflite']));
    expect(unzipSync(back.headZip)).toEqual(unzipSync(bundle.headZip));
    expect(back.onnx).toEqual(bundle.onnx);
    expect(back.tflite).toEqual(bundle.tflite);
    expect(back.check).toMatchObject({ ok: true });
  });

  it('golden.json describes the inputs, the expected outputs and the validation verdicts', () => {
    expect(golden.format).toBe('transfer-studio-golden/1');
    expect(golden.tolerance).toBe(GOLDEN_TOLERANCE);
    expect(golden.inputs).toEqual({
      file: 'golden/inputs.bin',
      dtype: 'uint8',
      shape: [4, 224, 224, 3],
      multiply: 2 / 255,
      add: -1,
    });
    expect(bundle.files['golden/inputs.bin'].byteLength).toBe(4 * 224 * 224 * 3);
    expect(golden.labels).toEqual(classes);
    expect(golden.samples.map((s) => [s.name, s.label])).toEqual([
      ['img0.png', 'red'],
      ['img1.png', 'green'],
      ['img2.png', 'blue'],
      ['img3.png', 'red'],
    ]);
    for (const s of golden.samples) {
      expect(s.probabilities).toHaveLength(3);
      expect(s.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(s.features).toHaveLength(384);
    }
    expect(golden.validation).toEqual([
      { name: 'a.jpg', label: 'red', predicted: 'red' },
      { name: 'b.jpg', label: 'blue', predicted: 'green' },
    ]);
  });

  it('stored bytes are the studio input rounded, and decode back to it to within half a level', async () => {
    const [img] = goldenImages();
    const bytes = await inputBytes([img.input], backbone.spec.pixelRange);
    // a solid colour stays that colour through crop and resize
    expect(Array.from(bytes.slice(0, 3))).toEqual(COLOURS[0]);
    const back = goldenBatch({ ...golden, inputs: { ...golden.inputs, shape: [1, 224, 224, 3] } }, bytes);
    const diff = tf.tidy(() => back.squeeze([0]).sub(img.input).abs().max().dataSync()[0]);
    expect(diff).toBeLessThanOrEqual(1 / 255 + 1e-6);
    tf.dispose([img.input, back]);
  });

  it('the expected outputs are the studio path (backbone → head) on the stored inputs', async () => {
    const x = goldenBatch(golden, bundle.files['golden/inputs.bin']);
    const p = tf.tidy(() => head.model.predict(backbone.extract(x)) as tf.Tensor2D);
    const got = (await p.array()) as number[][];
    got.forEach((row, i) =>
      row.forEach((v, j) => expect(Math.abs(v - golden.samples[i].probabilities[j])).toBeLessThan(1e-6)),
    );
    tf.dispose([x, p]);
  });

  it('the zip re-imports and reproduces the golden outputs, full model and head', async () => {
    expect(bundle.check.ok).toBe(true);
    expect(bundle.check.samples).toBe(4);
    expect(bundle.check.model).not.toBeNull();
    expect(bundle.check.head).not.toBeNull();
    expect(bundle.check.maxDifference).toBeLessThan(GOLDEN_TOLERANCE);
    expect(bundle.check.message).toMatch(
      /^Checked: re-imported model matches \(max difference .* on 4 validation images: full model .*, head .*\)$/,
    );
    const headOnly = await checkExportZip(bundle.headZip);
    expect(headOnly).toMatchObject({ ok: true, model: null, samples: 4 });
    expect(headOnly.head).toBeLessThan(GOLDEN_TOLERANCE);
  });

  it('a damaged weight or a wrong expectation fails the check', async () => {
    const files = { ...bundle.files };
    const weights = files['weights.bin'].slice();
    // the last 4 bytes are the head's last logit bias
    new DataView(weights.buffer).setFloat32(weights.byteLength - 4, 5, true);
    const broken = await checkExportZip(zipSync({ ...files, 'weights.bin': weights }));
    expect(broken.ok).toBe(false);
    expect(broken.model!).toBeGreaterThan(GOLDEN_TOLERANCE);
    expect(broken.head!).toBeLessThan(GOLDEN_TOLERANCE);
    expect(broken.message).toMatch(/^Check failed/);

    const lying = structuredClone(golden);
    lying.samples[0].probabilities[0] += 0.01;
    const off = await checkExportFiles({ ...files, 'golden.json': new TextEncoder().encode(JSON.stringify(lying)) });
    expect(off.ok).toBe(false);
    expect(off.maxDifference).toBeCloseTo(0.01, 4);
  });

  it('truncated inputs are refused with a message', async () => {
    await expect(checkExportFiles({ ...bundle.files, 'golden/inputs.bin': new Uint8Array(10) })).rejects.toThrow(
      /golden\/inputs\.bin holds 10 bytes, expected 602112/,
    );
  });

  it('the CLI writer puts the same files on disk, and they check out read back', async () => {
    const images = goldenImages();
    const written = await exportToDir(tmp, { backbone, head, classes, settings, golden: { images } });
    tf.dispose(images.map((i) => i.input));
    expect(written.sort()).toEqual(Object.keys(bundle.files).sort());
    expect(new Uint8Array(await readFile(join(tmp, 'golden/inputs.bin')))).toEqual(bundle.files['golden/inputs.bin']);
    const check = await checkExportDir(tmp);
    expect(check).toMatchObject({ ok: true, samples: 4 });
    await writeFile(join(tmp, 'head/weights.bin'), new Uint8Array(bundle.files['head/weights.bin'].byteLength));
    expect((await checkExportDir(tmp)).ok).toBe(false);
  });

  it('a graph backbone exports head and golden pairs; the check covers the head', async () => {
    const fake = fakeBackbone();
    const small = buildHead(3, 2, 0, 0, 1);
    const images = goldenImages(fake.spec.pixelRange, fake.spec.inputSize).slice(0, 2);
    const files = exportBytes(
      await exportFiles({ backbone: fake, head: small, classes: ['a', 'b'], settings, golden: { images } }),
    );
    tf.dispose(images.map((i) => i.input));
    expect(Object.keys(files).sort()).toEqual([
      'golden.json',
      'golden/inputs.bin',
      'head/model.json',
      'head/weights.bin',
      'labels.txt',
      'metadata.json',
    ]);
    expect(await checkExportFiles(files)).toMatchObject({ ok: true, model: null, samples: 2 });
    small.dispose();
  });

  it('building and checking the export allocates no lasting tensors', async () => {
    const images = goldenImages();
    const before = tf.memory().numTensors;
    await checkedExport({ backbone, head, classes, settings, golden: { images } });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(images.map((i) => i.input));
  });
});
