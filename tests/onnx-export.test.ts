import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { toModelInput } from '../src/core/data/preprocess';
import { checkedExport, exportBytes } from '../src/core/export/bundle';
import { exportFilesReport } from '../src/core/export/export-files';
import { GOLDEN_TOLERANCE } from '../src/core/export/golden';
import { decodeModel } from '../src/core/export/onnx/proto';
import { FeatureCache } from '../src/core/features/cache';
import { fineTunedAbove, releasePretrained, restorePretrained } from '../src/core/finetune/weights';
import { trainPipeline, type LabelledImage } from '../src/core/pipeline';
import { buildHead } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { loadLocalBackbone, solidImage, useBackend } from './helpers';
import { onnxChecker, onnxGoldenDifference } from './onnx-helpers';
import { runTflite, tfliteGoldenDifference, tfliteOps } from './tflite-helpers';

// Issue 20: model.onnx and model.tflite, written by the studio's own code, loaded in real runtimes
// (onnxruntime-web's wasm build and LiteRT.js, Google's TFLite runtime in wasm, both in Node) and
// checked against golden.json to 1e-4, head-only and with 2 fine-tuned blocks, on both built-in
// layers backbones; the ONNX checker passes the ONNX files.

const classes = ['red', 'green', 'blue'];
const COLOURS: [number, number, number][] = [
  [200, 30, 30],
  [30, 200, 30],
  [30, 30, 200],
  [120, 120, 10],
];
let tmp: string;
const written: string[] = [];

