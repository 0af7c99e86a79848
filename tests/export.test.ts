import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { exportFiles, metadata, standaloneModel, type ExportFiles } from '../src/core/export/export-files';
import { exportToDir, writeExportDir } from '../src/core/export/node-writer';
import { buildHead, type Head } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { fakeBackbone, localCandidate, useBackend } from './helpers';

const classes = ['left', 'right', 'up'];
const settings = { ...DEFAULT_SETTINGS, cropMode: 'squash' as const };
let backbone: Backbone;
let head: Head;
let files: ExportFiles;
let tmp: string;

/** Loads an exported model.json + weights.bin pair back through tfjs's own in-memory handler. */
async function loadExported(json: string | Uint8Array, weights: string | Uint8Array): Promise<tf.LayersModel> {
  const model = JSON.parse(json as string);
  const bin = weights as Uint8Array;
  expect(model.weightsManifest).toHaveLength(1);
  expect(model.weightsManifest[0].paths).toEqual(['weights.bin']);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: model.modelTopology,
      weightSpecs: model.weightsManifest[0].weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
    }),
  );
}

beforeAll(async () => {
  await useBackend('wasm');
  const spec = getBackboneSpec('mobilenet-v1-0.25');
  backbone = (await loadBackbone(spec, [localCandidate(spec)])).backbone;
  head = buildHead(spec.featureSize, classes.length, 8, 0.3, 4);
  files = await exportFiles({ backbone, head, classes, settings, modelName: 'my-model' });
  tmp = await mkdtemp(join(tmpdir(), 'studio-export-'));
});

afterAll(async () => {
  head?.dispose();
  backbone?.dispose();
  await rm(tmp, { recursive: true, force: true });
});

