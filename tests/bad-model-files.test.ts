import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { droppedModelFiles, MAX_WEIGHT_BYTES, readArtifacts } from '../src/core/backbones/model-files';
import { loadBackbone } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { MODELS_DIR, useBackend } from './helpers';

const V1 = join(MODELS_DIR, 'mobilenet_v1_0.25_224');
const spec = getBackboneSpec('mobilenet-v1-0.25');

/** The real backbone's files as a user would pick them, with model.json edited by `edit`. */
async function picked(
  edit: (json: { weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[] }) => void,
  drop: string[] = [],
) {
  const json = JSON.parse(await readFile(join(V1, 'model.json'), 'utf8'));
  edit(json);
  const files = [new File([JSON.stringify(json)], 'model.json')];
  for (const name of await readdir(V1)) {
    if (name !== 'model.json' && !drop.includes(name)) files.push(new File([await readFile(join(V1, name))], name));
  }
  return files;
}

const load = (files: File[]) => loadBackbone(spec, [{ source: 'files', files: droppedModelFiles(files) }]);

beforeAll(() => useBackend('wasm'));

describe('"Load backbone from files…" with broken files', () => {
  it('the untouched files load (the baseline for every case below)', async () => {
    const { backbone } = await load(await picked(() => undefined));
    expect(backbone.spec.id).toBe(spec.id);
    backbone.dispose();
  });

  it('absurd shapes are refused from model.json alone, before a byte of weights is read', async () => {
    let reads = 0;
    const files = droppedModelFiles(
      await picked((j) => (j.weightsManifest[0].weights[0].shape = [100_000, 100_000, 3, 8])),
    );
    const counting = { ...files, readShard: (p: string) => (reads++, files.readShard(p)) };
    await expect(readArtifacts(counting)).rejects.toThrow(
      `chosen file model.json describes 894.1 GB of weights (weight "conv1/kernel" has shape [100000, 100000, 3, 8]), more than any backbone can be (${MAX_WEIGHT_BYTES / 2 ** 30} GB): its shapes are wrong`,
    );
    expect(reads).toBe(0);
  });

  it('a shape that keeps the byte count but does not fit the layer is named', async () => {
    await expect(load(await picked((j) => (j.weightsManifest[0].weights[0].shape = [6, 3, 3, 4])))).rejects.toThrow(
      'the weights in model.json do not fit its layers (Shape mismatch: [3,3,3,8] vs. [6,3,3,4])',
    );
  });

  it('wrong weight byte lengths: a shard cut short, or a shape that needs more bytes', async () => {
    const files = await picked(() => undefined);
    const shard = files.findIndex((f) => f.name.endsWith('.bin') || f.name.includes('shard'));
    const bytes = new Uint8Array(await files[shard].arrayBuffer());
    files[shard] = new File([bytes.subarray(0, bytes.length - 100)], files[shard].name);
    await expect(load(files)).rejects.toThrow(
      /weight files hold \d+ bytes but model\.json describes \d+; the files are incomplete or mismatched/,
    );
    await expect(load(await picked((j) => (j.weightsManifest[0].weights[0].shape = [3, 3, 3, 9])))).rejects.toThrow(
      /hold \d+ bytes but model\.json describes \d+/,
    );
  });

  it('a missing shard is named, and the message says what to pick', async () => {
    const json = JSON.parse(await readFile(join(V1, 'model.json'), 'utf8'));
    const last = json.weightsManifest.at(-1).paths.at(-1);
    const error = await load(await picked(() => undefined, [last])).catch((e: Error) => e.message);
    expect(error).toContain(`missing: choose "${last}" together with model.json`);
    expect(error).toContain('Pick the model.json of MobileNet v1 α0.25 together with every weight file it lists.');
    expect(error).not.toContain('Connect to the internet');
  });

  it('"../" and absolute shard paths are refused before anything is read', async () => {
    for (const bad of ['../../etc/passwd', '/etc/passwd', 'https://evil.example/w.bin']) {
      await expect(load(await picked((j) => (j.weightsManifest[0].paths[0] = bad)))).rejects.toThrow(
        `names an unsafe weight file "${bad}"`,
      );
    }
  });

  it('non-JSON, an HTML page and a weight file posing as model.json', async () => {
    const shards = (await picked(() => undefined)).slice(1);
    await expect(load([new File(['{"modelTopology": {'], 'model.json'), ...shards])).rejects.toThrow(
      'chosen file model.json is not valid JSON, so it is not a TF.js model.json',
    );
    await expect(load([new File(['<!doctype html><p>hi'], 'model.json'), ...shards])).rejects.toThrow(
      /chosen file model\.json is a web page \(HTML\), not a TensorFlow\.js model\.json/,
    );
    await expect(load([new File([new Uint8Array([0, 1, 2, 255])], 'model.json'), ...shards])).rejects.toThrow(
      /is not valid JSON/,
    );
    await expect(load(shards)).rejects.toThrow(
      'no model.json among the chosen files: choose model.json together with its weight files',
    );
  });

  it("another model's files (no such feature layer) are refused by name", async () => {
    const v2 = join(MODELS_DIR, 'mobilenet_v2_0.35_224_tm');
    const files = await Promise.all((await readdir(v2)).map(async (n) => new File([await readFile(join(v2, n))], n)));
    await expect(load(files)).rejects.toThrow(
      'MobileNet v1 α0.25: the model has no layer "conv_pw_13_relu", so it is not this backbone',
    );
  });
});
