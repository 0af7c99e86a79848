import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBackbone } from '../src/core/backbones/load';
import { droppedModelFiles, readArtifacts } from '../src/core/backbones/model-files';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { MODELS_DIR, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

const oneWeight = (paths: string[], bytesPerPath = 8) =>
  JSON.stringify({
    modelTopology: { class_name: 'Sequential', config: {} },
    format: 'layers-model',
    weightsManifest: [
      { paths, weights: [{ name: 'a', shape: [(bytesPerPath / 4) * paths.length], dtype: 'float32' }] },
    ],
  });

describe('dropped files saved by tfjs itself (model.save("downloads://x"))', () => {
  it('"./x.weights.bin" in the manifest reads the dropped x.weights.bin', async () => {
    const files = droppedModelFiles([
      new File([oneWeight(['./my-model.weights.bin'])], 'my-model.json'),
      new File([new Uint8Array(8)], 'my-model.weights.bin'),
    ]);
    const a = await readArtifacts(files);
    expect((a.weightData as ArrayBuffer).byteLength).toBe(8);
    expect(files.where).toBe('the chosen file my-model.json');
  });

  it('the real MobileNet, saved so (every path "./…", model.json renamed), loads as a backbone', async () => {
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const dir = join(MODELS_DIR, 'mobilenet_v1_0.25_224');
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    for (const g of json.weightsManifest) g.paths = g.paths.map((p: string) => `./${p}`);
    const files = [new File([JSON.stringify(json)], 'my-model.json')];
    for (const name of await readdir(dir)) {
      if (name.includes('shard')) files.push(new File([await readFile(join(dir, name))], name));
    }
    const { backbone } = await loadBackbone(spec, [{ source: 'files', files: droppedModelFiles(files) }]);
    expect(backbone.spec.id).toBe(spec.id);
    backbone.dispose();
  });

  it('still refuses paths that leave the folder', async () => {
    for (const bad of ['./../w.bin', './/../w.bin', 'a/./../../w.bin', '%2e%2e/w.bin']) {
      const files = droppedModelFiles([
        new File([oneWeight([bad])], 'model.json'),
        new File([new Uint8Array(8)], 'w.bin'),
      ]);
      await expect(readArtifacts(files)).rejects.toThrow(`names an unsafe weight file "${bad}"`);
    }
  });
});

describe('which dropped JSON is the model', () => {
  const weights = new File([new Uint8Array(8)], 'w.bin');

  it('a labels.json or class_names.json picked first is passed over for model.json', async () => {
    const files = droppedModelFiles([
      new File(['["cat","dog"]'], 'labels.json'),
      new File(['{"names":["cat"]}'], 'class_names.json'),
      new File([oneWeight(['w.bin'])], 'model.json'),
      weights,
    ]);
    expect(files.where).toBe('the chosen file model.json');
    await expect(readArtifacts(files)).resolves.toBeTruthy();
  });

  it('with no model.json, the first JSON that has "modelTopology" is the model', async () => {
    const files = droppedModelFiles([
      new File(['["cat","dog"]'], 'labels.json'),
      new File(['not json'], 'notes.json'),
      new File([oneWeight(['w.bin'])], 'my-model.json'),
      weights,
    ]);
    await expect(readArtifacts(files)).resolves.toBeTruthy();
    expect(files.where).toBe('the chosen file my-model.json');
  });

  it('says so when none of several JSON files is a model', async () => {
    const files = droppedModelFiles([new File(['["cat"]'], 'labels.json'), new File(['{}'], 'other.json'), weights]);
    await expect(readArtifacts(files)).rejects.toThrow(
      'none of the chosen JSON files (labels.json, other.json) is a TF.js model.json: none has "modelTopology"',
    );
  });
});

describe('weight files that only differ by folder', () => {
  it('are refused by name before any is read: both would read the same dropped file', async () => {
    const files = droppedModelFiles([
      new File([oneWeight(['a/w.bin', 'b/w.bin'])], 'model.json'),
      new File([new Uint8Array(8)], 'w.bin'),
    ]);
    let reads = 0;
    const counting = { ...files, readShard: (p: string) => (reads++, files.readShard(p)) };
    await expect(readArtifacts(counting)).rejects.toThrow(
      'chosen file model.json lists two weight files named "w.bin" ("a/w.bin" and "b/w.bin")',
    );
    expect(reads).toBe(0);
  });
});
