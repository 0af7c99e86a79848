import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  droppedModelFiles,
  isSafeShardPath,
  readArtifacts,
  specBytes,
  urlModelFiles,
  type ModelFiles,
} from '../src/core/backbones/model-files';
import { dirModelFiles } from '../src/core/backbones/node-files';
import { MODELS_DIR } from './helpers';

const V1_DIR = join(MODELS_DIR, 'mobilenet_v1_0.25_224');

/** In-memory model files: model.json text plus named shards. */
function memFiles(json: string, shards: Record<string, Uint8Array> = {}): ModelFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    where: 'memory/model.json',
    reads,
    readModelJson: async () => json,
    readShard: async (path) => {
      reads.push(path);
      const s = shards[path];
      if (!s) throw new Error(`no such file ${path}`);
      return s.slice().buffer;
    },
  };
}

const topology = { class_name: 'Sequential', config: {} };
const modelJson = (manifest: unknown, extra: object = {}) =>
  JSON.stringify({ modelTopology: topology, format: 'layers-model', weightsManifest: manifest, ...extra });
const twoGroups = [
  { paths: ['g1.bin'], weights: [{ name: 'a', shape: [2, 2], dtype: 'float32' }] },
  {
    paths: ['g2-part1.bin', 'g2-part2.bin'],
    weights: [
      { name: 'b', shape: [3], dtype: 'int32' },
      { name: 'c', shape: [4], dtype: 'uint8' },
    ],
  },
];

describe('specBytes', () => {
  it('counts elements times dtype size, honouring quantization', () => {
    expect(specBytes({ name: 'k', shape: [3, 3, 3, 8], dtype: 'float32' })).toBe(3 * 3 * 3 * 8 * 4);
    expect(specBytes({ name: 's', shape: [], dtype: 'float32' })).toBe(4);
    expect(
      specBytes({ name: 'q', shape: [2, 3], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } }),
    ).toBe(6);
    expect(specBytes({ name: 'h', shape: [5], dtype: 'float32', quantization: { dtype: 'float16' } })).toBe(10);
    expect(() => specBytes({ name: 'str', shape: [2], dtype: 'string' })).toThrow(
      /unsupported weight dtype "string" for str/,
    );
  });
});

describe('isSafeShardPath', () => {
  it.each([
    ['group1-shard1of1.bin', true],
    ['weights.bin', true],
    ['sub/dir/w.bin', true],
    ['..w.bin', true],
    ['../w.bin', false],
    ['a/../../b.bin', false],
    // what tfjs's own model.save('downloads://x') writes; it names the same file as "w.bin"
    ['./w.bin', true],
    ['./', false],
    ['./../w.bin', false],
    ['%2e%2e/w.bin', false],
    ['./https://evil.example/w.bin', false],
    ['/etc/passwd', false],
    ['C:\\weights.bin', false],
    ['a\\b.bin', false],
    ['https://evil.example/w.bin', false],
    ['data:application/octet-stream;base64,AAAA', false],
    ['', false],
  ])('%j → %s', (path, safe) => {
    expect(isSafeShardPath(path)).toBe(safe);
  });
});

