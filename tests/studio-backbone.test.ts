import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactCache } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { FeatureCache } from '../src/core/features/cache';
import { studioBackbone } from '../src/worker/studio-backbone';
import { localCandidate, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

/** An offline cache that records what is put in it. */
function recordingCache(): ArtifactCache & { putKeys: string[] } {
  const put: string[] = [];
  return {
    putKeys: put,
    get: async () => undefined,
    put: async (key) => void put.push(key),
  };
}

/** Hosted and local URLs that cannot be reached: the machine is offline. */
const OFFLINE_BASE = 'http://127.0.0.1:9/no-models/';

describe('a backbone loaded from dropped files', () => {
  it('is copied for another backend from those files, offline, and is not put in the offline cache', async () => {
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    const artifactCache = recordingCache();
    const bb = studioBackbone({
      ready: async () => ({}) as never,
      switchedTo: async () => undefined,
      artifactCache,
      cache: new FeatureCache(),
      replaced: () => undefined,
    });
    const dropped = { ...localCandidate(spec), source: 'files' as const };
    const info = await bb.loadFiles(spec.id, [dropped], () => undefined);
    expect(info.source).toBe('files');

    const start = tf.memory().numTensors;
    const copy = await bb.copy(OFFLINE_BASE);
    expect(copy).not.toBe(bb.current());
    expect(copy.spec.id).toBe(spec.id);
    expect(artifactCache.putKeys).toEqual([]);
    copy.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