beforeAll(async () => {
  await useBackend('wasm');
  tmp = await mkdtemp(join(tmpdir(), 'studio-onnx-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** Images whose colour ramps across them, so convolutions see edges and not only flat colour. */
function ramp(i: number) {
  const img = solidImage(300 + i * 9, 250, COLOURS[i % COLOURS.length]);
  for (let p = 0; p < img.width * img.height; p++) img.data[p * 3 + ((i + 1) % 3)] = (p % img.width) % 256;
  return img;
}

const goldenImages = (bb: Backbone) =>
  COLOURS.map((_, i) => ({
    name: `img${i}.png`,
    label: i % 3,
    input: toModelInput(ramp(i), bb.spec.inputSize, 'center', bb.spec.pixelRange),
  }));

async function exportAndCheck(
  bb: Backbone,
  head: ReturnType<typeof buildHead>,
  settings = DEFAULT_SETTINGS,
  tag: string,
) {
  const images = goldenImages(bb);
  const bundle = await checkedExport({ backbone: bb, head, classes, settings, golden: { images } });
  tf.dispose(images.map((i) => i.input));
  expect(bundle.check.ok).toBe(true);
  expect(Object.keys(unzipSync(bundle.zip))).toEqual(expect.arrayContaining(['model.onnx', 'model.tflite']));
  const diff = await onnxGoldenDifference(bundle.files);
  const tfliteDiff = await tfliteGoldenDifference(bundle.files);
  const path = join(tmp, `${tag}.onnx`);
  await writeFile(path, bundle.files['model.onnx']);
  written.push(path);
  return { bundle, diff, tfliteDiff };
}

describe.each(['mobilenet-v1-0.25', 'mobilenet-v2-0.35'])('%s', (id) => {
  let bb: Backbone;
  beforeAll(async () => {
    bb = await loadLocalBackbone(id);
  });
  afterAll(() => {
    releasePretrained(bb);
    bb.dispose();
  });

  it('head only: model.onnx in onnxruntime and model.tflite in the TFLite runtime match golden.json to 1e-4', async () => {
    const head = buildHead(bb.spec.featureSize, classes.length, 16, 0.3, 7);
    const { bundle, diff, tfliteDiff } = await exportAndCheck(bb, head, DEFAULT_SETTINGS, `${id}-head`);
    head.dispose();
    expect(diff).toBeLessThan(GOLDEN_TOLERANCE);
    expect(tfliteDiff).toBeLessThan(GOLDEN_TOLERANCE);
    // TFLite: BatchNorm folded (no MUL/ADD pairs), ReLU6 fused (no RELU6 ops), softmax last, NHWC input
    const lite = tfliteOps(bundle.files['model.tflite']);
    const count = (op: string) => lite.ops.filter((o) => o === op).length;
    expect(count('CONV_2D') + count('DEPTHWISE_CONV_2D')).toBe(id.includes('v1') ? 27 : 52);
    expect(count('MUL') + count('RELU6') + count('RELU')).toBe(0);
    expect(count('ADD')).toBe(id.includes('v1') ? 0 : 10);
    expect(lite.ops.at(-1)).toBe('SOFTMAX');
    expect(lite.input).toEqual({ name: 'input', shape: [1, 224, 224, 3] });
    expect(JSON.parse(lite.metadata.transfer_studio)).toMatchObject({
      labels: classes,
      inputRange: [-1, 1],
      cropMode: 'center',
      inputSize: 224,
      backbone: id,
    });
    const model = decodeModel(bundle.files['model.onnx']);
    expect(model.opset_import[0].version).toBeGreaterThanOrEqual(13);
    const ops = model.graph.node.map((n) => n.op_type);
    // BatchNorm is folded into the convolutions; the model ends in softmax
    expect(ops).not.toContain('BatchNormalization');
    expect(ops.filter((o) => o === 'Conv').length).toBe(id.includes('v1') ? 27 : 52);
    expect(ops.at(-2)).toBe('Softmax');
    expect(
      model.graph.input[0].type.tensor_type.shape.dim.map((d) => ('dim_param' in d ? d.dim_param : d.dim_value)),
    ).toEqual(['batch', 224, 224, 3]);
    const meta = Object.fromEntries(model.metadata_props.map((p) => [p.key, p.value]));
    expect(JSON.parse(meta.labels)).toEqual(classes);
    expect(JSON.parse(meta.input_range)).toEqual([-1, 1]);
    expect(meta).toMatchObject({ crop_mode: 'center', input_size: '224', backbone: id });
    expect(meta.input_layout).toMatch(/^NHWC/);
    const metadata = JSON.parse(strFromU8(bundle.files['metadata.json']));
    expect(metadata.onnx).toMatchObject({
      file: 'model.onnx',
      opset: 13,
      layout: 'NHWC',
      input: 'input',
      output: 'probabilities',
      bytes: bundle.files['model.onnx'].byteLength,
    });
    expect(metadata.tflite).toMatchObject({
      file: 'model.tflite',
      layout: 'NHWC',
      input: 'input',
      output: 'probabilities',
      bytes: bundle.files['model.tflite'].byteLength,
    });
  }, 120_000);

  it('2 fine-tuned blocks: the trained blocks reach model.onnx and model.tflite, which match golden.json to 1e-4', async () => {
    const images: LabelledImage[] = Array.from({ length: 9 }, (_, i) => ({ id: `img${i}`, label: i % 3 }));
    const settings = {
      ...DEFAULT_SETTINGS,
      epochs: 2,
      batchSize: 3,
      valSplit: 0.34,
      unfreeze: 2,
      augmentViews: 0,
      warmupEpochs: 0,
      hiddenUnits: 16,
      learningRate: 0.01,
    };
    const outcome = await trainPipeline({
      backbone: bb,
      classes,
      images,
      decode: async (id) => ramp(Number(id.slice(3))),
      cache: new FeatureCache(),
      settings,
    });
    expect(fineTunedAbove(bb)).not.toBeNull();
    const tuned = await exportAndCheck(bb, outcome.head, settings, `${id}-tuned`);
    expect(tuned.diff).toBeLessThan(GOLDEN_TOLERANCE);
    expect(tuned.tfliteDiff).toBeLessThan(GOLDEN_TOLERANCE);
    // the same head on the pretrained blocks predicts something else: the ONNX file holds the trained blocks
    restorePretrained(bb);
    const pretrained = await exportAndCheck(bb, outcome.head, settings, `${id}-pretrained`);
    const a = decodeModel(tuned.bundle.files['model.onnx']).graph.initializer;
    const b = decodeModel(pretrained.bundle.files['model.onnx']).graph.initializer;
    const changed = a
      .filter((t, i) => Buffer.compare(Buffer.from(t.raw_data), Buffer.from(b[i].raw_data)) !== 0)
      .map((t) => t.name);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((n) => !n.startsWith('head_'))).toBe(true);
    outcome.head.dispose();
  }, 300_000);
});

describe('the ONNX checker', () => {
  it('onnx.checker.check_model(full_check=True) passes every file written above', () => {
    expect(written.length).toBe(6);
    const out = onnxChecker(written);
    expect(out.trim().split('\n')).toHaveLength(written.length);
  });
});

describe('the schema', () => {
  it('onnx-pb.js is what protobufjs-cli generates from onnx.proto (npx tsx scripts/onnx-schema.ts regenerates it)', async () => {
    const { generate, ONNX_DIR } = await import('../scripts/onnx-schema');
    const out = join(tmp, 'onnx-pb.js');
    await generate(out);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ONNX_DIR, 'onnx-pb.js'), 'utf8'));
  });

  it('schema/ is what flatc generates from tflite-subset.fbs (npx tsx scripts/tflite-schema.ts regenerates it)', async () => {
    const { generate, SCHEMA_DIR } = await import('../scripts/tflite-schema');
    const out = join(tmp, 'tflite-schema');
    // a file flatc no longer writes must go, or it would linger beside the fresh ones
    mkdirSync(out);
    writeFileSync(join(out, 'stale.ts'), '');
    generate(out);
    const files = (dir: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => statSync(join(dir, f)).isFile())
        .sort();
    expect(files(out)).toEqual(files(SCHEMA_DIR));
    for (const f of files(out))
      expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(SCHEMA_DIR, f), 'utf8'));
  });
});