describe('readArtifacts', () => {
  it('reads the real MobileNet v1 α0.25 folder with every shard, in manifest order', async () => {
    const progress: number[] = [];
    const artifacts = await readArtifacts(dirModelFiles(V1_DIR), (f) => progress.push(f));
    const specs = artifacts.weightSpecs!;
    const json = JSON.parse(await readFile(join(V1_DIR, 'model.json'), 'utf8'));
    expect(specs).toHaveLength(json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights).length);
    const expected = specs.reduce((n, s) => n + specBytes(s), 0);
    const weightData = artifacts.weightData as ArrayBuffer;
    expect(weightData).toBeInstanceOf(ArrayBuffer);
    expect(weightData.byteLength).toBe(expected);
    let onDisk = 0;
    for (const g of json.weightsManifest) for (const p of g.paths) onDisk += (await stat(join(V1_DIR, p))).size;
    expect(weightData.byteLength).toBe(onDisk);
    // the first weight is conv1/kernel from the first shard: bytes must match the file's start
    const first = await readFile(join(V1_DIR, json.weightsManifest[0].paths[0]));
    expect(Buffer.from(weightData, 0, first.byteLength).equals(first)).toBe(true);
    expect(artifacts.modelTopology).toBeTypeOf('object');
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('concatenates groups and their parts in manifest order', async () => {
    const files = memFiles(modelJson(twoGroups), {
      'g1.bin': new Uint8Array(16).fill(1),
      'g2-part1.bin': new Uint8Array(10).fill(2),
      'g2-part2.bin': new Uint8Array(6).fill(3),
    });
    const a = await readArtifacts(files);
    expect(files.reads).toEqual(['g1.bin', 'g2-part1.bin', 'g2-part2.bin']);
    expect(a.weightSpecs!.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    const bytes = new Uint8Array(a.weightData as ArrayBuffer);
    expect(bytes).toHaveLength(32);
    expect([bytes[0], bytes[15], bytes[16], bytes[25], bytes[26], bytes[31]]).toEqual([1, 1, 2, 2, 3, 3]);
    expect(a.format).toBe('layers-model');
  });

  it('rejects a file that is not JSON', async () => {
    await expect(readArtifacts(memFiles('{"modelTopology": '))).rejects.toThrow(
      'memory/model.json is not valid JSON, so it is not a TF.js model.json',
    );
  });

  it('rejects an HTML page (a dev server answering a missing file with index.html)', async () => {
    await expect(readArtifacts(memFiles('  \n<!doctype html><html><body>app</body></html>'))).rejects.toThrow(
      /returned a web page instead of model\.json: the model is not at this address/,
    );
  });

  it('rejects JSON without modelTopology or weightsManifest', async () => {
    await expect(readArtifacts(memFiles(JSON.stringify({ weightsManifest: [] })))).rejects.toThrow(
      /no "modelTopology"/,
    );
    await expect(readArtifacts(memFiles('null'))).rejects.toThrow(/no "modelTopology"/);
    await expect(readArtifacts(memFiles(JSON.stringify({ modelTopology: topology })))).rejects.toThrow(
      /has no "weightsManifest", so its weights cannot be found/,
    );
    await expect(readArtifacts(memFiles(modelJson([{ paths: 'w.bin', weights: [] }])))).rejects.toThrow(
      /malformed weightsManifest group/,
    );
  });

  it('rejects unsafe shard paths before reading anything', async () => {
    for (const bad of ['../secret.bin', '/etc/passwd', 'https://evil.example/w.bin']) {
      const files = memFiles(modelJson([{ paths: [bad], weights: [] }]));
      await expect(readArtifacts(files)).rejects.toThrow(`names an unsafe weight file "${bad}"`);
      expect(files.reads).toEqual([]);
    }
  });

  it('rejects invalid weight shapes', async () => {
    const manifest = [{ paths: ['w.bin'], weights: [{ name: 'bad', shape: [2, -1], dtype: 'float32' }] }];
    await expect(readArtifacts(memFiles(modelJson(manifest)))).rejects.toThrow(/weight "bad" has an invalid shape/);
  });

  it('names a missing shard file', async () => {
    const files = memFiles(modelJson(twoGroups), { 'g1.bin': new Uint8Array(16), 'g2-part1.bin': new Uint8Array(10) });
    await expect(readArtifacts(files)).rejects.toThrow(
      /weight file "g2-part2\.bin" of memory\/model\.json could not be read: no such file g2-part2\.bin/,
    );
  });

  it('rejects weight files whose total size does not match model.json', async () => {
    const short = memFiles(modelJson(twoGroups), {
      'g1.bin': new Uint8Array(16),
      'g2-part1.bin': new Uint8Array(10),
      'g2-part2.bin': new Uint8Array(2),
    });
    await expect(readArtifacts(short)).rejects.toThrow(
      'memory/model.json: weight files hold 28 bytes but model.json describes 32; the files are incomplete or mismatched',
    );
    const long = memFiles(modelJson(twoGroups), {
      'g1.bin': new Uint8Array(16),
      'g2-part1.bin': new Uint8Array(10),
      'g2-part2.bin': new Uint8Array(7),
    });
    await expect(readArtifacts(long)).rejects.toThrow(/hold 33 bytes but model\.json describes 32/);
  });

  it('dirModelFiles says which model.json does not exist', async () => {
    const files = dirModelFiles(join(MODELS_DIR, 'no-such-model'));
    await expect(readArtifacts(files)).rejects.toThrow(
      `${join(MODELS_DIR, 'no-such-model', 'model.json')} does not exist`,
    );
  });
});

describe('urlModelFiles', () => {
  it('resolves shards relative to model.json and reports HTTP errors', async () => {
    const fetchFn = vi.fn(async (url: string | URL | Request) => {
      const u = String(url);
      if (u === 'http://host.test/models/v1/model.json')
        return new Response(modelJson([{ paths: ['w.bin'], weights: [{ name: 'a', shape: [2], dtype: 'float32' }] }]));
      if (u === 'http://host.test/models/v1/w.bin') return new Response(new Uint8Array(8));
      return new Response('not found', { status: 404 });
    });
    const files = urlModelFiles('http://host.test/models/v1/model.json', fetchFn as unknown as typeof fetch);
    const a = await readArtifacts(files);
    expect((a.weightData as ArrayBuffer).byteLength).toBe(8);
    expect(fetchFn.mock.calls.map((c) => String(c[0]))).toEqual([
      'http://host.test/models/v1/model.json',
      'http://host.test/models/v1/w.bin',
    ]);
    await expect(
      urlModelFiles('http://host.test/missing/model.json', fetchFn as unknown as typeof fetch).readModelJson(),
    ).rejects.toThrow('http://host.test/missing/model.json answered HTTP 404');
  });

  it('reports an unreachable host', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(urlModelFiles('http://offline.test/model.json', failing).readModelJson()).rejects.toThrow(
      'http://offline.test/model.json could not be reached (fetch failed)',
    );
  });
});

describe('droppedModelFiles', () => {
  it('matches shards by file name and ignores metadata.json', async () => {
    const json = modelJson([{ paths: ['sub/w.bin'], weights: [{ name: 'a', shape: [2], dtype: 'float32' }] }]);
    const files = droppedModelFiles([
      new File(['{}'], 'metadata.json'),
      new File([json], 'model.json'),
      new File([new Uint8Array(8)], 'w.bin'),
    ]);
    expect(files.where).toBe('the chosen file model.json');
    expect(((await readArtifacts(files)).weightData as ArrayBuffer).byteLength).toBe(8);
  });

  it('explains what is missing', async () => {
    await expect(droppedModelFiles([new File(['x'], 'w.bin')]).readModelJson()).rejects.toThrow(
      /no model\.json among the chosen files/,
    );
    const json = modelJson([{ paths: ['w.bin'], weights: [{ name: 'a', shape: [2], dtype: 'float32' }] }]);
    await expect(readArtifacts(droppedModelFiles([new File([json], 'model.json')]))).rejects.toThrow(
      /missing: choose "w\.bin" together with model\.json/,
    );
  });
});
