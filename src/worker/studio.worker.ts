import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as Comlink from 'comlink';
import { droppedModelFiles } from '../core/backbones/model-files';
import type { Backbone } from '../core/backbones/backbone';
import { idbArtifactCache } from '../core/backbones/idb-cache';
import { loadBackbone, urlCandidates, type Candidate, type LoadedBackbone } from '../core/backbones/load';
import { getBackboneSpec } from '../core/backbones/registry';
import { backboneBlocks } from '../core/finetune/blocks';
import { fineTunedAbove, releasePretrained } from '../core/finetune/weights';
import { featureStore } from './feature-store';
import { decodeImageBlob } from '../core/data/decode-browser';
import { exportRun } from '../core/export/assemble';
import { bundleExport } from '../core/export/bundle';
import type { CardFacts } from '../core/export/model-card';
import { FeatureCache } from '../core/features/cache';
import { findLearningRate } from '../core/find-learning-rate';
import type { TrainOutcome } from '../core/pipeline';
import { trainModel, type TrainedModel } from '../core/train-model';
import type { Head } from '../core/train/head';
import type { Checkpoint } from '../core/train/epochs';
import type { TrainSettings } from '../core/train/settings';
import { backendState } from './backend-state';
import { calibrateBackends, followCalibration } from './calibrate-backends';
import { importModelFiles, type ImportedModel } from '../core/model-import/read-model-zip';
import { customModelsApi } from './custom-models-api';
import { classifyImage, classifyVideoFrame, importedClassifier, trainedClassifier, type Classifier } from './classify';
import { withFallback } from './fallback';
import { gate, gated } from './gate';
import { guardBackend, loseGpu } from './backend-guard';
import { blobFingerprint, embedding, health } from './insight';
import type { BackboneInfo, ImageInput, StudioWorkerApi, TrainSummary } from './protocol';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

const backends = backendState();
const ready = backends.ready;
let backbone: Backbone | null = null;
let trained: {
  head: Head;
  classes: string[];
  settings: TrainSettings;
  card: CardFacts;
  val: TrainOutcome['valPredictions'];
} | null = null;
let stopRequested = false;
const blobs = new Map<string, Blob>();
const cache = new FeatureCache();
const features = featureStore(cache);
const artifactCache = idbArtifactCache();

function adopt(loaded: LoadedBackbone): BackboneInfo {
  if (backbone && backbone !== loaded.backbone) {
    // fine-tuning keeps the pretrained values of the layers it changed; they go with the backbone
    releasePretrained(backbone);
    cache.dropBackbone(backbone.spec.id);
    trained?.head.dispose();
    trained = null;
    backbone.dispose();
  }
  backbone = loaded.backbone;
  return describe(backbone, loaded.source, loaded.where, loaded.notCached);
}

function describe(bb: Backbone, source: BackboneInfo['source'], where: string, notCached?: string): BackboneInfo {
  return {
    id: bb.spec.id,
    // a backbone someone brought trains its head only: its blocks are not known to the layer map
    blocks: bb.spec.trainable ? backboneBlocks(bb) : [],
    source,
    where,
    paramCount: bb.paramCount,
    notCached,
  };
}

async function load(
  id: string,
  candidates: Candidate[],
  onProgress: (f: number, d: string) => void,
  useCache: boolean,
) {
  const spec = getBackboneSpec(id);
  await ready();
  return adopt(await loadBackbone(spec, candidates, { cache: useCache ? artifactCache : undefined, onProgress }));
}

function requireBackbone(): Backbone {
  if (!backbone) throw new Error('Load a backbone first');
  return backbone;
}

/** Keeps the page's blobs, and (once per worker) brings back the features an earlier visit stored. */
async function remember(images: ImageInput[]): Promise<void> {
  const changed: string[] = [];
  for (const img of images) {
    const old = blobs.get(img.id);
    // A different file under a known id means the image changed: its cached features are stale.
    if (old && blobFingerprint(old) !== blobFingerprint(img.blob)) {
      cache.evict(img.id);
      changed.push(img.id);
    }
    blobs.set(img.id, img.blob);
  }
  await features.forget(changed);
  await features.load(images.map((i) => i.id));
}

/** Pooled rows are stored only while the backbone holds its pretrained weights (they are those weights' features). */
function saveFeatures(): void {
  if (backbone && fineTunedAbove(backbone) === null) void features.save();
}

/** a model brought in from a zip (it answers predictions until the next training run) */
let imported: ImportedModel | null = null;
function dropImported() {
  imported?.model.dispose();
  imported = null;
}

