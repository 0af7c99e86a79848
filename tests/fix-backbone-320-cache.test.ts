import type * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBackbone, type ArtifactCache, type Candidate } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { localCandidate, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

/** A Map-backed cache that also answers keys() and delete(), as the IndexedDB one does. */
function mapCache() {
  const store = new Map<string, tf.io.ModelArtifacts>();
  const cache: ArtifactCache = {
    get: async (k) => store.get(k),
    put: async (k, a) => void store.set(k, a),
    delete: async (k) => void store.delete(k),
    keys: async () => [...store.keys()],
  };
  return { store, cache };
}

/** Files that must not be read: a load that reaches them was not offline. */
const unreachable: Candidate = {
  source: 'hosted',
  files: {
    where: 'nowhere',
    readModelJson: async () => {
      throw new Error('offline');
    },
    readShard: async () => {
      throw new Error('offline');
    },
  },
};

const declared = (a: tf.io.ModelArtifacts) => JSON.stringify(a.modelTopology);

describe.each([
  ['mobilenet-v1-0.25', 'mobilenet-v1-0.25@320'],
  ['mobilenet-v2-0.35', 'mobilenet-v2-0.35@320'],
])('%s and its 320-px twin share one cached copy of their files', (id224, id320) => {
  it('the 320-px backbone loads offline from the copy its 224-px twin cached', async () => {
    const { store, cache } = mapCache();
    const spec224 = getBackboneSpec(id224);
    const first = await loadBackbone(spec224, [localCandidate(spec224)], { cache });
    expect(first.source).toBe('local');
    const second = await loadBackbone(getBackboneSpec(id320), [unreachable], { cache });
    expect(second.source).toBe('cache');
    expect(second.backbone.featureModel!.inputs[0].shape).toEqual([null, 320, 320, 3]);
    expect([...store.keys()]).toEqual([id224]);
    expect(declared(store.get(id224)!)).toContain('[null,224,224,3]');
    first.backbone.dispose();
    second.backbone.dispose();
  });

  it('the 224-px backbone loads offline from the copy its 320-px twin cached', async () => {
    const { store, cache } = mapCache();
    const spec320 = getBackboneSpec(id320);
    const first = await loadBackbone(spec320, [localCandidate(spec320)], { cache });
    expect(first.source).toBe('local');
    expect(first.backbone.featureModel!.inputs[0].shape).toEqual([null, 320, 320, 3]);
    const second = await loadBackbone(getBackboneSpec(id224), [unreachable], { cache });
    expect(second.source).toBe('cache');
    expect(second.backbone.featureModel!.inputs[0].shape).toEqual([null, 224, 224, 3]);
    expect(store.size).toBe(1);
    expect(declared([...store.values()][0])).toContain('[null,224,224,3]');
    first.backbone.dispose();
    second.backbone.dispose();
  });

  it('a copy cached under the 320-px id before the fix still serves, and becomes the shared one', async () => {
    const { store, cache } = mapCache();
    // what the loader stored before: the files as read, under the 320-px id
    const spec224 = getBackboneSpec(id224);
    await (await loadBackbone(spec224, [localCandidate(spec224)], { cache })).backbone.dispose();
    store.set(id320, store.get(id224)!);
    store.delete(id224);

    const again = await loadBackbone(getBackboneSpec(id320), [unreachable], { cache });
    expect(again.source).toBe('cache');
    expect(again.backbone.featureModel!.inputs[0].shape).toEqual([null, 320, 320, 3]);
    expect([...store.keys()]).toEqual([id224]);
    again.backbone.dispose();
    const twin = await loadBackbone(getBackboneSpec(id224), [unreachable], { cache });
    expect(twin.source).toBe('cache');
    twin.backbone.dispose();
  });

  it('an old 320-px copy next to the shared one is dropped, not kept as a second copy', async () => {
    const { store, cache } = mapCache();
    const spec224 = getBackboneSpec(id224);
    await (await loadBackbone(spec224, [localCandidate(spec224)], { cache })).backbone.dispose();
    store.set(id320, store.get(id224)!);
    const loaded = await loadBackbone(getBackboneSpec(id320), [unreachable], { cache });
    expect(loaded.source).toBe('cache');
    expect([...store.keys()]).toEqual([id224]);
    loaded.backbone.dispose();
  });
});
