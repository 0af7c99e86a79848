import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ArtifactCache } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { FeatureCache } from '../src/core/features/cache';
import { backendState } from '../src/worker/backend-state';
import { studioBackbone, switchWithBackbone } from '../src/worker/studio-backbone';
import { fakeBackbone, localCandidate, useBackend } from './helpers';

beforeAll(async () => {
  // a browser without a GPU: the backend choice probes wasm and cpu
  vi.stubGlobal('navigator', {});
  await useBackend('wasm');
});

/** Hosted and local URLs that cannot be reached: the machine is offline. */
const OFFLINE_BASE = 'http://127.0.0.1:9/no-models/';
const noProgress = () => undefined;

/** The worker's backend state and backbone as studio.worker.ts wires them, with an empty offline cache. */
async function worker() {
  const backends = backendState();
  await backends.choose('wasm');
  const put: string[] = [];
  const artifactCache: ArtifactCache = { get: async () => undefined, put: async (key) => void put.push(key) };
  let replaced = 0;
  const backbone = studioBackbone({
    ready: backends.ready,
    switchedTo: backends.switchedTo,
    artifactCache,
    cache: new FeatureCache(),
    replaced: () => replaced++,
  });
  const switchTo = (name: string) =>
    switchWithBackbone(backends, () => backbone.moveToActive(OFFLINE_BASE, noProgress), name);
  return { backends, backbone, switchTo, put, replaced: () => replaced };
}

describe('a backend switch the loaded backbone follows', () => {
  it("reloads a backbone from the user's files from those files, offline, each time it moves", async () => {
    const w = await worker();
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    await w.backbone.loadFiles(spec.id, [{ ...localCandidate(spec), source: 'files' }], noProgress);
    const first = w.backbone.current();

    const toCpu = await w.switchTo('cpu');
    expect(toCpu.backend.active).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(toCpu.reloaded).toMatchObject({ backbone: { id: spec.id, source: 'files' } });
    expect(w.backbone.current()).not.toBe(first);
    // what was trained on the old copy goes, as after any load
    expect(w.replaced()).toBe(1);

    // the files are still where it comes from: not the (unreachable) URLs
    const back = await w.switchTo('wasm');
    expect(back.reloaded).toMatchObject({ backbone: { source: 'files' } });
    expect(w.put).toEqual([]);

    // on the backend it lives on already, it stays
    const again = await w.switchTo('wasm');
    expect(again.reloaded).toBeNull();
    expect(w.replaced()).toBe(2);
  });

  it('one that cannot be loaded again stays as it was, and so does the backend, head included', async () => {
    const w = await worker();
    await w.backends.setHead('cpu', 'chosen by you');
    const kept = fakeBackbone();
    w.backbone.adopt({ backbone: kept, source: 'imported', where: 'a model zip' });

    const out = await w.switchTo('cpu');
    // it names the backend it was to go onto, the one chosen (a pick that did not start falls to the next)
    expect(out.reloaded).toMatchObject({ error: expect.stringMatching(/./), onto: 'cpu' });
    expect(out.backend).toMatchObject({ active: 'wasm', head: { name: 'cpu' } });
    expect(tf.getBackend()).toBe('wasm');
    expect((await w.backends.ready()).active).toBe('wasm');
    expect(w.backbone.current()).toBe(kept);
    expect(w.replaced()).toBe(0);
  });

  it('with no backbone loaded it is the backend choice alone', async () => {
    const w = await worker();
    const out = await w.switchTo('cpu');
    expect(out).toMatchObject({ backend: { active: 'cpu' }, reloaded: null });
    await w.switchTo('wasm');
  });
});

describe('picking the loaded backbone again', () => {
  it('keeps it, and the model trained on it, instead of loading a fresh copy (picked back after another failed offline)', async () => {
    const w = await worker();
    const spec = getBackboneSpec('mobilenet-v1-0.25');
    await w.backbone.loadFiles(spec.id, [{ ...localCandidate(spec), source: 'files' }], noProgress);
    const loaded = w.backbone.current();
    // offline: a fresh copy could not even be fetched; the one there answers
    const again = await w.backbone.loadFrom(spec.id, OFFLINE_BASE, noProgress);
    expect(again).toMatchObject({ id: spec.id, source: 'files' });
    expect(w.backbone.current()).toBe(loaded);
    expect(w.replaced()).toBe(0);
    loaded?.dispose();
  });
});