/** What classifies an image now: the imported model, else backbone + the trained head. */
function classifier(): Classifier {
  if (imported) return importedClassifier(imported, imported.headOnlyFor ? requireBackbone() : null);
  const bb = requireBackbone();
  if (!trained) throw new Error('Train a model first (or import one)');
  return trainedClassifier(bb, trained.head, trained.classes, trained.settings.cropMode);
}

/** the page's images as the pipelines take them: labels, a decoder over the kept blobs, the shared cache */
function imagesFor(images: ImageInput[]) {
  return { images: images.map(({ id, label }) => ({ id, label })), decode: decodeKept, cache };
}

function decodeKept(id: string) {
  return decodeImageBlob(blobs.get(id)!);
}

const CHECKPOINT_EVERY_MS = 1000;

/** where the page loads backbones from (kept for reloading onto another backend) */
let modelsBaseSeen = '';
/** test hook: lose the GPU after this epoch (the page passes ?fault=gpu-lost-after-epoch-N) */
let testFault: number | null = null;

/**
 * After a backend failure: activate `name` and load the backbone onto it. Unlike a user's
 * backend switch, the feature cache stays (its rows are plain arrays, valid on any backend).
 */
async function switchBackendKeepingCache(name: string, why: string): Promise<void> {
  const old = requireBackbone();
  if (!(await tf.setBackend(name))) throw new Error(`The ${name} backend did not start`);
  await tf.ready();
  await backends.switchedTo(name, why);
  const loaded = await loadBackbone(old.spec, urlCandidates(old.spec, modelsBaseSeen), { cache: artifactCache });
  try {
    releasePretrained(old);
    old.dispose();
  } catch {
    // its tensors went with the lost device
  }
  backbone = loaded.backbone;
}

/** `model` becomes what Try it, the webcam and exports use (a first model, then the final one); the page gets its summary. */
function keep(
  { outcome, card, trainedOn, startedFrom, settings: used }: TrainedModel,
  settings: TrainSettings,
  resume: Checkpoint | undefined,
): TrainSummary {
  dropImported();
  try {
    if (trained && trained.head !== outcome.head) trained.head.dispose();
  } catch {
    // it lived on a backend that is gone
  }
  trained = { head: outcome.head, classes: outcome.classes, settings: used, card, val: outcome.valPredictions };
  const { head: _head, ...summary } = outcome;
  return {
    ...summary,
    backend: trainedOn,
    unfreeze: settings.unfreeze,
    trainableParams: card.trainableParams,
    frozenParams: card.frozenParams,
    settings,
    resumedFrom: resume?.epoch ?? null,
    startedFrom,
  };
}

const customModels = customModelsApi({
  ready,
  adopt,
  describe,
  requireBackbone,
  imported: () => imported,
  cache: artifactCache,
});

/** calibration runs alone: it switches the global backend under everything else */
const work = gate();

