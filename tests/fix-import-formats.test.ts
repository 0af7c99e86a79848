import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { NAME_LIMITS } from '../src/core/project/record';
import { headOnlyForIn } from '../src/core/model-import/head-only';
import { importModelFiles } from '../src/core/model-import/read-model-zip';
import { MODELS_DIR, useBackend } from './helpers';
import { modelFiles as savedFiles, modelZip, rejection } from './helpers-model-zip';

// classify.ts decodes photos with the browser's createImageBitmap: not needed for a tensor in
vi.mock('../src/core/data/decode-browser', () => ({ decodeImageBlob: () => Promise.reject(new Error('unused')) }));
const { importedClassifier } = await import('../src/worker/classify');

beforeAll(() => useBackend('cpu'));

/** model.json + weights.bin of `model`, as tfjs' save writes them */
const modelFiles = (model: tf.LayersModel) => savedFiles(model, { generatedBy: 'test', convertedBy: null });

/** a tiny image classifier: [8, 8, 3] → pooled → Dense(units, activation) */
function imageModel(units: number, activation: 'linear' | 'softmax' | 'sigmoid'): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, 3] });
  const pooled = tf.layers.globalAveragePooling2d({}).apply(input) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units, activation, kernelInitializer: 'randomNormal', biasInitializer: 'ones' })
    .apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

