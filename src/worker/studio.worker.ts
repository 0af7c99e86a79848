import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as Comlink from 'comlink';
import { droppedModelFiles } from '../core/backbones/model-files';
import { idbArtifactCache } from '../core/backbones/idb-cache';
import { keepLastModel } from '../core/storage/model-writer';
import { FeatureCache } from '../core/features/cache';
import { fineTunedAbove } from '../core/finetune/weights';
import { atHome } from '../core/train/backend-lease';
import { backendState } from './backend-state';
import { bundleForPage } from './bundle-transfer';
import { bundleFromZip } from '../core/export/bundle';
import { calibrateBackends, followCalibration } from './calibrate-backends';
import { classifyImage, classifyVideoFrame } from './classify';
import { customModelsApi } from './custom-models-api';
import { featureStore } from './feature-store';
import { gate, gated } from './gate';
import { imageBlobs } from './image-blobs';
import { registerLazyBackend } from './lazy-backend';
import { embedding, health } from './insight';
import type { StudioWorkerApi } from './protocol';
import { studioBackbone, switchWithBackbone } from './studio-backbone';
import { studioModel } from './studio-model';
import { studioTraining } from './studio-training';

// The comlink adapter: the worker's state lives in the modules wired here, each handed what it needs.

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

// WebGPU's code (its kernels and shaders) loads when the backend first starts: most visits run on wasm or WebGL
registerLazyBackend('webgpu', 3, () => import('@tensorflow/tfjs-backend-webgpu'));

const backends = backendState();
const cache = new FeatureCache();
const features = featureStore(cache);
const images = imageBlobs(cache, features);
const artifactCache = idbArtifactCache();
const backbone = studioBackbone({
  ready: backends.ready,
  switchedTo: backends.switchedTo,
  artifactCache,
  cache,
  replaced: () => model.dropTrained(),
});
const model = studioModel({
  backbone: backbone.current,
  requireBackbone: backbone.require,
  cache,
  runActive: () => training.running(),
});
const customModels = customModelsApi({
  ready: backends.ready,
  adopt: backbone.adopt,
  describe: backbone.describe,
  requireBackbone: backbone.require,
  imported: model.imported,
  cache: artifactCache,
});

/** Pooled rows are stored only while the backbone holds its pretrained weights (they are those weights' features). */
function saveFeatures(): void {
  const bb = backbone.current();
  if (bb && fineTunedAbove(bb) === null) void features.save();
}

/**
 * `load` may put another backbone in place of the loaded one (or answer with it, picked again): a
 * new one's stored features follow where its weights came from (feature-store.ts weightsDroppedUnder).
 * A move onto another backend reloads the same weights, so it leaves that as it was.
 */
async function replacing<T>(load: () => Promise<T>, droppedUnder: string | null = null): Promise<T> {
  const before = backbone.current();
  const loaded = await load();
  if (backbone.current() !== before) features.weightsDroppedUnder(droppedUnder);
  return loaded;
}

const training = studioTraining({
  backends,
  backbone,
  images,
  model,
  headStartFor: customModels.headStartFor,
  saveFeatures,
});

/**
 * Calibration runs alone: it switches the global backend under everything else. So does whatever
 * switches the backend or replaces the backbone: beside a job using the backbone (the
 * learning-rate finder, the health check, the feature map) it disposed it mid-job.
 */
const work = gate();

/**
 * Exports being built. A backend switch or another backbone waits for them: started beside one,
 * it took the backbone and the backend from under it, and the model of a run that had just
 * finished never reached storage (a reload then brought back the model before it).
 */
const exporting = new Set<Promise<unknown>>();
const exportsEnded = () => Promise.allSettled([...exporting]);
function tracked<T>(job: Promise<T>): Promise<T> {
  exporting.add(job);
  void job.finally(() => exporting.delete(job)).catch(() => undefined);
  return job;
}

/** Stops asked for since the start: a Stop pressed while a run waits for an export is for that run. */
let stops = 0;

/**
 * A run or the finder writes the backbone's weights (the pretrained ones back in for a run, or
 * for the finder's sweep) while an export of the model before it reads them, in steps: the zip
 * (kept, and the one Download gets) held pretrained blocks under the fine-tuned head. They wait
 * for every export in flight, one started while they waited too.
 */
async function afterExports<T>(job: () => Promise<T>): Promise<T> {
  const stopsBefore = stops;
  while (exporting.size) await exportsEnded();
  const started = job();
  // a job clears an earlier Stop as it starts: one pressed while this one waited still stops it
  if (stops !== stopsBefore) training.api.stop();
  return started;
}

