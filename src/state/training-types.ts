import type { TrainSettings } from '../core/train/settings';
import type { EpochMetrics } from '../core/train/epochs';
import type { BackboneInfo, BackendInfo, TrainSummary } from '../worker/protocol';
import type { InterruptedRun } from '../core/train/interrupted';
import type { BatchPoint, RunRecord } from './run-record';
import type { TrainingUndo } from './training-undos';
import type { ModelInfo } from './model-in-use';
import type { ProjectClass } from './project';

/** The training store's shape and what it needs of the other stores (the store: state/training.ts). */
export type TrainStatus = 'idle' | 'warming' | 'extracting' | 'training' | 'done' | 'stopped' | 'error';

/** A two-phase run's first model (plain features), shown while and after the full model trains. */
export interface FirstModel {
  valAccuracy: number;
  epochs: EpochMetrics[];
  /** from the Train click to the first model's validation accuracy */
  seconds: number;
  /** the images it trained and validated on */
  images: { train: number; val: number };
  /** trained on part of the images: the run's training and validation images in all */
  partOf?: { train: number; val: number };
  /**
   * the full model's epochs began: its curve is charted beside theirs, and stays there when Stop keeps
   * this model over a full model stopped short (the run's phase and result no longer say 'final' then)
   */
  besideFull?: boolean;
}

/** A run is under way (warming shaders, extracting or training): what locks the controls that would disturb it. */
export const isRunning = (status: TrainStatus) =>
  status === 'warming' || status === 'extracting' || status === 'training';

export interface TrainingState {
  settings: TrainSettings;
  status: TrainStatus;
  extract: { done: number; total: number };
  /** images in the running run: the first extraction passes are theirs, the rest augmented views */
  runImages: number;
  warmup: { done: number; total: number };
  /** the automatic head recipe's cross-validation: fold trainings done of total */
  recipe: { done: number; total: number };
  epochsPlanned: number;
  batches: BatchPoint[];
  epochs: EpochMetrics[];
  /** a two-phase run: 'first' trains on plain features, 'final' extracts the views and trains the full model */
  /** the result shown is the last run's (false: a kept model was chosen again, whose run is an earlier one) */
  lastRunShown: boolean;
  phase: 'first' | 'final' | null;
  first: FirstModel | null;
  /** a two-phase run: the images its first model waited for (all of them, or a stratified part) */
  firstImages: number | null;
  /** every finished run of this session, oldest first, for side-by-side charts */
  runs: RunRecord[];
  result: TrainSummary | null;
  /**
   * the result's model was read back from storage (a reload, a kept model chosen again), not made by a
   * run here: its downloads come out of the zip kept with it, whatever model answers Try it now
   */
  resultStored: boolean;
  /** why the last trained model could not be stored for the next visit (null: it was, or none yet) */
  notKept: string | null;
  /**
   * the result whose model zip the person downloaded (Export): a model storage refused is then in
   * their hands, so leaving the page no longer loses it
   */
  downloaded: TrainSummary | null;
  /** the worker's memory after the last run: tensors and the feature/activation cache */
  memory: { numBytes: number; cacheBytes: number; cachedFeatures: number } | null;
  error: string | null;
  /** each time a backend fell over during the last run and training continued on another */
  fallbacks: string[];
  skipped: { name: string; reason: string }[];
  /** a run a reload cut short, restored from its last checkpoint (state/persist.ts) */
  interrupted: InterruptedRun | null;
  /**
   * why storage refused the checkpoint of the run on the page (the running one, or the one offered
   * to resume): a reload or another tab would find nothing of it to resume. Null: it is kept.
   */
  checkpointRefused: string | null;
  /** the last run was stopped before it made a model (while extracting, or in its first epoch): the one before answers */
  stoppedBeforeModel: boolean;
  /**
   * On the page a reload (or a tab taking the project over) brought: edits Resume put aside, stored
   * while its run went on (state/saved-undo.ts), are offered back as the run's end would have.
   */
  revivePutAside(): Promise<void>;
  updateSettings(patch: Partial<TrainSettings>): void;
  /** another project's settings, whole: a setting it left at its default must not keep this project's value */
  replaceSettings(settings: TrainSettings): void;
  /** `resume`: continue the interrupted run from its checkpoint instead of starting a new one */
  train(opts?: { resume?: boolean }): Promise<void>;
  discardInterrupted(): void;
  stop(): void;
  /** what the last visit left (state/persist.ts reads it back), shown unless this visit already has its own */
  restoreRuns(runs: RunRecord[]): void;
  /**
   * a model kept in storage is the one in use again (the one a run replaced): its results are shown;
   * false while a run trains. `stored` false: the worker's model is the results' (Continue undone)
   */
  showKept(result: TrainSummary, stored?: boolean): boolean;
  /** whether the model of the result on the page is in storage, for a reload to bring back (waits for its save) */
  modelKept(): Promise<boolean>;
  /** the last session's model, unless this visit trained one already or is training: whether it was taken */
  restoreResult(result: TrainSummary): boolean;
  restoreInterrupted(run: InterruptedRun): void;
  /** a replaced project's training leaves the page (its model and runs were stashed first) */
  clearTrained(): void;
  /**
   * the backbone changed: the model trained on it is gone from the worker; `other` (another
   * backbone, not the same on another backend): its curves go too, as its results did
   */
  backboneReplaced(other: boolean): void;
  /** the next runs continue an imported head: its size, head only, no result of the old model shown */
  continueFrom(hiddenUnits: number, cropMode?: TrainSettings['cropMode']): void;
  /** head-only training, with an undo that gives back the blocks that were unfrozen and kept frozen */
  freezeBackbone(): void;
}

/** What a run needs of the other stores (wired by state/coordinator.ts). */
export interface TrainingContext {
  classes(): readonly ProjectClass[];
  backbone(): { loaded: BackboneInfo | null; selected: string };
  /** a run continued on another backend: the header shows the worker's backend state */
  fellBack(e: { from: string; backend: BackendInfo }): void;
  /** where a finished run's model lives */
  ranOn(active: string): void;
  /** a run's model (its first, then its final one) answers Try it and the webcam from now on */
  modelTrained(model: ModelInfo): void;
  /** a run ended, however it ended (after its model, if any, was handed over) */
  runFinished(): void;
  /**
   * Continue training or New/Open project under way (its words), or null: each swaps the classes and
   * settings (Continue the backbone too) when it ends, so a run waits
   */
  modelSwitching(): string | null;
  /**
   * a discarded or set-aside interrupted run is offered back for a while (state/undo.ts); `ms`: the
   * time it has left (one revived after a reload), absent a full window
   */
  offerUndo(offer: TrainingUndo, ms?: number): void;
}
