import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchBytes, STALL_MS } from '../src/core/backbones/download-watchdog';
import { loadBackbone, urlCandidates } from '../src/core/backbones/load';
import { readArtifacts, urlModelFiles } from '../src/core/backbones/model-files';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { MODELS_DIR, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));
afterEach(() => vi.useRealTimers());

/** A body that sends `first` and then nothing more, ever. */
function stallingBody(first: Uint8Array) {
  let cancelled: unknown;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => c.enqueue(first),
    cancel: (reason) => void (cancelled = reason),
  });
  return { body, cancelled: () => cancelled };
}

/** Settles a promise's outcome into a value, so fake time can run while it is pending. */
const outcome = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value }),
    (error: Error) => ({ error }),
  );

describe('the download watchdog', () => {
  it('a fetch that never answers is aborted after 30 s without data, with a clear message', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const never = ((_: unknown, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return new Promise<Response>(() => undefined);
    }) as unknown as typeof fetch;
    const result = outcome(urlModelFiles('http://127.0.0.1:5173/models/x/model.json', never).readModelJson());
    await vi.advanceTimersByTimeAsync(STALL_MS);
    expect(await result).toEqual({
      error: new Error('The download of http://127.0.0.1:5173/models/x/model.json stalled: no data for 30 s'),
    });
    expect(signal?.aborted).toBe(true);
  });

  it('a body that stops mid-way is cancelled, and the shard names the stall', async () => {
    vi.useFakeTimers();
    const stall = stallingBody(new Uint8Array(4));
    const json = JSON.stringify({
      modelTopology: { class_name: 'Sequential', config: {} },
      weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'a', shape: [2], dtype: 'float32' }] }],
    });
    const fetchFn = (async (u: string) =>
      new Response(u.endsWith('model.json') ? json : stall.body)) as unknown as typeof fetch;
    const result = outcome(readArtifacts(urlModelFiles('http://host.test/m/model.json', fetchFn)));
    await vi.advanceTimersByTimeAsync(STALL_MS);
    const { error } = (await result) as { error: Error };
    expect(error.message).toBe(
      'weight file "w.bin" of http://host.test/m/model.json could not be read: The download of http://host.test/m/w.bin stalled: no data for 30 s',
    );
    expect(stall.cancelled()).toBeInstanceOf(Error);
  });

  it('a slow download that keeps sending is never cut off, however long it takes in all', async () => {
    vi.useFakeTimers();
    const chunks = 5;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      // each chunk comes just inside the stall window: 5 × 29 s in all, far past 30 s
      pull: (c) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            if (sent++ < chunks) c.enqueue(new Uint8Array(2));
            else c.close();
            resolve();
          }, STALL_MS - 1000),
        ),
    });
    const fetchFn = (async () => new Response(body)) as unknown as typeof fetch;
    const result = outcome(fetchBytes('http://host.test/slow.bin', fetchFn));
    await vi.advanceTimersByTimeAsync((chunks + 1) * (STALL_MS - 1000));
    const done = (await result) as { value: Uint8Array };
    expect(done.value.byteLength).toBe(chunks * 2);
  });

  it('a stalled local copy gives way to the hosted one, which loads', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const dir = join(MODELS_DIR, 'mobilenet_v1_0.25_224');
    // a captive portal or a dead dev server: the local models base accepts and never answers
    const fetchFn = (async (input: string) => {
      if (input.startsWith('http://local.test/')) return new Promise<Response>(() => undefined);
      return new Response(new Uint8Array(await readFile(join(dir, input.split('/').pop()!))));
    }) as unknown as typeof fetch;
    const candidates = urlCandidates(spec, 'http://local.test/models', fetchFn);
    expect(candidates.map((c) => c.source)).toEqual(['local', 'hosted']);
    const result = outcome(loadBackbone(spec, candidates));
    await vi.advanceTimersByTimeAsync(STALL_MS);
    vi.useRealTimers();
    const loaded = await result;
    expect(loaded).toHaveProperty('value.source', 'hosted');
    (loaded as { value: { backbone: { dispose(): void } } }).value.backbone.dispose();
  });

  it('when every copy stalls, the error names each stall', async () => {
    vi.useFakeTimers();
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const never = (() => new Promise<Response>(() => undefined)) as unknown as typeof fetch;
    const result = outcome(loadBackbone(spec, urlCandidates(spec, 'http://local.test/models', never)));
    await vi.advanceTimersByTimeAsync(2 * STALL_MS);
    const { error } = (await result) as { error: Error };
    expect(error.message).toContain(
      `- local copy: The download of http://local.test/models/${spec.localPath} stalled: no data for 30 s`,
    );
    expect(error.message).toContain(`- hosted copy: The download of ${spec.hostedUrl} stalled: no data for 30 s`);
  });
});
