import type * as tf from '@tensorflow/tfjs-core';
import type { BackboneInspection, CustomChoice } from '../core/backbones/custom';
import type { BackboneSource } from '../core/backbones/load';
import type { BackboneSpec } from '../core/backbones/registry';
import type { HeadStart } from '../core/model-import/head-start';
import type { CalibrationRow } from '../core/backend-timing';
import type { ExportBundle } from '../core/export/bundle';
import type { BlockInfo } from '../core/finetune/blocks';
import type { CropMode } from '../core/data/crop';
import type { HealthIssue } from '../core/data/health';
import type { LrFindEvent } from '../core/find-learning-rate';
import type { PipelineEvent, TrainOutcome } from '../core/pipeline';
import type { Fallback } from './fallback';
import type { LrFinderResult } from '../core/train/lr-range-test';
import type { Checkpoint } from '../core/train/epochs';
import type { TrainSettings } from '../core/train/settings';

/** Typed surface of the training worker; the page talks to it only through client.ts. */

export interface BackendProbe {
  name: string;
  ok: boolean;
  /** adapter / renderer, and whether it is a software fallback */
  adapter?: string;
  software?: boolean;
  note?: string;
}

export interface BackendInfo {
  active: string;
  reason: string;
  probes: BackendProbe[];
  /** what the probes found, as one string: a calibration is reused only on the same hardware */
  signature: string;
  /** head-only runs train their head here (null: on the active backend) */
  head: { name: string; reason: string } | null;
}

/** A calibration's choice per job, kept by the page and applied when the studio starts again. */
export interface BackendPlan {
  signature: string;
  extraction: string;
  /** null: the head trains where the features were extracted */
  headTraining: string | null;
  /** ISO date of the calibration */
  measuredAt: string;
}

/** What the user picked by hand in the backend selects, remembered on this hardware (it wins over a plan). */
export interface BackendChoice {
  signature: string;
  backend?: string;
  /** null: the head trains where the features are extracted */
  head?: string | null;
}

/**
 * A backend switch as the worker made it: its backend state, and the loaded backbone loaded again
 * onto that backend, or why it could not be (the backend then went back to where it lives, and it
 * stayed as it was); null: none was loaded, or it lives there already.
 */
export interface BackendSwitch {
  backend: BackendInfo;
  /** on failure, `onto`: the backend it was to be loaded onto (the one chosen: a pick that did not start falls to the next) */
  reloaded: { backbone: BackboneInfo } | { error: string; onto?: string } | null;
}

/** Per-backend timings from a short calibration and the fastest backend per job. */
export interface Calibration {
  rows: CalibrationRow[];
  best: { extraction: string | null; headTraining: string | null; fineTuning: string | null };
  /** the backend still active after calibrating */
  active: string;
}

/**
 * A calibration as the worker followed it (worker/calibrate-backends.ts): the page keeps the plan
 * and shows the backend state and the reloaded backbone as they are.
 */
export interface CalibrationOutcome {
  calibration: Calibration;
  /** the plan the worker now follows (null: no backend worked, nothing changed) */
  plan: BackendPlan | null;
  /** the worker's backend state after following the plan (null: unchanged) */
  backend: BackendInfo | null;
  /** extraction moved: the backbone reloaded onto its backend, or why that failed (null: it stayed) */
  reloaded: BackendSwitch['reloaded'];
}

/** The learning-rate finder's answer as the worker gives it. */
export type LrFinderAnswer = LrFinderResult & {
  /**
   * the head's backend (`from`) was lost under the sweep, which went on where the features live: the
   * worker dropped it, as after a run's fallback; `backend`: its state after, for the page to show
   */
  headLost?: { from: string; backend: BackendInfo };
};

export interface BackboneInfo {
  id: string;
  /** block structure, bottom to top ([] for graph models): the layer map */
  blocks: BlockInfo[];
  source: BackboneSource;
  where: string;
  paramCount: number;
  /** why it was not kept for offline use (storage full, IndexedDB unavailable) */
  notCached?: string;
}

export interface ImageInput {
  id: string;
  label: number;
  blob: Blob;
  /** SHA-256 of the bytes, where the page has already computed it (the health check then does not hash again) */
  hash?: string;
}

/** What the insight views get back: the feature map and the health check (worker/insight.ts computes them). */
export interface EmbeddingPoint {
  id: string;
  label: number;
  x: number;
  y: number;
}

export interface Embedding {
  points: EmbeddingPoint[];
  /** variance fraction on each axis */
  explained: number[];
  /** images that went through the backbone for this view (the rest came from the cache) */
  extracted: number;
  failed: { id: string; reason: string }[];
}

