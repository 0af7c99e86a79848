import * as tf from '@tensorflow/tfjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArtifactCache } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { FeatureCache } from '../src/core/features/cache';
import { studioBackbone } from '../src/worker/studio-backbone';
import { fakeBackbone, localCandidate, useBackend } from './helpers';

beforeEach(() => useBackend('wasm'));

const emptyCache: ArtifactCache = { get: async () => undefined, put: async () => undefined };

/** the worker's backbone with its backend state's switchedTo recorded: where tfjs and the backbone were then */
function worker() {
  const seen: { name: string; active: string; moved: boolean }[] = [];
  const bb = studioBackbone({
    ready: async () => ({}) as never,
    switchedTo: vi.fn(async (name: string) => {
      seen.push({ name, active: tf.getBackend(), moved: bb.current() !== first });
    }),
    artifactCache: emptyCache,
    cache: new FeatureCache(),
    replaced: () => undefined,
  });
  let first: unknown = null;
  return { bb, seen, keepFirst: () => (first = bb.current()) };
}

describe('a fallback whose backbone cannot be loaded onto the next backend', () => {
  it('leaves the backend state, the active backend and the backbone where the weights live', async () => {
    const w = worker();
    const kept = fakeBackbone();
    // its URLs cannot be reached and the offline cache is empty: the copy cannot load
    w.bb.adopt({ backbone: kept, source: 'cache', where: 'the offline cache' });
    await expect(w.bb.switchKeepingCache('cpu', 'WebGL context lost')).rejects.toThrow();
    expect(w.seen).toEqual([]);
    expect(tf.getBackend()).toBe('wasm');
    expect(w.bb.current()).toBe(kept);
  });

  it('moves the backend state once the backbone has moved', async () => {
    const w = worker();
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    await w.bb.loadFiles(spec.id, [{ ...localCandidate(spec), source: 'files' }], () => undefined);
    w.keepFirst();
    await w.bb.switchKeepingCache('cpu', 'WebGL context lost');
    expect(w.seen).toEqual([{ name: 'cpu', active: 'cpu', moved: true }]);
    w.bb.current()?.dispose();
  });
});
