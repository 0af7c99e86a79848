import type { BackboneSource } from '../core/backbones/load';
import type { PipelineEvent } from '../core/pipeline';
import type { ClassMetrics, ConfusionMatrix } from '../core/train/metrics';
import type { TrainSettings } from '../core/train/settings';
import type { EpochMetrics } from '../core/train/trainer';

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
}

export interface BackboneInfo {
  id: string;
  source: BackboneSource;
  where: string;
  paramCount: number;
}

export interface ImageInput {
  id: string;
  label: number;
  blob: Blob;
}

export interface TrainSummary {
  classes: string[];
  history: EpochMetrics[];
  stopped: boolean;
  images: { train: number; val: number };
  valAccuracy: number;
  perClass: ClassMetrics[];
  confusion: ConfusionMatrix;
  skipped: { id: string; reason: string }[];
  extracted: number;
  seconds: { extract: number; train: number };
  backend: string;
}

export interface Prediction {
  classes: string[];
  probabilities: number[];
}

export interface StudioWorkerApi {
  init(preferred?: string): Promise<BackendInfo>;
  loadBackbone(id: string, modelsBase: string, onProgress: (fraction: number, detail: string) => void): Promise<BackboneInfo>;
  loadBackboneFiles(id: string, files: File[], onProgress: (fraction: number, detail: string) => void): Promise<BackboneInfo>;
  train(classes: string[], images: ImageInput[], settings: TrainSettings, onEvent: (e: PipelineEvent) => void): Promise<TrainSummary>;
  stop(): void;
  predict(blob: Blob): Promise<Prediction>;
  exportFiles(): Promise<Record<string, Uint8Array>>;
  memory(): { numTensors: number; numBytes: number; cachedFeatures: number; cacheBytes: number };
}