export interface HealthReport {
  issues: HealthIssue[];
  checked: number;
  extracted: number;
}

/** What crosses back from a training run: the outcome without the head (it stays in the worker). */
export type TrainSummary = Omit<TrainOutcome, 'head'> & {
  backend: string;
  /** top backbone blocks this run trained (0: head only) */
  unfreeze: number;
  trainableParams: number;
  frozenParams: number;
  /** the settings this model was trained with (its crop mode is what live classification uses) */
  settings: TrainSettings;
  /**
   * what those settings came to: the automatic recipe's choice (linear head, its rate, L2, epochs,
   * feature normalisation) filled in; the run history labels the run with it (absent: results
   * kept before it was recorded)
   */
  trainedWith?: TrainSettings;
  /** the epoch a reload-interrupted run was resumed after (null: it ran from epoch 1) */
  resumedFrom: number | null;
  /** the imported model whose head this run started from (null: a fresh head) */
  startedFrom: string | null;
  /** the split its validation images were drawn by (core/data/train-val.ts SPLIT_VERSION; absent: before version 2) */
  split?: number;
};

/** A training run's events: the pipeline's, plus what the worker adds (fallbacks, gathered messages, the first model). */
export type StudioEvent =
  | PipelineEvent
  /**
   * the backend fell over; training continues on `to` after epoch `epoch` (see worker/fallback.ts).
   * `backend` is the worker's backend state after it, for the page to show as it is.
   */
  | ({ type: 'fallback'; backend: BackendInfo } & Fallback)
  /** the losses of the batches since the last event, in order (worker/batched-events.ts) */
  | { type: 'batches'; losses: number[] }
  /** several events in the order they happened, sent as one message (worker/batched-events.ts) */
  | { type: 'gathered'; events: StudioEvent[] }
  /** a two-phase run's first model (plain features): it answers Try it while the full model trains */
  | { type: 'first-model'; result: TrainSummary }
  /**
   * storage refused the run's checkpoint (`refused`: why), or keeps it again (null): a reload or
   * another tab can resume only from a kept one (core/storage/checkpoint-writer.ts)
   */
  | { type: 'checkpoint'; refused: string | null };

export interface ImportedInfo {
  labels: string[];
  /** 'tfjs-layers': another TF.js layers model (a converted Keras one), its preprocessing guessed */
  source: 'studio' | 'teachable-machine' | 'tfjs-layers';
  name: string;
  /** for a 'tfjs-layers' model: the preprocessing the studio assumed, in words */
  assumed?: string;
  inputSize: number;
  cropMode: CropMode;
  /** a head-only export runs on this backbone's features only */
  headOnlyFor?: string;
}

export interface Prediction {
  classes: string[];
  probabilities: number[];
}