describe('exportFiles', () => {
  it('writes the standalone model, the head and metadata', () => {
    expect([...files.keys()].sort()).toEqual([
      'head/model.json',
      'head/weights.bin',
      'labels.txt',
      'metadata.json',
      'model.json',
      'model.onnx',
      'model.tflite',
      'weights.bin',
    ]);
    expect(files.get('weights.bin')).toBeInstanceOf(Uint8Array);
    expect(files.get('head/weights.bin')).toBeInstanceOf(Uint8Array);
    // head: 384·8 + 8 + 8·3 + 3 float32 values (256 features of the last map, 128 of the block-11 map)
    expect((files.get('head/weights.bin') as Uint8Array).byteLength).toBe((384 * 8 + 8 + 8 * 3 + 3) * 4);
    // standalone: the backbone's feature weights plus the head, without the 1000-class ImageNet head
    const standaloneBytes = (files.get('weights.bin') as Uint8Array).byteLength;
    expect(standaloneBytes).toBe((backbone.featureModel!.countParams() + 384 * 8 + 8 + 8 * 3 + 3) * 4);
    const json = JSON.parse(files.get('model.json') as string);
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toBe(`TensorFlow.js tfjs-layers v${tf.version.tfjs}`);
    const names: string[] = json.weightsManifest[0].weights.map((w: { name: string }) => w.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.some((n) => n.startsWith('head_logits/'))).toBe(true);
    expect(names.some((n) => n.startsWith('conv_preds'))).toBe(false);
  });

  it('metadata is Teachable-Machine compatible and records the preprocessing', () => {
    const meta = JSON.parse(files.get('metadata.json') as string);
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
    ]) {
      expect(meta).toHaveProperty(key);
    }
    expect(meta.labels).toEqual(classes);
    expect(meta.modelName).toBe('my-model');
    expect(meta.imageSize).toBe(224);
    expect(meta.tfjsVersion).toBe(tf.version.tfjs);
    expect(Number.isNaN(Date.parse(meta.timeStamp))).toBe(false);
    expect(meta.userMetadata).toEqual({ backbone: 'mobilenet-v1-0.25', backboneName: 'MobileNet v1 α0.25' });
    expect(meta.preprocessing).toMatchObject({
      inputSize: 224,
      cropMode: 'squash',
      pixelRange: [-1, 1],
      pixelScaling: 'x / 255 * 2 + -1',
    });
    expect(meta.preprocessing.resize).toMatch(/cropAndResize/);
    expect(meta.settings).toEqual(settings);
    expect(metadata({ backbone, head, classes, settings }).modelName).toBe('transfer-studio-model');
  });

  it('the exported standalone model predicts what backbone → head predicts', async () => {
    const loaded = await loadExported(files.get('model.json')!, files.get('weights.bin')!);
    const x = tf.randomUniform([1, 224, 224, 3], -1, 1, 'float32', 3) as tf.Tensor4D;
    const exported = loaded.predict(x) as tf.Tensor;
    const direct = tf.tidy(() => head.model.predict(backbone.extract(x)) as tf.Tensor);
    expect(exported.shape).toEqual([1, 3]);
    const [a, b] = await Promise.all([exported.data(), direct.data()]);
    for (let i = 0; i < 3; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4);
    expect(Array.from(a).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    tf.dispose([x, exported, direct]);
    loaded.dispose();
  });

  it('the exported head alone predicts what the head predicts', async () => {
    const loaded = await loadExported(files.get('head/model.json')!, files.get('head/weights.bin')!);
    const f = tf.randomUniform([4, 384], 0, 3, 'float32', 5);
    const [a, b] = await Promise.all([
      (loaded.predict(f) as tf.Tensor).data(),
      (head.model.predict(f) as tf.Tensor).data(),
    ]);
    expect(Array.from(a)).toEqual(Array.from(b));
    tf.dispose(f);
    loaded.dispose();
  });

  it('a graph backbone (no layers feature model) exports the head and metadata only', async () => {
    const fake = fakeBackbone();
    const small = buildHead(3, 2, 0, 0, 1);
    expect(standaloneModel(fake, small)).toBeNull();
    const only = await exportFiles({ backbone: fake, head: small, classes: ['a', 'b'], settings });
    expect([...only.keys()].sort()).toEqual(['head/model.json', 'head/weights.bin', 'labels.txt', 'metadata.json']);
    small.dispose();
  });

  it('exportToDir writes the same layout plus run.json', async () => {
    const written = await exportToDir(tmp, { backbone, head, classes, settings, summary: { valAccuracy: 0.5 } });
    expect(written.sort()).toEqual([
      'head/model.json',
      'head/weights.bin',
      'labels.txt',
      'metadata.json',
      'model.json',
      'model.onnx',
      'model.tflite',
      'run.json',
      'weights.bin',
    ]);
    expect((await readdir(tmp)).sort()).toEqual([
      'head',
      'labels.txt',
      'metadata.json',
      'model.json',
      'model.onnx',
      'model.tflite',
      'run.json',
      'weights.bin',
    ]);
    expect(JSON.parse(await readFile(join(tmp, 'run.json'), 'utf8'))).toEqual({ valAccuracy: 0.5 });
    const onDisk = await readFile(join(tmp, 'weights.bin'));
    expect(onDisk.byteLength).toBe((files.get('weights.bin') as Uint8Array).byteLength);
    // the same folder again for an export with no whole model (a graph-model backbone): the earlier
    // whole model does not stay beside it, to be shipped or checked as this one
    await writeExportDir(
      tmp,
      new Map(
        [...files].filter(([name]) => name.startsWith('head/') || name === 'metadata.json' || name === 'labels.txt'),
      ),
    );
    expect((await readdir(tmp)).sort()).toEqual(['head', 'labels.txt', 'metadata.json', 'run.json']);
  });

  it('exporting allocates no lasting tensors', async () => {
    const before = tf.memory().numTensors;
    await exportFiles({ backbone, head, classes, settings });
    expect(tf.memory().numTensors).toBe(before);
  });

  // Regression: the standalone model applies the head inside itself, which kept the head's weights
  // alive after head.dispose() (4 tensors per train/export cycle).
  it('a head that was exported frees all its weights when disposed', async () => {
    const before = tf.memory().numTensors;
    const extra = buildHead(backbone.spec.featureSize, classes.length, 8, 0.3, 9);
    await exportFiles({ backbone, head: extra, classes, settings });
    extra.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
