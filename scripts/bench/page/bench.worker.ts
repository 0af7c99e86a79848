// The raw-model side of the browser figures: forward passes, a head epoch and a fine-tune step
// on one chosen backend, plus the extraction pipeline timed against the raw forward in the same
// engine. It runs the studio's own modules (backend probe, loader, decoder, extractor, trainer),
// so the only code here is timing. One worker per backend keeps each tfjs engine clean.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as Comlink from 'comlink';
import type { Backbone } from '../../../src/core/backbones/backbone';
import { loadBackbone, urlCandidates } from '../../../src/core/backbones/load';
import { getBackboneSpec } from '../../../src/core/backbones/registry';
import { decodeImageBlob } from '../../../src/core/data/decode-browser';
import { extractFeatures } from '../../../src/core/features/extract';
import { buildHead } from '../../../src/core/train/head';
import { predictProbabilities } from '../../../src/core/train/predict';
import { DEFAULT_SETTINGS } from '../../../src/core/train/settings';
import { trainHead } from '../../../src/core/train/trainer';
import { chooseBackend } from '../../../src/worker/backend-choice';
import { workerInputs } from '../../../src/worker/decode-pool';
import { loadDepthPair, timeDepths } from '../depths';
import { fineTuneInputs, fineTuneStepper } from '../finetune';
import { BENCH_BACKBONE } from '../plan';
import { interleaved, measure, type InterleaveOptions, type MeasureOptions, type Timed } from '../stats';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

let backbone: Backbone | null = null;
/** where setup() found the models: the two-depth comparison loads its own copies from there */
let modelsFrom = '/models/';

/** WebGPU errors nobody captured: a kernel that fails validation is skipped without a throw, so a
 * figure taken while one happened timed work that was never done. */
const gpuErrors: string[] = [];
function listenForGpuErrors() {
  const device = (tf.backend() as unknown as { device?: EventTarget }).device;
  device?.addEventListener('uncapturederror', (e) => {
    gpuErrors.push(((e as Event & { error?: { message?: string } }).error?.message ?? 'unknown').split('\n')[0]);
  });
}

export interface SetupResult {
  ok: boolean;
  active: string;
  reason?: string;
  loadMs?: number;
}

function need(): Backbone {
  if (!backbone) throw new Error('setup() first');
  return backbone;
}

async function timedForward(batch: number, options: MeasureOptions): Promise<Timed> {
  const bb = need();
  const x = tf.randomUniform([batch, bb.spec.inputSize, bb.spec.inputSize, 3], -1, 1) as tf.Tensor4D;
  try {
    return await measure(async () => {
      const y = bb.extract(x);
      await y.data();
      y.dispose();
    }, options);
  } finally {
    x.dispose();
  }
}