describe('a model ONNX and TFLite cannot hold exactly', () => {
  it('is refused with the layer name; the TF.js files are still written', async () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const conv = tf.layers
      .conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'stem' })
      .apply(input) as tf.SymbolicTensor;
    const odd = tf.layers.layerNormalization({ name: 'odd_norm' }).apply(conv) as tf.SymbolicTensor;
    const featureModel = tf.model({ inputs: input, outputs: odd });
    const spec = { ...(await import('./helpers')).FAKE_SPEC, featureSize: 4, inputSize: 8 };
    const bb: Backbone = {
      spec,
      featureModel,
      paramCount: featureModel.countParams(),
      extract: (x) => tf.tidy(() => (featureModel.predict(x) as tf.Tensor4D).mean([1, 2]) as tf.Tensor2D),
      dispose: () => featureModel.dispose(),
    };
    const head = buildHead(4, 2, 0, 0, 1);
    const { files, onnx, tflite } = await exportFilesReport({
      backbone: bb,
      head,
      classes: ['a', 'b'],
      settings: DEFAULT_SETTINGS,
    });
    expect(onnx).toEqual({
      refused: 'No model.onnx: layer "odd_norm" (LayerNormalization) has no ONNX translation in this exporter',
    });
    expect([...files.keys()]).toContain('model.json');
    expect(tflite).toEqual({
      refused: 'No model.tflite: layer "odd_norm" (LayerNormalization) has no TFLite translation in this exporter',
    });
    expect([...files.keys()]).not.toContain('model.onnx');
    expect([...files.keys()]).not.toContain('model.tflite');
    expect(
      JSON.parse(exportBytes(files)['metadata.json'] ? strFromU8(exportBytes(files)['metadata.json']) : '{}').onnx,
    ).toEqual(onnx);
    head.dispose();
    bb.dispose();
  });
});