const api: StudioWorkerApi = {
  ...customModels.api,

  init: (preferred, why) => backends.choose(preferred, why),
  setBackendPlan: (plan, choice) => backends.setPlan(plan, choice ?? null),
  setHeadBackend: (name, reason) => backends.setHead(name, reason),

  loadBackbone: (id, modelsBase, onProgress) => {
    modelsBaseSeen = modelsBase;
    return load(id, urlCandidates(getBackboneSpec(id), modelsBase), onProgress, true);
  },

  setTestFault(afterEpoch) {
    testFault = afterEpoch;
  },

  loadBackboneFiles: (id, files, onProgress) =>
    load(id, [{ source: 'files', files: droppedModelFiles(files) }], onProgress, false),

  async train(classes, images, settings, onEvent, resume): Promise<TrainSummary> {
    requireBackbone();
    stopRequested = false;
    await remember(images);
    const info = await ready();
    const trainedModel = await trainModel(
      {
        backbone: requireBackbone,
        cache,
        decode: decodeKept,
        headBackend: info.head?.name ?? null,
        guard: guardBackend,
        fallback: (run, start, side) =>
          withFallback(
            run,
            info.probes.filter((p) => p.ok).map((p) => p.name),
            switchBackendKeepingCache,
            (f) => {
              // a backend that fell over does not train the next runs' heads either; the page shows the state as it is now
              void (f.from === side ? backends.dropHead() : backends.ready()).then((backend) =>
                onEvent({ type: 'fallback', ...f, backend }),
              );
            },
            start,
          ),
        checkpoints: {
          sink: (checkpoint) => onEvent({ type: 'checkpoint', checkpoint }),
          everyMs: CHECKPOINT_EVERY_MS,
        },
        afterEpoch: (c) => {
          if (c.epoch !== testFault) return;
          testFault = null;
          console.warn(`test fault: ${loseGpu()} after epoch ${c.epoch}`);
        },
        onFeaturesExtracted: saveFeatures,
      },
      {
        classes,
        images: imagesFor(images).images,
        settings,
        onEvent,
        shouldStop: () => stopRequested,
        resume,
        headStart: customModels.headStartFor(requireBackbone().spec.id),
        onFirstModel: (first) => onEvent({ type: 'first-model', result: keep(first, settings, resume) }),
      },
    );
    return keep(trainedModel, settings, resume);
  },

  async findLearningRate(classes, images, settings, onEvent) {
    const bb = requireBackbone();
    stopRequested = false;
    await remember(images);
    const { head } = await ready();
    const { extracted: _e, ...result } = await findLearningRate({
      // the sweep trains a head: where heads train (find-learning-rate.ts leaves it here when that is the active backend)
      headBackend: head ? { name: head.name, guard: guardBackend(head.name) } : undefined,
      backbone: bb,
      classes,
      ...imagesFor(images),
      settings,
      onEvent,
      shouldStop: () => stopRequested,
    });
    saveFeatures();
    return result;
  },

  stop() {
    stopRequested = true;
  },

  forget(ids) {
    for (const id of ids) {
      blobs.delete(id);
      cache.evict(id);
    }
    void features.forget(ids);
  },

  async forgetFeatures() {
    cache.clear();
    await features.clear();
  },

  predict: (blob) => classifyImage(classifier(), blob),

  classifyFrame(frame) {
    let c: Classifier;
    try {
      c = classifier();
    } catch (err) {
      frame.close();
      throw err;
    }
    return classifyVideoFrame(c, frame);
  },

  async importModel(zip) {
    // the model's weights must live on the backend the studio uses
    await ready();
    const bb = backbone;
    const model = await importModelFiles(
      zip,
      bb && {
        id: bb.spec.id,
        featureSize: bb.spec.featureSize,
        inputSize: bb.spec.inputSize,
        pixelRange: bb.spec.pixelRange,
      },
    );
    dropImported();
    imported = model;
    const { labels, source, name, inputSize, cropMode } = model;
    return { labels, source, name, inputSize, cropMode };
  },

  async exportModel() {
    const bb = requireBackbone();
    if (!trained) throw new Error('Train a model first');
    const { head, classes, settings, card, val } = trained;
    const name = (id: string) => {
      const blob = blobs.get(id);
      return blob instanceof File ? blob.name : id;
    };
    return bundleExport(
      await exportRun({ backbone: bb, head, classes, settings, card, val, decode: decodeKept, name }),
    );
  },

  calibrate: (modelsBase, onProgress, only) =>
    work.exclusive(async () => {
      const bb = requireBackbone();
      const info = await ready();
      // each backend needs its own copy: from the offline cache, else where the studio loads it from
      const load = async () =>
        (await loadBackbone(bb.spec, urlCandidates(bb.spec, modelsBase), { cache: artifactCache })).backbone;
      const probes = only ? info.probes.filter((p) => only.includes(p.name)) : info.probes;
      const calibration = await calibrateBackends(probes, load, onProgress);
      return followCalibration(
        calibration,
        backends,
        () => api.loadBackbone(bb.spec.id, modelsBase, () => {}),
        onProgress,
      );
    }),

  async embedding(images, cropMode, onProgress) {
    const bb = requireBackbone();
    await remember(images);
    const result = await embedding({ backbone: bb, cache, blobs }, images, cropMode, onProgress);
    saveFeatures();
    return result;
  },

  async health(classes, images, settings, onProgress) {
    const bb = requireBackbone();
    await remember(images);
    const report = await health({ backbone: bb, cache, blobs }, classes, images, settings, onProgress);
    saveFeatures();
    return report;
  },

  memory() {
    const m = tf.memory();
    const c = cache.stats();
    return { numTensors: m.numTensors, numBytes: m.numBytes, cachedFeatures: c.entries, cacheBytes: c.bytes };
  },
};

// calibrate holds the others back itself; these answer at once (stop must reach a running job)
Comlink.expose(gated(api, work, ['calibrate', 'stop', 'setTestFault', 'setBackendPlan', 'memory']));
