// The JSON contract of `npm run bench -- --json`. The named keys are what other tools read: keep
// them; add beside them, never rename. Figures a run could not take are null, with a reason.
import type { BackendDepthFigure } from './depth-figures';
import type { BackendFigures } from './raw-figures';
import type { Plan } from './options';

export interface BenchResult {
  machine: {
    cores: number | null;
    browser: string | null;
    backends: Record<string, { ok: boolean; adapter: string | null; software?: boolean | null; note?: string | null }>;
    [k: string]: unknown;
  };
  extraction: {
    backend: string | null;
    pipelineImagesPerSec: number | null;
    rawModelImagesPerSec: number | null;
    ratio: number | null;
    [k: string]: unknown;
  };
  finetune: {
    backend: string | null;
    unfrozenBlocks: number;
    cachedEpochSeconds: number | null;
    naiveEpochSeconds: number | null;
    speedup: number | null;
    [k: string]: unknown;
  };
  timeToFirstModel: { images: number | null; seconds: number | null; valAccuracy: number | null; [k: string]: unknown };
  /** the same runs to 'Training finished' (the full model, after the augmented views) */
  timeToFinalModel: { images: number | null; seconds: number | null; valAccuracy: number | null; [k: string]: unknown };
  /** the page's own scripts (gzip) and navigation → backbone ready */
  page: {
    jsGzipBytes: number | null;
    jsBytes: number | null;
    timeToInteractiveSeconds: number | null;
    [k: string]: unknown;
  };
  webcam: {
    backend: string | null;
    fps: number | null;
    rawFps: number | null;
    ratio: number | null;
    [k: string]: unknown;
  };
  mainThreadLongestTaskMs: number | null;
  mainThreadLongTasks?: unknown;
  /** longest main-thread task while adding, extracting and training under 4× CPU throttling */
  mainThreadLongestTaskMs4x: number | null;
  throttled4x: { longestTaskMs: number | null; frameDelayP95Ms: number | null; [k: string]: unknown };
  leak: { tensorsBefore: number | null; tensorsAfter: number | null; [k: string]: unknown };
  /** model.onnx and model.tflite: the time to write each from the standalone model, and its size */
  export: {
    onnxMs: number | null;
    onnxBytes: number | null;
    tfliteMs: number | null;
    tfliteBytes: number | null;
    [k: string]: unknown;
  };
  perBackend: Record<string, BackendFigures>;
  /**
   * One forward pass of the feature model with two depths (the studio's) against the feature
   * layer alone, on the bench's backbone and the extraction backend (depths.ts); ratio: two ÷ one
   */
  featureDepths: {
    backend: string | null;
    backbone: string | null;
    plainMsBatch1: number | null;
    joinedMsBatch1: number | null;
    plainMsBatch16: number | null;
    joinedMsBatch16: number | null;
    ratioBatch16: number | null;
    [k: string]: unknown;
  };
  /** the same figure for every built-in backbone measured, by id (featureDepths is one of them) */
  featureDepthsByBackbone: Record<string, BackendDepthFigure>;
  date: string;
  quick: boolean;
  plan: Plan;
  totalSeconds: number;
  errors: string[];
}

export function emptyResult(plan: Plan): BenchResult {
  return {
    machine: { cores: null, browser: null, backends: {}, node: process.version },
    extraction: { backend: null, pipelineImagesPerSec: null, rawModelImagesPerSec: null, ratio: null },
    finetune: { backend: null, unfrozenBlocks: 2, cachedEpochSeconds: null, naiveEpochSeconds: null, speedup: null },
    timeToFirstModel: { images: null, seconds: null, valAccuracy: null },
    timeToFinalModel: { images: null, seconds: null, valAccuracy: null },
    page: { jsGzipBytes: null, jsBytes: null, timeToInteractiveSeconds: null },
    webcam: { backend: null, fps: null, rawFps: null, ratio: null, ratio4x: null },
    mainThreadLongestTaskMs: null,
    mainThreadLongestTaskMs4x: null,
    throttled4x: { longestTaskMs: null, frameDelayP95Ms: null },
    leak: { tensorsBefore: null, tensorsAfter: null },
    export: { onnxMs: null, onnxBytes: null, tfliteMs: null, tfliteBytes: null },
    perBackend: {},
    featureDepths: {
      backend: null,
      backbone: null,
      plainMsBatch1: null,
      joinedMsBatch1: null,
      plainMsBatch16: null,
      joinedMsBatch16: null,
      ratioBatch16: null,
    },
    featureDepthsByBackbone: {},
    date: new Date().toISOString(),
    quick: plan.quick,
    plan,
    totalSeconds: 0,
    errors: [],
  };
}