const api = {
  /** the studio's own backend probe and choice (what the header shows) */
  probe: () => chooseBackend(),

  async setup(backend: string, modelsBase: string): Promise<SetupResult> {
    const info = await chooseBackend({ preferred: backend });
    if (info.active !== backend) {
      const probe = info.probes.find((p) => p.name === backend);
      return { ok: false, active: info.active, reason: probe?.note ?? `${backend} did not start (got ${info.active})` };
    }
    if (backend === 'webgpu') listenForGpuErrors();
    modelsFrom = modelsBase;
    const spec = getBackboneSpec(BENCH_BACKBONE);
    const t = performance.now();
    backbone = (await loadBackbone(spec, urlCandidates(spec, modelsBase))).backbone;
    return { ok: true, active: info.active, loadMs: performance.now() - t };
  },

  forward: (batch: number, options: MeasureOptions) => timedForward(batch, options),

  /**
   * `backboneId`'s feature model with two depths against the feature layer alone (../depths.ts),
   * both loaded for this and freed after, forward passes in turns at each batch size.
   */
  async featureDepths(backboneId: string, batches: number[], options: InterleaveOptions) {
    const spec = getBackboneSpec(backboneId);
    const pair = await loadDepthPair(spec, urlCandidates(spec, modelsFrom));
    try {
      return await timeDepths(pair.plain, pair.joined, batches, options);
    } finally {
      pair.dispose();
    }
  },

  /**
   * The webcam's raw side as a rate: one image at a time through the backbone and a linear head
   * (softmax, read back), as the live classifier runs a frame, back to back for `ms`. Taken in
   * turns with the live windows, other programs interrupt both alike.
   */
  async forwardRate(ms: number) {
    const bb = need();
    const s = bb.spec.inputSize;
    const x = tf.randomUniform([s, s, 3], -1, 1) as tf.Tensor3D;
    const head = buildHead(bb.spec.featureSize, 2, 0, 0, 1);
    const once = async () => {
      const y = predictProbabilities(bb, head, x);
      await y.data();
      y.dispose();
    };
    try {
      await once();
      let forwards = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < ms) {
        await once();
        forwards++;
      }
      return { forwards, seconds: (performance.now() - t0) / 1000 };
    } finally {
      x.dispose();
      head.dispose();
    }
  },

  /**
   * Whole pipeline (decode, crop, resize, backbone, read back) over `blobs` into an empty table,
   * against the bare forward over as many images at the pipeline's batch size on the same engine:
   * the two run in turns (pipeline, raw, pipeline, raw…) so a busy machine slows both alike.
   */
  async extraction(blobs: Blob[], options: MeasureOptions) {
    const bb = need();
    const batch = 16; // extractFeatures' default, what the studio uses
    const ids = blobs.map((_, i) => String(i));
    // the studio's decoder: batches decoded by the decode worker beside this one (worker/image-blobs.ts)
    const decode = Object.assign((id: string) => decodeImageBlob(blobs[Number(id)]), {
      inputs: workerInputs((id) => blobs[Number(id)]),
    });
    let failed = 0;
    const x = tf.randomUniform([batch, bb.spec.inputSize, bb.spec.inputSize, 3], -1, 1) as tf.Tensor4D;
    try {
      const { a: pipeline, b: raw } = await interleaved(
        async () => {
          const r = await extractFeatures(bb, ids, decode, new Map(), { cropMode: DEFAULT_SETTINGS.cropMode });
          failed = r.failed.length;
        },
        async () => {
          for (let done = 0; done < blobs.length; done += batch) {
            const y = bb.extract(done + batch <= blobs.length ? x : x.slice(0, blobs.length - done));
            await y.data();
            y.dispose();
          }
        },
        { warmup: options.warmup ?? 1, runs: options.runs ?? 3 },
      );
      return { images: blobs.length, failed, batch, pipeline, raw, interleaved: true };
    } finally {
      x.dispose();
    }
  },

  /** one epoch of the studio's head training on random pooled features (the trainer does not care what they are) */
  async headEpoch(rows: number, options: MeasureOptions) {
    const bb = need();
    const classes = 10;
    const x = tf.randomNormal([rows, bb.spec.featureSize]) as tf.Tensor2D;
    const xVal = tf.randomNormal([Math.ceil(rows / 4), bb.spec.featureSize]) as tf.Tensor2D;
    const labels = Int32Array.from({ length: rows }, (_, i) => i % classes);
    const valLabels = Int32Array.from({ length: xVal.shape[0] }, (_, i) => i % classes);
    const head = buildHead(bb.spec.featureSize, classes, DEFAULT_SETTINGS.hiddenUnits, DEFAULT_SETTINGS.dropout, 1);
    try {
      const timed = await measure(
        () => trainHead(head, { x, labels, xVal, valLabels, numClasses: classes }, { ...DEFAULT_SETTINGS, epochs: 1 }),
        options,
      );
      return { rows, batch: DEFAULT_SETTINGS.batchSize, ...timed };
    } finally {
      head.dispose();
      tf.dispose([x, xVal]);
    }
  },

  /** one training step of the last 2 blocks + head on boundary-cached activations (the studio's fast ops) */
  async finetuneStep(batch: number, options: MeasureOptions) {
    const bb = need();
    const inputs = fineTuneInputs(bb, batch);
    const stepper = fineTuneStepper(bb, 'fast', inputs.cached);
    try {
      return { batch, boundary: inputs.boundary, ...(await measure(() => stepper.step(batch), options)) };
    } finally {
      stepper.dispose();
      inputs.dispose();
    }
  },

  memory: () => tf.memory().numTensors,

  /** how many WebGPU errors went uncaptured so far, and the first few */
  gpuErrors: () => ({ count: gpuErrors.length, first: [...new Set(gpuErrors)].slice(0, 3) }),
};

export type BenchWorkerApi = typeof api;

Comlink.expose(api);