describe('importing what the studio cannot run says so in plain words', () => {
  it('a TF.js graph model: names it, no raw JSON, under 300 characters', async () => {
    const dir = join(MODELS_DIR, 'mobilenet_v1_0.25_224_graph');
    const files: Record<string, Uint8Array> = { 'metadata.json': strToU8(JSON.stringify({ labels: ['a', 'b'] })) };
    for (const f of readdirSync(dir))
      if (f.endsWith('.json') || f.endsWith('.bin')) files[f] = readFileSync(join(dir, f));
    const message = await rejection(importModelFiles(zipSync(files)));
    expect(message).toMatch(/graph model/);
    expect(message).not.toMatch(/[{[]"/);
    expect(message.length).toBeLessThan(300);
  });

  it("tfjs' own refusal of model.json is cut to its first sentence, without JSON", async () => {
    const files = await modelFiles(imageModel(2, 'softmax'));
    const json = JSON.parse(new TextDecoder().decode(files['model.json']));
    json.modelTopology.config.layers[1].class_name = 'FancyPooling';
    json.modelTopology.config.layers[1].config.note = 'x'.repeat(5000);
    const odd = { ...files, 'model.json': strToU8(JSON.stringify(json)) };
    const message = await rejection(importModelFiles(modelZip(odd, { labels: ['a', 'b'] })));
    expect(message).toMatch(/FancyPooling/);
    expect(message).not.toMatch(/[{[]"|\n/);
    expect(message.length).toBeLessThan(300);
  });

  it('a Teachable Machine pose export is named as pose, not as a head', async () => {
    const input = tf.input({ shape: [14739] });
    const out = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
    const files = await modelFiles(tf.model({ inputs: input, outputs: out }));
    const pose = modelZip(files, { packageName: '@teachablemachine/pose', labels: ['up', 'down'] });
    const message = await rejection(importModelFiles(pose));
    expect(message).toMatch(/pose/);
    expect(message).not.toMatch(/head/);
    // an audio export names its classes wordLabels: it is said to be audio, not to lack labels
    const audio = modelZip(files, { wordLabels: ['_background_noise_', 'yes'] });
    expect(await rejection(importModelFiles(audio))).toMatch(/audio/);
  });

  it('a model.json without weightsManifest: a plain message, not a TypeError', async () => {
    const files = await modelFiles(imageModel(2, 'softmax'));
    const json = JSON.parse(new TextDecoder().decode(files['model.json']));
    delete json.weightsManifest;
    const broken = { ...files, 'model.json': strToU8(JSON.stringify(json)) };
    const message = await rejection(importModelFiles(modelZip(broken, { labels: ['a', 'b'] })));
    expect(message).toMatch(/weightsManifest/);
    expect(message).not.toMatch(/not iterable/);
  });

  it('a head for a brought backbone this browser lacks names it by its name and says where to bring it', async () => {
    const input = tf.input({ shape: [16] });
    const out = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
    const files = await modelFiles(tf.model({ inputs: input, outputs: out }));
    const head = modelZip(files, {
      labels: ['a', 'b'],
      userMetadata: { backbone: 'custom-ab12cd', backboneName: 'My EfficientNet' },
    });
    const message = await rejection(importModelFiles(head));
    expect(message).toMatch(/"My EfficientNet"/);
    expect(message).toMatch(/Bring your own backbone/);
    expect(message).not.toMatch(/load that backbone first/);
    // the page still reads which backbone it waits for out of the message
    expect(headOnlyForIn(message)).toBe('custom-ab12cd');
  });
});

describe('another layers model is taken for what it is', () => {
  it('a linear-output model answers probabilities (summing to 1), and is not called Teachable Machine', async () => {
    const files = await modelFiles(imageModel(2, 'linear'));
    const m = await importModelFiles(modelZip(files, { labels: ['cat', 'dog'] }));
    expect(m.source).not.toBe('teachable-machine');
    // the pixel scaling was assumed: the reader says so, for the page to show
    expect(m.assumed).toMatch(/127/);
    const c = importedClassifier(m, null);
    const probs = c.run(tf.ones([8, 8, 3]).mul(50) as tf.Tensor3D);
    const values = Array.from(await probs.data());
    probs.dispose();
    expect(values.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    m.model.dispose();
  });

  it('a model with two outputs is refused in plain words (Try it failed on it)', async () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const pooled = tf.layers.globalAveragePooling2d({}).apply(input) as tf.SymbolicTensor;
    const a = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(pooled) as tf.SymbolicTensor;
    const b = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(pooled) as tf.SymbolicTensor;
    const two = tf.model({ inputs: input, outputs: [a, b] });
    const files = await modelFiles(two);
    two.dispose();
    expect(await rejection(importModelFiles(modelZip(files, { labels: ['a', 'b'] })))).toMatch(
      /has 2 outputs; the studio imports classifiers with one/,
    );
  });

  it("a Sequential model ending in softmax (the studio's own head) answers its probabilities unchanged, not softmaxed twice", async () => {
    const seq = tf.sequential({
      layers: [
        tf.layers.globalAveragePooling2d({ inputShape: [8, 8, 3] }),
        tf.layers.dense({ units: 2, kernelInitializer: 'randomNormal', biasInitializer: 'ones' }),
        tf.layers.activation({ activation: 'softmax' }),
      ],
    });
    const m = await importModelFiles(modelZip(await modelFiles(seq), { labels: ['a', 'b'] }));
    expect(m.outputs).toBe('probabilities');
    const input = tf.ones([8, 8, 3]).mul(50) as tf.Tensor3D;
    const own = seq.predict(input.expandDims(0)) as tf.Tensor;
    const probs = importedClassifier(m, null).run(input);
    expect(Array.from(await probs.data())[0]).toBeCloseTo((await own.data())[0], 5);
    tf.dispose([input, own, probs]);
    seq.dispose();
    m.model.dispose();
  });

  it('a Teachable Machine image export is called so; a sigmoid-output model is refused in plain words', async () => {
    const files = await modelFiles(imageModel(2, 'softmax'));
    const tm = await importModelFiles(modelZip(files, { packageName: '@teachablemachine/image', labels: ['a', 'b'] }));
    expect(tm.source).toBe('teachable-machine');
    expect(tm.assumed).toBeUndefined();
    tm.model.dispose();
    const sigmoid = await modelFiles(imageModel(2, 'sigmoid'));
    const message = await rejection(importModelFiles(modelZip(sigmoid, { labels: ['a', 'b'] })));
    expect(message).toMatch(/sigmoid/);
  });
});

describe("a model's labels the project could not keep whole", () => {
  it(`a label over ${NAME_LIMITS.className} characters is refused, saying the limit`, async () => {
    const files = await modelFiles(imageModel(2, 'softmax'));
    const long = 'x'.repeat(250);
    const message = await rejection(importModelFiles(modelZip(files, { labels: ['a', long] })));
    expect(message).toMatch(new RegExp(`${NAME_LIMITS.className} characters`));
    expect(message.length).toBeLessThan(400);
  });
});
