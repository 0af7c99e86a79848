import type { BackboneSource } from '../core/backbones/load';
import type { BlockInfo } from '../core/finetune/blocks';
import type { PipelineEvent, TrainOutcome } from '../core/pipeline';
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
}

export interface BackboneInfo {
  id: string;
  /** block structure, bottom to top ([] for graph models): the layer map */
  blocks: BlockInfo[];
  source: BackboneSource;
  where: string;
  paramCount: number;
}

export interface ImageInput {
  id: string;
  label: number;
  blob: Blob;
}

/** What crosses back from a training run: the outcome without the head (it stays in the worker). */
export type TrainSummary = Omit<TrainOutcome, 'head' | 'valPredictions'> & {
  backend: string;
  /** top backbone blocks this run trained (0: head only) */
  unfreeze: number;
  trainableParams: number;
  frozenParams: number;
  /** the settings this model was trained with (its crop mode is what live classification uses) */
  settings: TrainSettings;
};

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
  /** live webcam: classify one video frame (transferred, closed by the worker); ms = the model's forward pass alone */
  classifyFrame(frame: ImageBitmap): Promise<Prediction & { ms: number }>;
  exportFiles(): Promise<Record<string, Uint8Array>>;
  memory(): { numTensors: number; numBytes: number; cachedFeatures: number; cacheBytes: number };
}