const api: StudioWorkerApi = {
  ...customModels.api,
  ...training.api,
  train: (...args) => afterExports(() => training.api.train(...args)),
  findLearningRate: (...args) => afterExports(() => training.api.findLearningRate(...args)),
  stop() {
    stops++;
    training.api.stop();
  },

  init: (preferred, why) =>
    work.exclusive(async () => {
      await exportsEnded();
      return backends.choose(preferred, why);
    }),
  setBackendPlan: (plan, choice) => backends.setPlan(plan, choice ?? null),
  setHeadBackend: (name, reason) => backends.setHead(name, reason),
  switchBackend: (preferred, why, modelsBase, onProgress) =>
    work.exclusive(async () => {
      await exportsEnded();
      const moved = await switchWithBackbone(
        backends,
        () => backbone.moveToActive(modelsBase, onProgress),
        preferred,
        why,
      );
      // a backbone's move sets the imported model going (ctx.replaced); with none loaded it is moved here
      await model.followBackend();
      return moved;
    }),

  loadBackbone: (id, modelsBase, onProgress) =>
    work.exclusive(async () => {
      await exportsEnded();
      return replacing(() => backbone.loadFrom(id, modelsBase, onProgress));
    }),
  loadBackboneFiles: (id, files, onProgress) =>
    work.exclusive(async () => {
      await exportsEnded();
      return replacing(
        () => backbone.loadFiles(id, [{ source: 'files', files: droppedModelFiles(files) }], onProgress),
        id,
      );
    }),
  // these replace the backbone too
  useCustomBackbone: (choice, onProgress) =>
    work.exclusive(() => replacing(() => customModels.api.useCustomBackbone(choice, onProgress))),
  continueImported: (displayName) =>
    work.exclusive(() => replacing(() => customModels.api.continueImported(displayName))),

  forget: (ids) => images.forget(ids),
  storeFeatures: (on) => features.storing(on),
  async forgetFeatures() {
    cache.clear();
    await features.clear();
  },

  // page-facing tensor work runs with the backbone's backend active (core/train/backend-lease.ts:
  // a head training elsewhere gives it back between its steps); classify.ts and exportBundle wait for it themselves
  predict: (blob) => classifyImage(() => model.classifier(), blob),
  classifyFrame: (frame) => classifyVideoFrame(() => model.classifier(), frame),

  useTrained: () => model.useTrained(),
  async importModel(zip) {
    // the model's weights must live on the backend the studio uses
    await backends.ready();
    return atHome(() => model.importZip(zip));
  },
  exportModel: (keep, trainedAt) =>
    tracked(
      (async () => {
        // the results of the model exported: a next run's first model may replace it while the export is built
        const result = keep ? model.summary() : null;
        const built = await model.exportBundle(images.decode, images.nameOf);
        // written before the zip moves to the page (core/storage/model-writer.ts: off the page's main thread)
        const notKept = result
          ? await keepLastModel({
              zip: built.zip,
              result,
              savedAt: trainedAt ?? new Date().toISOString(),
              headOnly: !built.files['model.json'],
              backboneId: backbone.current()?.spec.id,
            })
          : null;
        const { bundle, transfer } = bundleForPage(built);
        return Comlink.transfer({ ...bundle, notKept }, transfer);
      })(),
    ),
  exportOfZip: (zip) =>
    tracked(
      (async () => {
        // its golden check runs the model: on the backend the studio uses
        await backends.ready();
        const { bundle, transfer } = bundleForPage(await atHome(() => bundleFromZip(zip)));
        return Comlink.transfer(bundle, transfer);
      })(),
    ),

  calibrate: (modelsBase, onProgress, only) =>
    work.exclusive(async () => {
      backbone.require();
      const { probes } = await backends.ready();
      // each backend needs its own copy, from where the loaded one came (studio-backbone.ts loadCopy)
      const calibration = await calibrateBackends(
        only ? probes.filter((p) => only.includes(p.name)) : probes,
        () => backbone.copy(modelsBase),
        onProgress,
      );
      // from where it came, as a user's switch: the files it was loaded from stay its weights
      return followCalibration(calibration, backends, () => backbone.moveToActive(modelsBase, () => {}), onProgress);
    }),

  async embedding(list, cropMode, onProgress) {
    const bb = backbone.require();
    await images.remember(list);
    // the backbone runs here: at home, as for a prediction
    const result = await atHome(() =>
      embedding({ backbone: bb, cache, blobs: images.blobs }, list, cropMode, onProgress),
    );
    saveFeatures();
    return result;
  },
  async health(classes, list, settings, onProgress) {
    const bb = backbone.require();
    await images.remember(list);
    const report = await atHome(() =>
      health({ backbone: bb, cache, blobs: images.blobs }, classes, list, settings, onProgress),
    );
    saveFeatures();
    return report;
  },

  memory() {
    const m = tf.memory();
    const c = cache.stats();
    return { numTensors: m.numTensors, numBytes: m.numBytes, cachedFeatures: c.entries, cacheBytes: c.bytes };
  },
};

// the exclusive ones hold the others back themselves (inside a shared job they would wait for
// themselves); the rest answer at once (stop must reach a running job)
Comlink.expose(
  gated(api, work, [
    'calibrate',
    'init',
    'switchBackend',
    'loadBackbone',
    'loadBackboneFiles',
    'useCustomBackbone',
    'continueImported',
    'stop',
    'setTestFault',
    'setBackendPlan',
    'memory',
  ]),
);
