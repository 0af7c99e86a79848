import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBackbone, urlCandidates } from '../src/core/backbones/load';
import { readArtifacts, urlModelFiles, type ModelFiles } from '../src/core/backbones/model-files';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { MODELS_DIR, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// six one-weight shards of 400 bytes each: all six are read at once
const N = 6;
const json = JSON.stringify({
  modelTopology: { class_name: 'Sequential', config: {} },
  format: 'layers-model',
  weightsManifest: [
    {
      paths: Array.from({ length: N }, (_, k) => `s${k}.bin`),
      weights: [{ name: 'w', shape: [N * 100], dtype: 'float32' }],
    },
  ],
});

/** Like fetch, a pending request rejects when its signal aborts. */
function untilAborted(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_, reject) =>
    signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError'))),
  );
}

describe('a weight file that fails stops the other downloads of the same copy', () => {
  it('aborts the requests in flight and reads no more of their bodies', async () => {
    const signals = new Map<string, AbortSignal>();
    let pulls = 0;
    let cancelled = 0;
    const fetchFn = (async (url: string, init?: RequestInit) => {
      const name = url.split('/').pop()!;
      if (name === 'model.json') return new Response(json);
      signals.set(name, init!.signal!);
      if (name === 's0.bin') {
        await sleep(30);
        return new Response('not here', { status: 404 });
      }
      // a slow connection: one byte every few milliseconds
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull: async (c) => {
          await sleep(3);
          pulls++;
          if (sent++ < 400) c.enqueue(new Uint8Array(1));
          else c.close();
        },
        cancel: () => void cancelled++,
      });
      return new Response(body);
    }) as unknown as typeof fetch;

    await expect(readArtifacts(urlModelFiles('http://host.test/m/model.json', fetchFn))).rejects.toThrow(
      'weight file "s0.bin" of http://host.test/m/model.json could not be read: http://host.test/m/s0.bin answered HTTP 404',
    );
    const pullsAtFailure = pulls;
    await sleep(60);
    expect([...signals.keys()].sort()).toEqual(Array.from({ length: N }, (_, k) => `s${k}.bin`));
    for (let k = 1; k < N; k++) expect(signals.get(`s${k}.bin`)!.aborted, `s${k}.bin`).toBe(true);
    expect(cancelled).toBe(N - 1);
    // at most the pulls already under way when the bodies were cancelled
    expect(pulls - pullsAtFailure).toBeLessThanOrEqual(N - 1);
  });

  it('reports the failure that happened, not the aborts it caused', async () => {
    const signals: AbortSignal[] = [];
    const files: ModelFiles = {
      where: 'memory/model.json',
      readModelJson: async () => json,
      readShard: async (path, signal) => {
        if (signal) signals.push(signal);
        if (path === 's2.bin') {
          await sleep(10);
          throw new Error('connection reset');
        }
        // the called-off reads reject at once, before the real failure has been passed on
        await untilAborted(signal);
        return new ArrayBuffer(0);
      },
    };
    await expect(readArtifacts(files)).rejects.toThrow(
      'weight file "s2.bin" of memory/model.json could not be read: connection reset',
    );
    expect(signals).toHaveLength(N);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('the local copy failing is called off before the hosted copy starts, and its real failure is kept', async () => {
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const dir = join(MODELS_DIR, 'mobilenet_v1_0.25_224');
    // the requests of the local copy still waiting for an answer (the failing one has its answer)
    const local: AbortSignal[] = [];
    let abortedWhenHostedStarted: boolean | undefined;
    const fetchFn = (async (url: string, init?: RequestInit) => {
      const name = url.split('/').pop()!;
      if (url.startsWith('http://local.test/')) {
        if (name === 'model.json') return new Response(new Uint8Array(await readFile(join(dir, name))));
        if (name === 'mobilenet_group1-shard1of1') {
          await sleep(10);
          return new Response('missing', { status: 404 });
        }
        local.push(init!.signal!);
        return untilAborted(init?.signal);
      }
      abortedWhenHostedStarted ??= local.every((s) => s.aborted);
      return new Response(new Uint8Array(await readFile(join(dir, name))));
    }) as unknown as typeof fetch;

    const loaded = await loadBackbone(spec, urlCandidates(spec, 'http://local.test/models', fetchFn));
    loaded.backbone.dispose();
    expect(loaded.source).toBe('hosted');
    expect(local.length).toBeGreaterThan(1);
    expect(abortedWhenHostedStarted).toBe(true);

    // with no copy left to fall back on, the local copy's 404 is what the person reads
    const [onlyLocal] = urlCandidates(spec, 'http://local.test/models', fetchFn);
    const failed = await loadBackbone(spec, [onlyLocal]).catch((err: Error) => err);
    expect((failed as Error).message).toContain(
      `- local copy: weight file "mobilenet_group1-shard1of1" of http://local.test/models/${spec.localPath} could not be read: ` +
        `http://local.test/models/mobilenet_v1_0.25_224/mobilenet_group1-shard1of1 answered HTTP 404\n`,
    );
  });
});
