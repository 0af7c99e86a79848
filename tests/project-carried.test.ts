import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateBackbone } from '../src/core/backbones/backbone';
import { customBackboneSpec, inspectLayersModel } from '../src/core/backbones/custom';
import { loadBackbone, type ArtifactCache } from '../src/core/backbones/load';
import { readArtifacts } from '../src/core/backbones/model-files';
import { dirModelFiles } from '../src/core/backbones/node-files';
import { modelArtifacts } from '../src/core/export/export-files';
import { readHead, type HeadStart } from '../src/core/model-import/head-start';
import {
  backboneFiles,
  parseBackboneSpec,
  readBackbones,
  readStart,
  START_BIN,
  START_JSON,
  startFiles,
  type CarriedFiles,
} from '../src/core/project/carried';
import { readProjectZip, writeProjectZip } from '../src/core/project/project-zip';
import type { ProjectRecord } from '../src/core/project/record';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { customModelsApi } from '../src/worker/custom-models-api';
import { MODELS_DIR, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

const record: ProjectRecord = {
  version: 1,
  classes: [{ id: 'c1', name: 'cats', images: [] }],
  settings: { ...DEFAULT_SETTINGS },
  backboneId: 'mobilenet-v2-0.35',
  savedAt: '2026-12-02T00:00:00.000Z',
};

/** through a real project zip and back: what Open project reads of what Download project wrote */
async function throughZip(carried: CarriedFiles): Promise<CarriedFiles> {
  const zip = await writeProjectZip(record, () => new Blob([]), undefined, undefined, carried);
  return (await readProjectZip(zip)).carried;
}

const mapCache = (): ArtifactCache & { map: Map<string, tf.io.ModelArtifacts> } => {
  const map = new Map<string, tf.io.ModelArtifacts>();
  return {
    map,
    get: async (k) => map.get(k),
    put: async (k, a) => void map.set(k, a),
    keys: async () => [...map.keys()],
  };
};

describe("a project zip carries continue-training's starting point", () => {
  it("a Teachable Machine head (hidden layer) comes back value for value, with its model's name, classes and backbone", async () => {
    const dir = join(MODELS_DIR, 'mobilenet_v2_0.35_224_tm');
    const labels: string[] = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')).labels;
    const model = await tf.loadLayersModel(tf.io.fromMemory(await readArtifacts(dirModelFiles(dir))));
    const start = await readHead(model, labels, 'tm-my-image-model');
    model.dispose();
    const point = { modelName: start.modelName, labels, backboneId: 'custom-tm-1', hiddenUnits: 100, start };
    const back = readStart(await throughZip(startFiles(point)));
    expect(back).toEqual(point);
    expect(back!.start.hidden!.kernel.length).toBe(1280 * 100);
  });

  it('a single dense head too; a zip without one carries none', async () => {
    const start: HeadStart = {
      modelName: 'head.zip',
      labels: ['a', 'b', 'c'],
      hiddenUnits: 0,
      hidden: null,
      out: { kernel: Float32Array.from({ length: 12 }, (_, i) => i / 7 - 0.5), bias: Float32Array.of(0.1, -2, 3e-8) },
      featureSize: 4,
    };
    const point = {
      modelName: 'head.zip',
      labels: start.labels,
      backboneId: 'mobilenet-v1-0.25',
      hiddenUnits: 0,
      start,
    };
    expect(readStart(await throughZip(startFiles(point)))).toEqual(point);
    expect(readStart(await throughZip(new Map()))).toBeNull();
  });

  it('a damaged one is refused with what is wrong', () => {
    const start: HeadStart = {
      modelName: 'm',
      labels: ['a', 'b'],
      hiddenUnits: 0,
      hidden: null,
      out: { kernel: new Float32Array(6), bias: new Float32Array(2) },
      featureSize: 3,
    };
    const files = startFiles({ modelName: 'm', labels: ['a', 'b'], backboneId: 'x', hiddenUnits: 0, start });
    const cut = new Map(files).set(START_BIN, files.get(START_BIN)!.slice(4));
    expect(() => readStart(cut)).toThrow('start/head.bin holds 28 bytes where its head needs 32');
    const nan = new Uint8Array(files.get(START_BIN)!);
    new DataView(nan.buffer).setFloat32(4, NaN, true);
    expect(() => readStart(new Map(files).set(START_BIN, nan))).toThrow('values that are not numbers');
    expect(() => readStart(new Map([[START_JSON, files.get(START_JSON)!]]))).toThrow('start/head.bin is missing');
    expect(() => readStart(new Map(files).set(START_JSON, new TextEncoder().encode('{')))).toThrow('not valid JSON');
    const noLabels = new TextEncoder().encode(
      JSON.stringify({ version: 1, modelName: 'm', labels: [], backboneId: 'x', hiddenUnits: 0, featureSize: 3 }),
    );
    expect(() => readStart(new Map(files).set(START_JSON, noLabels))).toThrow("needs its model's class names");
  });

  it('class names are counted by character, as the studio cuts them: 150 emoji pass, 201 letters do not', async () => {
    const start: HeadStart = {
      modelName: 'm',
      labels: ['🐱'.repeat(150), 'dog'],
      hiddenUnits: 0,
      hidden: null,
      out: { kernel: new Float32Array(6), bias: new Float32Array(2) },
      featureSize: 3,
    };
    const point = { modelName: 'm', labels: start.labels, backboneId: 'x', hiddenUnits: 0, start };
    expect(readStart(await throughZip(startFiles(point)))!.labels[0]).toBe('🐱'.repeat(150));
    const long = { ...point, labels: ['a'.repeat(201), 'dog'] };
    expect(() => readStart(startFiles(long))).toThrow("needs its model's class names");
  });
});

describe('a project zip carries the backbones people brought', () => {
  /** someone's own small CNN, brought as a backbone */
  function tinyCnn(): tf.LayersModel {
    return tf.sequential({
      name: 'my_cnn',
      layers: [
        tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 4, kernelSize: 3, activation: 'relu', name: 'stem' }),
        tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, activation: 'relu', name: 'stage2' }),
        tf.layers.globalAveragePooling2d({ name: 'pool' }),
        tf.layers.dense({ units: 3, activation: 'softmax', name: 'classifier' }),
      ],
    });
  }

  it('from the offline cache here into the offline cache there, giving the same features (weights split in shards)', async () => {
    const model = tinyCnn();
    const artifacts = await modelArtifacts(model);
    const spec = customBackboneSpec(inspectLayersModel(model, artifacts.weightData!), {
      featureLayer: 'stage2',
      pixelRange: { min: 0, max: 1 },
    });
    model.dispose();
    const here = mapCache();
    await here.put(spec.id, artifacts);
    const hereApi = customModelsApi({ cache: here } as never).api;
    const cached = await hereApi.broughtBackboneArtifacts(spec.id);
    expect(cached).not.toBeNull();
    // shards of 1 KB here stand for the 64 MB ones that keep a large backbone under Open project's per-file limit
    const files = backboneFiles(0, spec, cached!, 1024);
    const weightBytes = (cached!.weightData as ArrayBuffer).byteLength;
    expect([...files.keys()].filter((p) => p.endsWith('.bin'))).toHaveLength(Math.ceil(weightBytes / 1024));
    const { backbones, problems } = readBackbones(await throughZip(files));
    expect(problems).toEqual([]);
    expect(backbones.map((b) => b.spec)).toEqual([spec]);
    // the project's own backbone, its starting point's and its model's: the third was left out unread
    const three = new Map(
      [0, 1, 2].flatMap((k) => [...backboneFiles(k, { ...spec, id: `${spec.id}-${k}` }, cached!, 1024)]),
    );
    const all = readBackbones(await throughZip(three));
    expect(all.problems).toEqual([]);
    expect(all.backbones.map((b) => b.spec.id)).toEqual([0, 1, 2].map((k) => `${spec.id}-${k}`));

    const there = mapCache();
    const thereApi = customModelsApi({ cache: there, ready: async () => undefined } as never).api;
    // a spec that does not match its weights (here: another feature layer under the same id) is refused
    const stage1 = { ...spec, featureLayer: 'stem', featureSize: 4 };
    await expect(thereApi.bringBackbone(stage1, backbones[0].modelJson, backbones[0].shards)).rejects.toThrow(
      'its spec.json does not match its weights',
    );
    expect(there.map.size).toBe(0);
    expect(await thereApi.bringBackbone(backbones[0].spec, backbones[0].modelJson, backbones[0].shards)).toEqual(spec);
    expect([...there.map.keys()]).toEqual([spec.id]);
    const loaded = await loadBackbone(spec, [], { cache: there });
    const original = await instantiateBackbone(spec, artifacts);
    const image = tf.randomUniform([2, 32, 32, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const [a, b] = [loaded.backbone.extract(image), original.extract(image)];
    expect(a.shape).toEqual([2, 6]);
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    tf.dispose([image, a, b]);
    loaded.backbone.dispose();
    original.dispose();
    // one this browser has cached already keeps its own files (the id names the same weights)
    const mine = mapCache();
    const kept = { modelTopology: {}, weightSpecs: [] };
    await mine.put(spec.id, kept);
    const mineApi = customModelsApi({ cache: mine, ready: async () => undefined } as never).api;
    await mineApi.bringBackbone(spec, backbones[0].modelJson, backbones[0].shards);
    expect(mine.map.get(spec.id)).toBe(kept);
  });

  it('only brought ones travel: a built-in backbone is loaded from where it is published', async () => {
    const cache = mapCache();
    await cache.put('mobilenet-v1-0.25', { modelTopology: {}, weightSpecs: [] });
    const { api } = customModelsApi({ cache } as never);
    expect(await api.broughtBackboneArtifacts('mobilenet-v1-0.25')).toBeNull();
    expect(await api.broughtBackboneArtifacts('custom-not-kept')).toBeNull();
  });

  it('a spec is checked field by field; a backbone with a file missing is named, the others still come', () => {
    const good = {
      id: 'custom-x-1',
      name: 'X',
      format: 'layers',
      localPath: '/etc/passwd',
      hostedUrl: 'https://example.com/model.json',
      inputSize: 96,
      pixelRange: { min: -1, max: 1 },
      featureLayer: 'out',
      featureSize: 8,
      sizeBytes: 10,
      trainable: true,
      description: 'd',
    };
    // where it is loaded from is this browser's cache, and brought backbones train head-only
    expect(parseBackboneSpec(good)).toMatchObject({ localPath: '', hostedUrl: '', trainable: false });
    expect(() => parseBackboneSpec({ ...good, id: 'mobilenet-v1-0.25' })).toThrow('no id starting with "custom-"');
    expect(() => parseBackboneSpec({ ...good, inputSize: 4096 })).toThrow('input size');
    expect(() => parseBackboneSpec({ ...good, pixelRange: { min: 1, max: 1 } })).toThrow('pixel range');
    const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    const files: CarriedFiles = new Map([
      ['backbones/1/spec.json', enc(good)],
      ['backbones/1/model.json', enc({})],
      ['backbones/2/spec.json', enc({ ...good, id: 'custom-y-2' })],
      ['backbones/2/model.json', enc({})],
      ['backbones/2/weights.bin', new Uint8Array(4)],
    ]);
    const { backbones, problems } = readBackbones(files);
    expect(backbones.map((b) => b.spec.id)).toEqual(['custom-y-2']);
    expect(problems).toEqual(['the backbone in backbones/1 (its spec.json, model.json or weights are missing)']);
  });
});
