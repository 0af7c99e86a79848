import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBackbone, urlCandidates } from '../src/core/backbones/load';
import { readArtifacts, urlModelFiles } from '../src/core/backbones/model-files';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { MODELS_DIR, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

const oneWeight = (paths: string[]) =>
  JSON.stringify({
    modelTopology: { class_name: 'Sequential', config: {} },
    format: 'layers-model',
    weightsManifest: [{ paths, weights: [{ name: 'a', shape: [2], dtype: 'float32' }] }],
  });

/** Records what is asked for and answers from `answer` (404 where it gives nothing). */
function recordingFetch(answer: (url: URL) => Promise<BodyInit | null>) {
  const asked: string[] = [];
  const fetchFn = (async (input: string | URL | Request) => {
    asked.push(String(input));
    const body = await answer(new URL(String(input)));
    return body === null ? new Response('not found', { status: 404 }) : new Response(body);
  }) as unknown as typeof fetch;
  return { asked, fetchFn };
}

describe('hosted model.json with a query (TF Hub wants ?tfjs-format=file on every file)', () => {
  it("each shard URL carries the query of model.json, as tfjs's own http loader does", async () => {
    const { asked, fetchFn } = recordingFetch(async (u) =>
      u.pathname.endsWith('model.json') ? oneWeight(['group1-shard1of1', 'sub/./w.bin']) : new Uint8Array(4),
    );
    const url = 'https://tfhub.dev/google/some/model/1/model.json?tfjs-format=file';
    await readArtifacts(urlModelFiles(url, fetchFn));
    expect(asked).toEqual([
      url,
      'https://tfhub.dev/google/some/model/1/group1-shard1of1?tfjs-format=file',
      'https://tfhub.dev/google/some/model/1/sub/w.bin?tfjs-format=file',
    ]);
  });

  it('a shard path with a query of its own keeps it; a model.json without one adds none', async () => {
    const withQuery = recordingFetch(async (u) =>
      u.pathname.endsWith('model.json') ? oneWeight(['w.bin?v=2']) : new Uint8Array(8),
    );
    await readArtifacts(urlModelFiles('https://host.test/m/model.json?tfjs-format=file', withQuery.fetchFn));
    expect(withQuery.asked[1]).toBe('https://host.test/m/w.bin?v=2');
    const plain = recordingFetch(async (u) =>
      u.pathname.endsWith('model.json') ? oneWeight(['w.bin']) : new Uint8Array(8),
    );
    await readArtifacts(urlModelFiles('https://host.test/m/model.json', plain.fetchFn));
    expect(plain.asked[1]).toBe('https://host.test/m/w.bin');
  });

  it('the hosted graph backbone loads from a host that serves files only with ?tfjs-format=file', async () => {
    const spec = getBackboneSpec('mobilenet-v1-0.25-graph');
    const dir = join(MODELS_DIR, dirname(spec.localPath));
    // like TF Hub: without the query it answers with something other than the file
    const { fetchFn } = recordingFetch(async (u) =>
      u.search === '?tfjs-format=file' ? new Uint8Array(await readFile(join(dir, u.pathname.split('/').pop()!))) : null,
    );
    const { backbone, source } = await loadBackbone(spec, urlCandidates(spec, null, fetchFn));
    expect(source).toBe('hosted');
    expect(backbone.spec.id).toBe(spec.id);
    backbone.dispose();
  });
});