export interface StudioWorkerApi {
  /** probes and picks the backend: `preferred` first (`why`: the reason shown, by default the user's choice), else the plan's if it was measured on this hardware */
  init(preferred?: string, why?: string): Promise<BackendInfo>;
  /** the page's stored calibration plan; sent before anything else, so the first backend choice can use it */
  setBackendPlan(plan: BackendPlan | null, choice?: BackendChoice | null): void;
  /**
   * `init`'s choice with the loaded backbone following it: loaded again onto that backend from
   * where it came (the files it was loaded from, else the offline cache or `modelsBase`)
   */
  switchBackend(
    preferred: string,
    why: string | undefined,
    modelsBase: string,
    onProgress: (fraction: number, detail: string) => void,
  ): Promise<BackendSwitch>;
  loadBackbone(
    id: string,
    modelsBase: string,
    onProgress: (fraction: number, detail: string) => void,
  ): Promise<BackboneInfo>;
  loadBackboneFiles(
    id: string,
    files: File[],
    onProgress: (fraction: number, detail: string) => void,
  ): Promise<BackboneInfo>;
  /** a brought backbone taken off the list: its weights leave the offline cache */
  forgetBackboneFiles(id: string): Promise<void>;
  /** a brought backbone's files as the offline cache keeps them (null: not kept there), for a project zip */
  broughtBackboneArtifacts(id: string): Promise<tf.io.ModelArtifacts | null>;
  /**
   * a brought backbone a project zip carried goes into the offline cache, to be loaded by its id;
   * its spec is made again from its weights and the choices it names (a spec that does not match
   * them is refused): the spec to list
   */
  bringBackbone(
    spec: BackboneSpec,
    modelJson: string,
    shards: { name: string; bytes: Uint8Array }[],
  ): Promise<BackboneSpec & { notCached?: string }>;
  /** the cached weights of brought backbones no longer on the page's list leave the cache: the ids gone */
  forgetUnlistedBackbones(listed: string[]): Promise<string[]>;
  /** backbones people brought, known to the page from an earlier visit */
  registerBackbones(specs: BackboneSpec[]): void;
  /** reads a layers model someone brings and lists where features can come from (core/backbones/custom.ts) */
  inspectBackbone(files: File[], onProgress: (fraction: number, detail: string) => void): Promise<BackboneInspection>;
  /** loads the inspected model as a backbone with the chosen feature layer and pixel range (kept in the offline cache) */
  useCustomBackbone(
    choice: CustomChoice,
    onProgress: (fraction: number, detail: string) => void,
  ): Promise<BackboneInfo & { spec: BackboneSpec }>;
  /** `resume`: continue a run after its checkpoint's epoch (a reload cut it short) */
  train(
    classes: string[],
    images: ImageInput[],
    settings: TrainSettings,
    onEvent: (e: StudioEvent) => void,
    resume?: Checkpoint,
  ): Promise<TrainSummary>;
  /** learning-rate range test on the cached features (see core/find-learning-rate.ts); Stop ends it early */
  findLearningRate(
    classes: string[],
    images: ImageInput[],
    settings: TrainSettings,
    onEvent: (e: LrFindEvent) => void,
  ): Promise<LrFinderAnswer>;
  stop(): void;
  /** drops deleted images' blobs and cached features (stored ones too) */
  forget(ids: string[]): void;
  /** a new project: every cached and stored feature goes */
  forgetFeatures(): Promise<void>;
  /**
   * browser storage is full (false): the stored feature rows go and none is written until it has room
   * again (true); the features in memory stay (a run may be reading them)
   */
  storeFeatures(on: boolean): Promise<void>;
  /** head-only runs train the head on this backend (null: where the backbone lives); see core/train/head-backend.ts */
  setHeadBackend(name: string | null, reason: string): Promise<BackendInfo>;
  /** test hook (opt-in with ?fault=gpu-lost-after-epoch-N): really lose the GPU after that epoch of the next run */
  setTestFault(afterEpoch: number | null): void;
  predict(blob: Blob): Promise<Prediction>;
  /** live webcam: classify one video frame (transferred, closed by the worker); ms = the model's forward pass alone */
  classifyFrame(frame: ImageBitmap): Promise<Prediction & { ms: number }>;
  /** a model zip (ours or Teachable Machine's) to classify with, until the next training run */
  importModel(zip: Uint8Array): Promise<ImportedInfo>;
  /**
   * "Use the model trained here": the imported model goes and the model trained here, still in
   * memory, answers again; false: the worker holds none (after a reload), the stored one is imported
   */
  useTrained(): boolean;
  /**
   * The imported model becomes the starting point: its layers up to the pooling are loaded as the
   * backbone, its dense head starts the next runs (classes matched by name; core/model-import/head-start.ts)
   */
  continueImported(displayName?: string): Promise<BackboneInfo & { spec: BackboneSpec; start: HeadStart }>;
  /** the page's stored starting point, back after a reload (on the backbone it belongs to) */
  setHeadStart(backboneId: string, start: HeadStart): void;
  /** the next runs start from a fresh head again */
  startFromScratch(): void;
  /**
   * the export files, its zip (re-imported and checked against golden.json) and the head-only zip;
   * `keep`: the worker also stores it as the last trained model, with its results, for the next
   * visit, and says why it could not (`notKept`, null when it was); `trainedAt`: when the page
   * was handed the model (the time it is kept with, and named by when read back)
   */
  exportModel(keep?: boolean, trainedAt?: string): Promise<ExportBundle & { notKept?: string | null }>;
  /** the downloads of an export zip kept in storage (the trained model after a reload), checked again */
  exportOfZip(zip: Uint8Array): Promise<ExportBundle>;
  /**
   * Times the loaded backbone on every available backend (see core/backend-timing.ts) and follows
   * the result: the plan, the active and head backends, the backbone reloaded where extraction moved.
   */
  calibrate(
    modelsBase: string,
    onProgress: (done: number, total: number, detail: string) => void,
    only?: string[],
  ): Promise<CalibrationOutcome>;
  memory(): { numTensors: number; numBytes: number; cachedFeatures: number; cacheBytes: number };
  /** 2-D PCA of the pooled features (extracted through the training cache) */
  embedding(
    images: ImageInput[],
    cropMode: CropMode,
    onProgress: (done: number, total: number) => void,
  ): Promise<Embedding>;
  /** duplicates, split leaks, unreadable files, small or imbalanced classes (core/data/health.ts) */
  health(
    classes: string[],
    images: ImageInput[],
    settings: TrainSettings,
    onProgress: (done: number, total: number) => void,
  ): Promise<HealthReport>;
}
