import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantiateBackbone, type Backbone } from '../src/core/backbones/backbone';
import { customBackboneSpec, inspectLayersModel } from '../src/core/backbones/custom';
import { registerBackbone, unregisterBackbone } from '../src/core/backbones/registry';
import { exportBytes } from '../src/core/export/bundle';
import { exportFiles, modelArtifacts } from '../src/core/export/export-files';
import { checkExportFiles } from '../src/core/export/verify';
import { importModelFiles } from '../src/core/model-import/read-model-zip';
import { buildHead, type Head } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { useBackend } from './helpers';

const SIZE = 40;
let backbone: Backbone;
let head: Head;
let files: Record<string, Uint8Array>;
let specId: string;

const inputShape = (json: Uint8Array) =>
  (
    JSON.parse(strFromU8(json)) as {
      modelTopology: { config: { layers: { class_name: string; config: { batch_input_shape?: unknown } }[] } };
    }
  ).modelTopology.config.layers.find((l) => l.class_name === 'InputLayer')!.config.batch_input_shape;

beforeAll(async () => {
  await useBackend('cpu');
  // a backbone someone brings that takes any image size: the studio asks them for one
  const input = tf.input({ shape: [null, null, 3] });
  const c1 = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'c1' })
    .apply(input) as tf.SymbolicTensor;
  const c2 = tf.layers
    .conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'c2' })
    .apply(c1) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: c2, name: 'any_size' });
  const artifacts = await modelArtifacts(model);
  const found = inspectLayersModel(model, artifacts.weightData!);
  model.dispose();
  expect(found.inputSize).toBeNull();
  const spec = customBackboneSpec(found, { featureLayer: 'c2', pixelRange: { min: 0, max: 1 }, inputSize: SIZE });
  specId = spec.id;
  registerBackbone(spec);
  backbone = await instantiateBackbone(spec, artifacts);
  head = buildHead(spec.featureSize, 3, 0, 0, 1);
  const images = [0, 1].map((i) => ({
    name: `${i}.png`,
    label: i,
    input: tf.randomUniform([SIZE, SIZE, 3], 0, 1, 'float32', i + 1) as tf.Tensor3D,
  }));
  files = exportBytes(
    await exportFiles({
      backbone,
      head,
      classes: ['a', 'b', 'c'],
      settings: { ...DEFAULT_SETTINGS },
      golden: { images },
    }),
  );
  tf.dispose(images.map((g) => g.input));
});
afterAll(() => {
  head?.dispose();
  backbone?.dispose();
  if (specId) unregisterBackbone(specId);
});

describe('a brought backbone that takes any image size', () => {
  it('is exported at the size the run used, and the studio imports its own zip back', async () => {
    expect(inputShape(files['model.json'])).toEqual([null, SIZE, SIZE, 3]);
    expect((await checkExportFiles(files)).ok).toBe(true);
    const m = await importModelFiles(zipSync(files));
    expect(m.inputSize).toBe(SIZE);
    expect(m.source).toBe('studio');
    expect(m.labels).toEqual(['a', 'b', 'c']);
    const x = tf.randomUniform([1, SIZE, SIZE, 3]);
    const [got, want] = [
      m.model.predict(x) as tf.Tensor,
      tf.tidy(() => tf.softmax(head.logits(backbone.extract(x as tf.Tensor4D)))),
    ];
    expect(Math.max(...Array.from(await got.sub(want).abs().data()))).toBeLessThan(1e-5);
    tf.dispose([x, got, want]);
    m.model.dispose();
  });

  it('a zip exported before (input [null, null, null, 3]) takes its size from metadata.json', async () => {
    const json = JSON.parse(strFromU8(files['model.json']));
    const layer = json.modelTopology.config.layers.find((l: { class_name: string }) => l.class_name === 'InputLayer');
    layer.config.batch_input_shape = [null, null, null, 3];
    const old = { ...files, 'model.json': strToU8(JSON.stringify(json)) };
    expect(inputShape(old['model.json'])).toEqual([null, null, null, 3]);
    const m = await importModelFiles(zipSync(old));
    expect(m.inputSize).toBe(SIZE);
    m.model.dispose();

    // without a size anywhere, the import says what is missing instead of guessing
    const meta = JSON.parse(strFromU8(files['metadata.json']));
    delete meta.preprocessing.inputSize;
    delete meta.imageSize;
    await expect(importModelFiles(zipSync({ ...old, 'metadata.json': strToU8(JSON.stringify(meta)) }))).rejects.toThrow(
      'This model takes images of any size and its metadata.json gives no input size (preprocessing.inputSize or imageSize): add the size the model was trained at there, or export the model again.',
    );
  });
});