describe('the converters on other Keras layers', () => {
  /** A small model with the layers MobileNets lack; `leaky`: a LeakyReLU (ONNX writes it, TFLite refuses it) or a plain ReLU. */
  function oddLayersModel(leaky: boolean) {
    const L = tf.layers;
    const input = tf.input({ shape: [17, 17, 3] });
    const padded = L.zeroPadding2d({
      padding: [
        [1, 2],
        [0, 1],
      ],
      name: 'pad',
    }).apply(input) as tf.SymbolicTensor;
    const a = L.conv2d({
      filters: 6,
      kernelSize: 3,
      strides: 2,
      padding: 'valid',
      activation: 'swish',
      name: 'conv_a',
    }).apply(padded) as tf.SymbolicTensor;
    const relu = (leaky ? L.leakyReLU({ alpha: 0.2, name: 'leaky' }) : L.reLU({ name: 'relu' })).apply(
      a,
    ) as tf.SymbolicTensor;
    const bn = L.batchNormalization({ name: 'bn_alone' }).apply(relu) as tf.SymbolicTensor;
    const b = L.depthwiseConv2d({
      kernelSize: 3,
      depthMultiplier: 2,
      padding: 'same',
      useBias: true,
      name: 'dw_b',
    }).apply(bn) as tf.SymbolicTensor;
    const c = L.conv2d({ filters: 12, kernelSize: 1, name: 'pw_c' }).apply(bn) as tf.SymbolicTensor;
    const sum = L.add({ name: 'sum' }).apply([b, c]) as tf.SymbolicTensor;
    const cat = L.concatenate({ name: 'cat' }).apply([
      sum,
      L.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same', name: 'maxp' }).apply(sum) as tf.SymbolicTensor,
    ]) as tf.SymbolicTensor;
    const avg = L.averagePooling2d({ poolSize: 2, padding: 'same', name: 'avgp' }).apply(cat) as tf.SymbolicTensor;
    const flat = L.flatten({ name: 'flat' }).apply(avg) as tf.SymbolicTensor;
    const out = L.dense({ units: 4, activation: 'softmax', name: 'out' }).apply(flat) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    // BatchNorm with statistics of its own, so folding and the standalone path both matter
    const bnLayer = model.getLayer('bn_alone');
    bnLayer.setWeights(
      bnLayer
        .getWeights()
        .map((w, i) => tf.randomUniform(w.shape, i === 3 ? 0.5 : -0.5, i === 3 ? 2 : 0.5, 'float32', 3 + i)),
    );
    return model;
  }

  it('padding, pooling, standalone BatchNorm, merges, leaky ReLU, swish and flatten match tfjs to 1e-4 in onnxruntime', async () => {
    const { layersModelToOnnx } = await import('../src/core/export/onnx/convert');
    const { modelArtifacts } = await import('../src/core/export/export-files');
    const { runOnnx } = await import('./onnx-helpers');
    const model = oddLayersModel(true);
    const x = tf.randomUniform([2, 17, 17, 3], -1, 1, 'float32', 11);
    const want = (await (model.predict(x) as tf.Tensor).array()) as number[][];
    const art = await modelArtifacts(model);
    const bytes = layersModelToOnnx({
      modelTopology: art.modelTopology,
      weightSpecs: art.weightSpecs!,
      weightData: art.weightData as ArrayBuffer,
    });
    const got = await runOnnx(bytes, (await x.data()) as Float32Array, [2, 17, 17, 3]);
    const diff = Math.max(...got.flatMap((row, i) => row.map((v, j) => Math.abs(v - want[i][j]))));
    expect(diff).toBeLessThan(1e-4);
    expect(decodeModel(bytes).graph.node.map((n) => n.op_type)).toEqual(
      expect.arrayContaining([
        'Pad',
        'LeakyRelu',
        'Mul',
        'Add',
        'Concat',
        'MaxPool',
        'AveragePool',
        'Flatten',
        'Gemm',
        'Softmax',
      ]),
    );
    tf.dispose([x]);
    model.dispose();
  });

  it('padding, pooling, standalone BatchNorm, merges, ReLU, swish and flatten match tfjs to 1e-4 in the TFLite runtime; LeakyReLU is refused by name', async () => {
    const { layersModelToTflite } = await import('../src/core/export/tflite/convert');
    const { modelArtifacts } = await import('../src/core/export/export-files');
    const files = async (m: tf.LayersModel) => {
      const art = await modelArtifacts(m);
      return {
        modelTopology: art.modelTopology,
        weightSpecs: art.weightSpecs!,
        weightData: art.weightData as ArrayBuffer,
      };
    };
    const leaky = oddLayersModel(true);
    const leakyFiles = await files(leaky);
    expect(() => layersModelToTflite(leakyFiles)).toThrow(
      'layer "leaky" (LeakyReLU) has no TFLite translation in this exporter',
    );
    leaky.dispose();
    const model = oddLayersModel(false);
    const x = tf.randomUniform([2, 17, 17, 3], -1, 1, 'float32', 11);
    const want = (await (model.predict(x) as tf.Tensor).array()) as number[][];
    const bytes = layersModelToTflite(await files(model));
    const got = await runTflite(bytes, (await x.data()) as Float32Array, [2, 17, 17, 3]);
    const diff = Math.max(...got.flatMap((row, i) => row.map((v, j) => Math.abs(v - want[i][j]))));
    expect(diff).toBeLessThan(1e-4);
    expect(tfliteOps(bytes).ops).toEqual(
      expect.arrayContaining([
        'PAD',
        'LOGISTIC',
        'MUL',
        'RELU',
        'ADD',
        'CONCATENATION',
        'MAX_POOL_2D',
        'AVERAGE_POOL_2D',
        'RESHAPE',
        'FULLY_CONNECTED',
        'SOFTMAX',
      ]),
    );
    tf.dispose([x]);
    model.dispose();
  });
});
