import type { Backbone } from './backbones/backbone';
import type { LabelledImage } from './data/train-val';
import type { FeatureCache } from './features/cache';
import type { Decoder } from './features/extract';
import type { Checkpoint, TrainEvent } from './train/epochs';
import type { HeadBackend } from './train/head-backend';
import type { TrainOutcome } from './train/outcome';
import type { TrainSettings } from './train/settings';

// What a training run takes and reports, apart from the run itself (pipeline.ts), so the
// fine-tuning run (finetune/run.ts), which trainPipeline calls, needs nothing from it.

export type PipelineEvent =
  | { type: 'extract'; done: number; total: number }
  /** GPU shaders compiling on throw-away data before the first (timed) epoch */
  | { type: 'warmup'; done: number; total: number }
  | { type: 'skipped'; id: string; reason: string }
  /**
   * Two-phase head-only runs: 'first' trains on the plain features alone (a model in seconds),
   * 'final' extracts the augmented views and trains the full-quality head; `epochs` is the phase's plan.
   * 'first' says how many images its part settled (`images`: all of them, or a stratified part,
   * pipeline-first.ts); 'final' then extracts the rest with the views.
   */
  | { type: 'phase'; phase: 'first' | 'final'; epochs: number; images?: number }
  /**
   * The epochs the full model trains, sent just before its first epoch in every head-only run: the
   * automatic recipe chooses them only after the views and its cross-validation (a 'final' phase's
   * `epochs` is the settings' field, which the recipe replaces).
   */
  | { type: 'plan'; epochs: number }
  /** cross-validating the automatic head recipe: `done` of `total` fold trainings */
  | { type: 'recipe'; done: number; total: number }
  | TrainEvent;

/**
 * When a two-phase run's first model may stop waiting for the plain features (all of them end
 * the wait too). Measured for 500 imagenette photos on wasm (2 cores): adding the folder takes
 * about 3.5 s and the plain extraction of all 500 images 11–25 s depending on load, so a first
 * model within 10 s of the drop can wait for about 3 s of extraction; that is 50–140 images,
 * 5–14 a class, enough for a head that is already useful. Every class needs a few training images
 * and at least one validation image first, so the first accuracy covers every class; and when the
 * rest of the images would take less than `finishWithinSeconds` more, the run extracts them all.
 */
export interface FirstModelBudget {
  seconds: number;
  minTrainPerClass: number;
  minValPerClass: number;
  finishWithinSeconds: number;
}

/**
 * The whole head-training path, shared by the studio's worker and the CLI: extract (cached)
 * features, split, train, evaluate. The caller owns the returned head.
 */
export interface PipelineArgs {
  backbone: Backbone;
  classes: string[];
  images: LabelledImage[];
  decode: Decoder;
  cache: FeatureCache;
  settings: TrainSettings;
  onEvent?: (e: PipelineEvent) => void;
  shouldStop?: () => boolean;
  /** continue a run after its last completed epoch (a backend fell over mid-run) */
  resume?: Checkpoint;
  onCheckpoint?: (c: Checkpoint) => void;
  /** head-only runs: train the head on this backend (fine-tuning trains where the backbone lives) */
  headBackend?: HeadBackend;
  /**
   * Given, a head-only run with augmented views first trains a quick head on the plain features
   * and hands it over here (the caller owns that head from then on, and shows and serves it) before
   * it extracts the views and trains the full-quality head.
   */
  onFirstModel?: (first: TrainOutcome) => void;
  /** when the first model stops waiting for the plain features (default FIRST_MODEL_BUDGET) */
  firstModelBudget?: FirstModelBudget;
}
