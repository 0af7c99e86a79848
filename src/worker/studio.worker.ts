import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as Comlink from 'comlink';
import { droppedModelFiles } from '../core/backbones/artifacts';
import type { Backbone } from '../core/backbones/backbone';
import { idbArtifactCache } from '../core/backbones/idb-cache';
import { loadBackbone, urlCandidates, type Candidate, type LoadedBackbone } from '../core/backbones/load';
import { getBackboneSpec } from '../core/backbones/registry';
import { backboneBlocks } from '../core/finetune/blocks';
import { releasePretrained } from '../core/finetune/weights';
import { decodeImageBlob } from '../core/data/decode-browser';
import { toModelInput } from '../core/data/preprocess';
import { exportFiles } from '../core/export/artifacts';
import { cardFacts, type CardFacts } from '../core/export/model-card';
import { poolForModel } from '../core/live/frame';
import { FeatureCache } from '../core/features/cache';
import { predictProbabilities, trainPipeline } from '../core/pipeline';
import type { Head } from '../core/train/head';
import type { TrainSettings } from '../core/train/settings';
import { chooseBackend } from './backends';
import type { BackboneInfo, BackendInfo, StudioWorkerApi, TrainSummary } from './protocol';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

// Every model is created after the backend is chosen, so its weights live on that backend.
let backendReady: Promise<BackendInfo> | null = null;
let backbone: Backbone | null = null;
let trained: { head: Head; classes: string[]; settings: TrainSettings; card: CardFacts } | null = null;
let stopRequested = false;
const blobs = new Map<string, Blob>();
const cache = new FeatureCache();
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
  return { id: backbone.spec.id, blocks: backboneBlocks(backbone), source: loaded.source, where: loaded.where, paramCount: backbone.paramCount };
}

async function load(id: string, candidates: Candidate[], onProgress: (f: number, d: string) => void, useCache: boolean) {
  const spec = getBackboneSpec(id);
  await (backendReady ??= chooseBackend());
  return adopt(await loadBackbone(spec, candidates, { cache: useCache ? artifactCache : undefined, onProgress }));
}

function requireBackbone(): Backbone {
  if (!backbone) throw new Error('Load a backbone first');
  return backbone;
}

/** reused by classifyFrame (video frames keep their size) */
let frameCanvas: OffscreenCanvas | null = null;

const api: StudioWorkerApi = {
  init: (preferred) => (backendReady = chooseBackend(preferred)),

  loadBackbone: (id, modelsBase, onProgress) => load(id, urlCandidates(getBackboneSpec(id), modelsBase), onProgress, true),

  loadBackboneFiles: (id, files, onProgress) => load(id, [{ source: 'files', files: droppedModelFiles(files) }], onProgress, false),

  async train(classes, images, settings, onEvent): Promise<TrainSummary> {
    const bb = requireBackbone();
    stopRequested = false;
    for (const img of images) {
      // A different blob under a known id means the image changed: its cached features are stale.
      if (blobs.get(img.id) !== img.blob) {
        if (blobs.has(img.id)) cache.evict(img.id);
        blobs.set(img.id, img.blob);
      }
    }
    const outcome = await trainPipeline({
      backbone: bb,
      classes,
      images: images.map(({ id, label }) => ({ id, label })),
      decode: (id) => decodeImageBlob(blobs.get(id)!),
      cache,
      settings,
      onEvent,
      shouldStop: () => stopRequested,
    });
    trained?.head.dispose();
    const usable = images.filter((i) => !outcome.skipped.some((s) => s.id === i.id));
    const card = cardFacts(bb, outcome, settings, usable.map((i) => i.label), tf.getBackend());
    trained = { head: outcome.head, classes, settings, card };
    const { head: _head, valPredictions: _vp, ...summary } = outcome;
    return { ...summary, backend: tf.getBackend(), unfreeze: settings.unfreeze, trainableParams: card.trainableParams, frozenParams: card.frozenParams, settings };
  },

  stop() {
    stopRequested = true;
  },

  async predict(blob) {
    const bb = requireBackbone();
    if (!trained) throw new Error('Train a model first');
    const image = await decodeImageBlob(blob);
    const input = toModelInput(image, bb.spec.inputSize, trained.settings.cropMode, bb.spec.pixelRange);
    const probs = predictProbabilities(bb, trained.head, input);
    const values = Array.from(await probs.data());
    tf.dispose([input, probs]);
    return { classes: trained.classes, probabilities: values };
  },

  async classifyFrame(frame) {
    try {
      const bb = requireBackbone();
      if (!trained) throw new Error('Train a model first');
      const { width, height } = frame;
      if (!frameCanvas || frameCanvas.width !== width || frameCanvas.height !== height) frameCanvas = new OffscreenCanvas(width, height);
      const ctx = frameCanvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(frame, 0, 0);
      const image = { data: ctx.getImageData(0, 0, width, height).data, width, height, channels: 4 as const };
      // poolForModel: toModelInput's box filter done in JS first (same input, far faster on wasm)
      const { inputSize, pixelRange } = bb.spec;
      const input = toModelInput(poolForModel(image, inputSize, trained.settings.cropMode), inputSize, trained.settings.cropMode, pixelRange);
      const t0 = performance.now();
      const probs = predictProbabilities(bb, trained.head, input);
      const values = Array.from(await probs.data());
      const ms = performance.now() - t0;
      tf.dispose([input, probs]);
      return { classes: trained.classes, probabilities: values, ms };
    } finally {
      frame.close();
    }
  },

  async exportFiles() {
    const bb = requireBackbone();
    if (!trained) throw new Error('Train a model first');
    const files = await exportFiles({ backbone: bb, head: trained.head, classes: trained.classes, settings: trained.settings, card: trained.card });
    const enc = new TextEncoder();
    return Object.fromEntries([...files].map(([name, content]) => [name, typeof content === 'string' ? enc.encode(content) : content]));
  },

  memory() {
    const m = tf.memory();
    const c = cache.stats();
    return { numTensors: m.numTensors, numBytes: m.numBytes, cachedFeatures: c.entries, cacheBytes: c.bytes };
  },
};

Comlink.expose(api);
