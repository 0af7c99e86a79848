import * as tf from '@tensorflow/tfjs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import type { ArtifactCache } from '../src/core/backbones/load';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { exportBytes } from '../src/core/export/bundle';
import { exportFiles } from '../src/core/export/export-files';
import { FeatureCache } from '../src/core/features/cache';
import { buildHead } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { backendState } from '../src/worker/backend-state';
import { studioBackbone, switchWithBackbone } from '../src/worker/studio-backbone';
import { studioModel } from '../src/worker/studio-model';
import { localCandidate, loadLocalBackbone, useBackend } from './helpers';
import { headOnlyFiles } from './helpers-model-zip';

/**
 * A model imported for Try it (no training since) follows a backend switch: its weights are read
 * again from its zip onto the backend made active. Left where they were, tfjs moved each weight at
 * the next prediction with a synchronous read, which WebGPU does not survive (core/train/head-backend.ts).
 */

const OFFLINE_BASE = 'http://127.0.0.1:9/no-models/';
const SPEC = getBackboneSpec('mobilenet-v1-0.25');
let zips: { whole: Uint8Array; head: Uint8Array };

beforeAll(async () => {
  // a browser without a GPU: the backend choice probes wasm and cpu
  vi.stubGlobal('navigator', {});
  await useBackend('wasm');
  const backbone = await loadLocalBackbone(SPEC.id);
  const head = buildHead(SPEC.featureSize, 2, 0, 0, 1);
  const files = exportBytes(await exportFiles({ backbone, head, classes: ['a', 'b'], settings: DEFAULT_SETTINGS }));
  zips = {
    whole: zipSync({
      'model.json': files['model.json'],
      'weights.bin': files['weights.bin'],
      'metadata.json': files['metadata.json'],
    }),
    head: zipSync(headOnlyFiles(files)),
  };
  head.dispose();
  backbone.dispose();
});
afterAll(() => vi.unstubAllGlobals());

/** the backend a tensor's data lives on now */
const homeOf = (t: tf.Tensor) => tf.engine().state.tensorInfo.get(t.dataId)?.backend;

/** the worker's backend state, backbone and model in use as studio.worker.ts wires them */
async function worker() {
  const backends = backendState();
  await backends.choose('wasm');
  const artifactCache: ArtifactCache = { get: async () => undefined, put: async () => undefined };
  let model: ReturnType<typeof studioModel> | null = null;
  const backbone = studioBackbone({
    ready: backends.ready,
    switchedTo: backends.switchedTo,
    artifactCache,
    cache: new FeatureCache(),
    replaced: () => model!.dropTrained(),
  });
  model = studioModel({
    backbone: backbone.current,
    requireBackbone: backbone.require,
    cache: new FeatureCache(),
    runActive: () => false,
  });
  await backbone.loadFiles(SPEC.id, [{ ...localCandidate(SPEC), source: 'files' }], () => undefined);
  const switchTo = (name: string) =>
    switchWithBackbone(backends, () => backbone.moveToActive(OFFLINE_BASE, () => undefined), name);
  return { backbone, model, switchTo };
}

const weightsOf = (bb: Backbone | null, m: { imported(): { model: tf.LayersModel } | null }) => ({
  bb,
  weights: m.imported()!.model.weights.map((w) => w.read()),
});

describe('an imported model and a backend switch', () => {
  for (const kind of ['whole', 'head'] as const)
    it(`a ${kind === 'whole' ? 'whole model' : 'head-only model'} is read again onto the new backend, and answers as before`, async () => {
      const w = await worker();
      const info = await w.model.importZip(zips[kind]);
      expect(Boolean(info.headOnlyFor)).toBe(kind === 'head');
      const before = weightsOf(w.backbone.current(), w.model);
      expect(before.weights.every((t) => homeOf(t) === tf.findBackend('wasm'))).toBe(true);
      const input = tf.randomUniform([SPEC.inputSize, SPEC.inputSize, 3], -1, 1) as tf.Tensor3D;
      const onWasm = w.model.classifier().run(input);
      const expected = await onWasm.data();
      onWasm.dispose();

      const out = await w.switchTo('cpu');
      expect(out.backend.active).toBe('cpu');
      const after = weightsOf(w.backbone.current(), w.model);
      expect(after.bb).not.toBe(before.bb);
      // read again there before anything ran: no weight waits to be moved at the next prediction
      expect(after.weights.every((t) => homeOf(t) === tf.findBackend('cpu'))).toBe(true);
      // what Try it answers is still this model's, with its labels
      const c = w.model.classifier();
      expect(c.classes).toEqual(['a', 'b']);
      const onCpu = tf.tidy(() => c.run(tf.tensor3d(input.dataSync() as Float32Array, input.shape)));
      const got = await onCpu.data();
      for (const [i, p] of Array.from(got).entries()) expect(p).toBeCloseTo(expected[i], 3);
      tf.dispose([onCpu, input]);

      // back again, it follows again
      await w.switchTo('wasm');
      expect(w.model.imported()!.model.weights.every((v) => homeOf(v.read()) === tf.findBackend('wasm'))).toBe(true);
      w.model.useTrained();
      w.backbone.current()?.dispose();
    });

  it('one that cannot be read again there is dropped with a message that says to import it again', async () => {
    const w = await worker();
    const zip = zips.whole.slice();
    await w.model.importZip(zip);
    // the zip it came from no longer reads (as if its bytes were lost): it cannot be moved
    zip.fill(0);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const out = await w.switchTo('cpu');
    warn.mockRestore();
    // the backend and backbone moved all the same
    expect(out).toMatchObject({ backend: { active: 'cpu' }, reloaded: { backbone: { id: SPEC.id } } });
    expect(w.model.imported()).toBeNull();
    expect(() => w.model.classifier()).toThrow(/could not be moved onto the cpu backend.*import it again/i);
    await w.switchTo('wasm');
    w.backbone.current()?.dispose();
  });

  it('a whole model follows with no backbone loaded (its load failed): the switch moves it itself', async () => {
    const backends = backendState();
    await backends.choose('wasm');
    const model = studioModel({
      backbone: () => null,
      requireBackbone: () => {
        throw new Error('no backbone');
      },
      cache: new FeatureCache(),
      runActive: () => false,
    });
    await model.importZip(zips.whole);
    // as studio.worker.ts switchBackend does: the backend, then the model (no backbone to set it going)
    await switchWithBackbone(backends, async () => null, 'cpu');
    await model.followBackend();
    expect(model.imported()!.model.weights.every((w) => homeOf(w.read()) === tf.findBackend('cpu'))).toBe(true);
    await switchWithBackbone(backends, async () => null, 'wasm');
    await model.followBackend();
    expect(model.imported()!.model.weights.every((w) => homeOf(w.read()) === tf.findBackend('wasm'))).toBe(true);
    model.useTrained();
  });
});
