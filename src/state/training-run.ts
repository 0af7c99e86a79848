import type { EpochMetrics } from '../core/train/epochs';
import { plannedEpochs } from '../core/train/interrupted';
import { DEFAULT_SETTINGS, type TrainSettings } from '../core/train/settings';
import type { ImageInput } from '../worker/protocol';
import type { ProjectClass } from './project';
import { isRunning } from './training-types';
import type { TrainingState } from './training';

// What a run of the training store (state/training.ts) starts from: the images it sends, the state
// it opens with, and the test hook that makes it lose its GPU.

/** Test hook: ?fault=gpu-lost-after-epoch-N really loses the GPU after epoch N (see worker/faults.ts). */
export function testFaultEpoch(): number | null {
  const m = /[?&]fault=gpu-lost-after-epoch-(\d+)/.exec(globalThis.location?.search ?? '');
  return m ? Number(m[1]) : null;
}

/** The page's images as a run sends them, and their names for the skipped-image list. */
export function runImages(classes: readonly ProjectClass[]) {
  const names = new Map<string, string>();
  const images: ImageInput[] = classes.flatMap((c, label) =>
    c.images.map((img) => {
      names.set(img.id, `${img.file.name} (${c.name})`);
      return { id: img.id, label, blob: img.file as Blob };
    }),
  );
  return { names, images };
}

/**
 * A new run's state: its progress from zero (a resumed run's finished epochs charted again). Read
 * against the state it replaces: a resumed run is the interrupted run still held there.
 */
export function runStart(
  images: number,
  settings: TrainSettings,
  resumedHistory: EpochMetrics[] | null,
): (s: TrainingState) => Partial<TrainingState> {
  return (s) => ({
    status: 'extracting',
    extract: { done: 0, total: images },
    runImages: images,
    warmup: { done: 0, total: 0 },
    recipe: { done: 0, total: 0 },
    batches: [],
    epochs: resumedHistory ?? [],
    result: null,
    error: null,
    fallbacks: [],
    skipped: [],
    // the epochs the checkpoint's run planned (the automatic recipe's 100, not the field's 60)
    epochsPlanned:
      resumedHistory && s.interrupted?.checkpoint.history === resumedHistory
        ? plannedEpochs(s.interrupted)
        : settings.epochs,
    interrupted: null,
    // a resumed run whose checkpoint storage refused has nothing in storage until it keeps one of its own
    checkpointRefused: resumedHistory ? s.checkpointRefused : null,
    stoppedBeforeModel: false,
    lastRunShown: true,
    phase: null,
    first: null,
    firstImages: null,
    // the worker's memory after the run before: shown under this run's first model, it read as this run's
    memory: null,
  });
}

/** The training store's state before any run (its actions aside). */
export function idleState(): Omit<TrainingState, FunctionKeys<TrainingState>> {
  return {
    settings: { ...DEFAULT_SETTINGS },
    status: 'idle',
    extract: { done: 0, total: 0 },
    runImages: 0,
    warmup: { done: 0, total: 0 },
    recipe: { done: 0, total: 0 },
    epochsPlanned: DEFAULT_SETTINGS.epochs,
    batches: [],
    epochs: [],
    phase: null,
    first: null,
    firstImages: null,
    runs: [],
    result: null,
    resultStored: false,
    lastRunShown: true,
    notKept: null,
    downloaded: null,
    memory: null,
    error: null,
    fallbacks: [],
    skipped: [],
    interrupted: null,
    checkpointRefused: null,
    stoppedBeforeModel: false,
  };
}

/** A replaced project's training leaves the page (its model and runs were stashed first). */
export function clearedTraining(s: TrainingState): Partial<TrainingState> {
  return {
    result: null,
    epochs: [],
    batches: [],
    interrupted: null,
    runs: [],
    // the replaced project's last run goes with it: its status line, skipped images, fallbacks,
    // error and "not kept" note spoke of a model no longer here
    ...(!isRunning(s.status) && {
      status: 'idle' as const,
      error: null,
      fallbacks: [],
      skipped: [],
      notKept: null,
      first: null,
      phase: null,
      memory: null,
      checkpointRefused: null,
    }),
  };
}

type FunctionKeys<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];
