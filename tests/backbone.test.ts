import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readArtifacts, urlModelFiles } from '../src/core/backbones/model-files';
import { findLayerOwner, type Backbone } from '../src/core/backbones/backbone';
import { joinUrl, loadBackbone, urlCandidates, type ArtifactCache, type Candidate } from '../src/core/backbones/load';
import { dirModelFiles } from '../src/core/backbones/node-files';
import { BACKBONES, getBackboneSpec } from '../src/core/backbones/registry';
import { localCandidate, MODELS_DIR, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

/** Random images in the spec's pixel range, features through the backbone, as plain numbers. */
async function features(backbone: Backbone, n: number, seed = 1): Promise<{ shape: number[]; values: Float32Array }> {
  const { min, max } = backbone.spec.pixelRange;
  const size = backbone.spec.inputSize;
  const out = tf.tidy(() =>
    backbone.extract(tf.randomUniform([n, size, size, 3], min, max, 'float32', seed) as tf.Tensor4D),
  );
  const values = (await out.data()) as Float32Array;
  const shape = out.shape;
  out.dispose();
  return { shape, values };
}

/**
 * How far `values` (features() of 2 images, seed 1) lie from the plain global averages of the two
 * named maps side by side: what the joined layers (backbone.ts MID_POOL) must give exactly.
 */
async function worstFromTwoMaps(backbone: Backbone, maps: [string, string], values: Float32Array): Promise<number> {
  const model = backbone.featureModel!;
  const both = tf.model({
    inputs: model.inputs,
    outputs: maps.map((n) => model.getLayer(n).output as tf.SymbolicTensor),
  });
  const { min, max } = backbone.spec.pixelRange;
  const size = backbone.spec.inputSize;
  const expected = tf.tidy(() => {
    const out = both.predict(tf.randomUniform([2, size, size, 3], min, max, 'float32', 1)) as tf.Tensor4D[];
    return tf.concat(
      out.map((m) => m.mean([1, 2])),
      1,
    );
  });
  const e = (await expected.data()) as Float32Array;
  expected.dispose();
  expect(e.length).toBe(values.length);
  return e.reduce((worst, v, i) => Math.max(worst, Math.abs(v - values[i])), 0);
}

function expectUsefulFeatures(values: Float32Array) {
  expect(values.every(Number.isFinite)).toBe(true);
  expect(values.some((v) => v !== 0)).toBe(true);
  // pooled ReLU activations are never negative
  expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
}

describe('registry', () => {
  it('finds specs by id and lists known ids for an unknown one', () => {
    // the feature layer's 256 channels and the 128 of the block-11 map pooled beside them
    expect(getBackboneSpec('mobilenet-v1-0.25').featureSize).toBe(256 + 128);
    expect(() => getBackboneSpec('resnet-50')).toThrow(
      `Unknown backbone "resnet-50". Known backbones: ${BACKBONES.map((b) => b.id).join(', ')}`,
    );
  });

  it('builds local-then-hosted URL candidates', () => {
    const spec = getBackboneSpec('mobilenet-v2-0.35');
    expect(urlCandidates(spec, '/models').map((c) => [c.source, c.files.where])).toEqual([
      ['local', '/models/mobilenet_v2_0.35_224_tm/model.json'],
      ['hosted', spec.hostedUrl],
    ]);
    expect(urlCandidates(spec, null).map((c) => c.source)).toEqual(['hosted']);
    expect(joinUrl('/m/', 'a/model.json')).toBe('/m/a/model.json');
  });
});

describe('loadBackbone', () => {
  it('MobileNet v1 α0.25 (layers) gives 384 features per image: the feature map and the block-11 map, each averaged', async () => {
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const start = tf.memory().numTensors;
    const { backbone, source, where } = await loadBackbone(spec, [localCandidate(spec)]);
    expect(source).toBe('local');
    expect(where).toContain('mobilenet_v1_0.25_224');
    expect(backbone.featureModel).not.toBeNull();
    expect(backbone.featureModel!.outputs[0].shape).toEqual([null, 7, 7, 384]);
    // the feature model stops at conv_pw_13_relu: the 1000-class head is not counted
    expect(backbone.paramCount).toBeGreaterThan(200_000);
    expect(backbone.paramCount).toBeLessThan(240_000);
    const { shape, values } = await features(backbone, 2);
    expect(shape).toEqual([2, 384]);
    expectUsefulFeatures(values);
    // two different images give different features; the same image gives the same ones
    expect(values.slice(0, 384)).not.toEqual(values.slice(384));
    expect((await features(backbone, 2)).values).toEqual(values);
    expect(await worstFromTwoMaps(backbone, ['conv_pw_13_relu', 'conv_pw_11_relu'], values)).toBeLessThan(1e-5);
    backbone.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('MobileNetV2 α0.35 (Teachable Machine export, nested model) gives 1280 + 192 features: out_relu and block 13’s expansion, each averaged', async () => {
    const spec = getBackboneSpec('mobilenet-v2-0.35');
    const start = tf.memory().numTensors;
    const { backbone } = await loadBackbone(spec, [localCandidate(spec)]);
    const loaded = tf.memory().numTensors - start;
    expect(backbone.featureModel!.outputs[0].shape).toEqual([null, 7, 7, 1472]);
    const { shape, values } = await features(backbone, 2);
    expect(shape).toEqual([2, 1472]);
    expectUsefulFeatures(values);
    expect(await worstFromTwoMaps(backbone, ['out_relu', 'block_13_expand_relu'], values)).toBeLessThan(1e-5);
    const backboneWeights = backbone.featureModel!.weights.length;
    expect(backboneWeights).toBeGreaterThan(250);
    backbone.dispose();
    // every backbone weight is freed (the TM export's own small dense head: see the next test)
    const left = tf.memory().numTensors - start;
    expect(left).toBeLessThanOrEqual(loaded - backboneWeights);
  });

  // Regression: the TM export's own head weights are counted twice by tfjs; dispose must free them.
  it('MobileNetV2 α0.35: dispose() frees every tensor the export loaded', async () => {
    const spec = getBackboneSpec('mobilenet-v2-0.35');
    const start = tf.memory().numTensors;
    const { backbone } = await loadBackbone(spec, [localCandidate(spec)]);
    backbone.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('graph backbone (v1 α0.25 via @tensorflow-models/mobilenet) gives 256 features', async () => {
    const spec = getBackboneSpec('mobilenet-v1-0.25-graph');
    const start = tf.memory().numTensors;
    const { backbone } = await loadBackbone(spec, [localCandidate(spec)]);
    expect(backbone.featureModel).toBeNull();
    expect(backbone.paramCount).toBeGreaterThan(200_000);
    const { shape, values } = await features(backbone, 2);
    expect(shape).toEqual([2, 256]);
    expectUsefulFeatures(values);
    expect(values.slice(0, 256)).not.toEqual(values.slice(256));
    backbone.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('when every place fails, the error lists each place tried and what went wrong', async () => {
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const missingDir = `${MODELS_DIR}/not-here`;
    const html = (async () => new Response('<!doctype html><html></html>', { status: 200 })) as unknown as typeof fetch;
    const offline = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const candidates: Candidate[] = [
      { source: 'local', files: dirModelFiles(missingDir) },
      { source: 'local', files: urlModelFiles('http://127.0.0.1:5173/models/x/model.json', html) },
      { source: 'hosted', files: urlModelFiles(spec.hostedUrl, offline) },
    ];
    const err = await loadBackbone(spec, candidates).then(
      () => null,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(Error);
    const msg = err!.message;
    expect(msg).toContain(`Could not load ${spec.name}. Tried:`);
    expect(msg).toContain(`- local copy: ${missingDir}/model.json does not exist`);
    expect(msg).toContain('- local copy: http://127.0.0.1:5173/models/x/model.json returned a web page');
    expect(msg).toContain(`- hosted copy: ${spec.hostedUrl} could not be reached (fetch failed)`);
    expect(msg).toMatch(/load its model\.json and weight files from disk/);
    expect(msg).not.toContain('Failed to parse model JSON');
  });

  it('falls through a failing candidate to the next one', async () => {
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const { backbone, source } = await loadBackbone(spec, [
      { source: 'hosted', files: dirModelFiles(`${MODELS_DIR}/not-here`) },
      { source: 'files', files: localCandidate(spec).files },
    ]);
    expect(source).toBe('files');
    backbone.dispose();
  });

  it('a model without the feature layer is refused with a clear message and nothing leaks', async () => {
    const v1 = getBackboneSpec('mobilenet-v1-0.25');
    const start = tf.memory().numTensors;
    const wrong = { ...v1, featureLayer: 'out_relu' };
    await expect(loadBackbone(wrong, [localCandidate(v1)])).rejects.toThrow(
      /has no layer "out_relu", so it is not this backbone/,
    );
    expect(tf.memory().numTensors).toBe(start);
  });

  it('stores what it read in the artifact cache and loads from it next time', async () => {
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const store = new Map<string, tf.io.ModelArtifacts>();
    const cache: ArtifactCache = {
      get: async (k) => store.get(k),
      put: async (k, a) => void store.set(k, a),
    };
    const first = await loadBackbone(spec, [localCandidate(spec)], { cache });
    expect(first.source).toBe('local');
    expect([...store.keys()]).toEqual([spec.id]);
    const reads: string[] = [];
    const counting: Candidate = {
      source: 'local',
      files: {
        where: 'counting',
        readModelJson: async () => (reads.push('json'), '{}'),
        readShard: async () => new ArrayBuffer(0),
      },
    };
    const progress: string[] = [];
    const second = await loadBackbone(spec, [counting], { cache, onProgress: (_, d) => progress.push(d) });
    expect(second.source).toBe('cache');
    expect(second.where).toBe('offline cache');
    expect(reads).toEqual([]);
    expect(progress).toEqual(['from the offline cache']);
    // the cached copy computes the same features as the freshly loaded one
    expect((await features(second.backbone, 1, 9)).values).toEqual((await features(first.backbone, 1, 9)).values);
    first.backbone.dispose();
    second.backbone.dispose();
  });

  it('a broken cache neither stops loading nor hides the real error', async () => {
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const broken: ArtifactCache = {
      get: async () => {
        throw new Error('IndexedDB unavailable');
      },
      put: async () => {
        throw new Error('quota exceeded');
      },
    };
    const ok = await loadBackbone(spec, [localCandidate(spec)], { cache: broken });
    expect(ok.source).toBe('local');
    expect(ok.notCached).toBe('quota exceeded');
    ok.backbone.dispose();
    await expect(
      loadBackbone(spec, [{ source: 'local', files: dirModelFiles(`${MODELS_DIR}/nope`) }], { cache: broken }),
    ).rejects.toThrow(/- offline cache: IndexedDB unavailable\n- local copy: .*does not exist/);
  });
});

describe('findLayerOwner', () => {
  it('finds the nested model that owns a layer in the Teachable Machine export', async () => {
    const spec = getBackboneSpec('mobilenet-v2-0.35');
    const artifacts = await readArtifacts(localCandidate(spec).files);
    const full = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    const owner = findLayerOwner(full, 'out_relu');
    expect(owner).not.toBeNull();
    expect(owner).not.toBe(full);
    expect(owner!.layers.some((l) => l.name === 'out_relu')).toBe(true);
    expect(findLayerOwner(full, 'no_such_layer')).toBeNull();
    full.dispose();
  });
});
