import { INTERRUPTED_KEY } from '../core/storage/checkpoint-writer';
import { openDatabase } from '../core/storage/databases';
import { fromBeforeRecipes } from '../core/train/settings-repair';
import {
  inStorageTime,
  keepModelRecord,
  LAST_MODEL_KEY,
  PREVIOUS_MODEL_KEY,
  STORAGE_SILENT,
  type LastModelRecord,
} from '../core/storage/model-writer';
import { studioWorker } from '../worker/client';
import type { ExportBundle } from '../core/export/bundle';
import type { CarriedStart } from '../core/project/carried';
import type { InterruptedRun } from '../core/train/interrupted';
import type { TrainSummary } from '../worker/protocol';
import type { ModelInfo } from './model-in-use';
import type { RunRecord } from './run-record';
import { upgradeResult } from './result-upgrade';
import { trainedWhen } from './trained-when';

/**
 * The last trained model (its export zip) and its results, kept in IndexedDB so a reload or a
 * closed tab keeps what was trained: Try it and the webcam work again without retraining. The
 * worker writes it after a run (core/storage/model-writer.ts); the page reads it back (its downloads:
 * state/saved-export.ts) and moves it aside for an undo (state/trained-stash.ts).
 */
export const STORE = 'model';

export type SavedModel = LastModelRecord<TrainSummary>;

/** refused with STORAGE_SILENT when storage does not answer in time (nothing is done later then) */
export const open = () => inStorageTime(() => openDatabase('model'));

/**
 * One keyed record of the store: kept (a full disk does not fail the caller: it gets the reason),
 * read back, forgotten; storage that does not answer refuses the read or the forgetting with
 * STORAGE_SILENT after STORAGE_PATIENCE_MS.
 */
export function slot<T>(key: string, what: string) {
  return {
    keep: (value: T): Promise<string | null> => keepModelRecord(key, value, what),
    load: (): Promise<T | undefined> =>
      inStorageTime(async () => (await openDatabase('model')).get(STORE, key) as Promise<T | undefined>),
    forget: (): Promise<void> => inStorageTime(async () => (await openDatabase('model')).delete(STORE, key)),
  };
}

/** a kept model's results as this version reads them (one an earlier version kept lacks some fields) */
function savedModelSlot(key: string, what: string) {
  const s = slot<SavedModel>(key, what);
  const load = async () => {
    const saved = await s.load();
    return saved && { ...saved, result: upgradeResult(saved.result) };
  };
  return { ...s, load };
}

const last = savedModelSlot(LAST_MODEL_KEY, 'The trained model');
const previous = savedModelSlot(PREVIOUS_MODEL_KEY, 'The model before the last one');
const interrupted = slot<InterruptedRun>(INTERRUPTED_KEY, 'A training checkpoint');
const runs = slot<RunRecord[]>('runs', 'The run history');
const startingPoint = slot<StoredStartingPoint>('start', 'The starting point');
const imported = slot<StoredImport>('imported', 'The imported model');

/**
 * What a reload restores, slot by slot, for state/trained-stash.ts to move aside for a project
 * replacement's undo and back: the slots themselves, so a stash holds what storage holds (an
 * interrupted run as it was written) and a refused forgetting is not swallowed as forgetInterrupted swallows it.
 */
export const trainedSlots = { last, previous, interrupted, runs, startingPoint, imported };

/** One build kept for its key and shared; a failed one is forgotten, so the next asks again, as is one whose converters may load next time (RetryRefusal). */
export function lastBuild<K, T extends ExportBundle>() {
  let kept: { key: K; promise: Promise<T> } | null = null;
  const make = (key: K, start: () => Promise<T>): Promise<T> => {
    const promise = start();
    kept = { key, promise };
    const forget = () => {
      if (kept?.promise === promise) kept = null;
    };
    promise.then((b) => [b?.onnx, b?.tflite].some((o) => o && 'retry' in o) && forget(), forget);
    return promise;
  };
  return { make, get: (key: K, start: () => Promise<T>) => (kept?.key === key ? kept.promise : make(key, start)) };
}

/**
 * When each run's model was made (its hand-over to Try it): the one time its kept record, a
 * replacement's undo and a project zip carry, so "trained today at …" reads the same wherever the
 * model is read back. Not the time of the save or the download, which come later.
 */
const trainedTimes = new WeakMap<TrainSummary, string>();
export function noteTrained(result: TrainSummary): void {
  if (!trainedTimes.has(result)) trainedTimes.set(result, new Date().toISOString());
}
/** when the run that made `result` handed it over (now, for one never noted) */
export const trainedAt = (result: TrainSummary): string => trainedTimes.get(result) ?? new Date().toISOString();

const runExports = lastBuild<TrainSummary, ExportBundle & { notKept?: string | null }>();
const build = (result: TrainSummary, keep: boolean) =>
  runExports.make(result, () => studioWorker().exportModel(keep, trainedAt(result)));

/** The export of the model trained for `result`, built (and checked) once and shared by the downloads and the save. */
export function exportFor(result: TrainSummary): Promise<ExportBundle> {
  return runExports.get(result, () => studioWorker().exportModel(false));
}

/**
 * After a run: its export is built, and the worker keeps it with the run's results for the next
 * visit (a graph-model backbone's run keeps its head); resolves to why it was not kept, or null.
 */
export async function saveTrainedModel(result: TrainSummary): Promise<string | null> {
  try {
    return (await build(result, true)).notKept ?? null;
  } catch (err) {
    console.warn(`The trained model was not kept for the next visit: ${(err as Error).message}`);
    return (err as Error).message;
  }
}

export const loadSavedModel = last.load;
/** a trained model and its results put in storage as a run leaves them (one an opened project zip carried) */
export const keepSavedModel = last.keep;
export const forgetSavedModel = last.forget;
/** What Try it calls a model read back from storage (its facts as the worker imported it). */
export function storedModelInfo(
  saved: SavedModel,
  info: Pick<ModelInfo, 'labels' | 'inputSize' | 'cropMode'>,
  tookPlaceOf?: StoredImport,
): ModelInfo {
  const { labels, inputSize, cropMode } = info;
  const model: ModelInfo = {
    kind: 'restored',
    labels,
    inputSize,
    cropMode,
    name: trainedWhen(saved.savedAt),
  };
  if (tookPlaceOf) importsLeft.set(model, tookPlaceOf);
  return model;
}

/**
 * The imported model a stored one took the place of in storage ("Use that model instead"), handed
 * along with its facts: the state/coordinator.ts hand-over passes them on unchanged to the
 * model-in-use store, which offers the import back (state/other-model.ts may not import that store).
 */
const importsLeft = new WeakMap<ModelInfo, StoredImport>();
export const importLeftFor = (model: ModelInfo): StoredImport | undefined => importsLeft.get(model);

/** What Try it calls an imported model (its facts as the worker imported it). */
export function importedModelInfo(
  name: string,
  info: Pick<ModelInfo, 'labels' | 'inputSize' | 'cropMode' | 'headOnlyFor' | 'assumed'>,
): ModelInfo {
  const { labels, inputSize, cropMode, headOnlyFor, assumed } = info;
  return {
    kind: 'imported',
    labels,
    inputSize,
    cropMode,
    name,
    ...(headOnlyFor && { headOnlyFor }),
    ...(assumed && { assumed }),
  };
}

/** The model the last run replaced (the worker moves it aside as it keeps the new one), or a project zip's. */
export const { load: loadPreviousModel, keep: keepPreviousModel } = previous;

/**
 * The last model and the one before it change places, so the one a run replaced can be used again
 * (and the other way back); resolves to the one now last, or null when there was none before it.
 */
export async function swapWithPrevious(): Promise<SavedModel | null> {
  const tx = (await open()).transaction(STORE, 'readwrite');
  const [now, before] = (await Promise.all([tx.store.get(LAST_MODEL_KEY), tx.store.get(PREVIOUS_MODEL_KEY)])) as (
    SavedModel | undefined
  )[];
  if (before) {
    await tx.store.put(before, LAST_MODEL_KEY);
    await (now ? tx.store.put(now, PREVIOUS_MODEL_KEY) : tx.store.delete(PREVIOUS_MODEL_KEY));
  }
  await tx.done;
  return before ?? null;
}

/** A run's checkpoints are written by the training worker (core/storage/checkpoint-writer.ts). */
/**
 * One an earlier version kept lacks the head recipe its run trained with: read as a project's
 * settings are (only that: the ranges are the run's own, a brought backbone's 22 trainable blocks
 * past the form's limit among them)
 */
export const loadInterrupted = async (): Promise<InterruptedRun | undefined> => {
  const run = await interrupted.load();
  return run && readInterrupted(run);
};

/** an interrupted run as this version reads it, wherever it was kept (a set-aside one, one a project zip carried) */
export const readInterrupted = (run: InterruptedRun): InterruptedRun => ({
  ...run,
  settings: fromBeforeRecipes(run.settings as unknown as Record<string, unknown>, run.settings),
});

/** an interrupted run set aside by a new one, offered again (state/training.ts) */
export const keepInterrupted = (run: InterruptedRun): Promise<string | null> => interrupted.keep(run);

/**
 * After a run ends (finished, stopped or failed) its checkpoint is no longer a run to resume. Never
 * refused: a run's start and end do not wait for it, and storage that cannot forget it can keep
 * nothing else either.
 */
export const forgetInterrupted = (): Promise<void> =>
  interrupted.forget().catch((err: Error) => console.warn(`The interrupted run was not forgotten: ${err.message}`));

/** Forgets the checkpoint saved at `savedAt`, not one a later run wrote in its place. */
export async function forgetInterruptedIf(savedAt: string): Promise<void> {
  if ((await interrupted.load())?.savedAt === savedAt) await interrupted.forget();
}

/** The run history outlives a reload: every finished run's curves and what it changed. */
export const keepRuns = runs.keep;
export const forgetRuns = runs.forget;
export async function loadRuns(): Promise<RunRecord[]> {
  const list = await runs.load();
  return Array.isArray(list) ? list : [];
}

/** The imported head the next runs start from (continue training), so a reload keeps it (and a project zip carries it). */
export type StoredStartingPoint = CarriedStart;

export const keepStartingPoint = startingPoint.keep;

/**
 * A model imported for Try it, while it is the one answering: a reload brings it back instead of
 * the model trained here (a run's model, or using the trained one again, forgets it).
 */
export interface StoredImport {
  zip: Uint8Array;
  /** what Try it calls it */
  name: string;
  savedAt: string;
  /** a head-only export: it waits in storage while another backbone is loaded */
  headOnlyFor?: string;
}

export const keepImportedModel = imported.keep;
export const loadImportedModel = imported.load;
export const forgetImportedModel = imported.forget;

/** whether model storage answers within STORAGE_PATIENCE_MS (blocked storage answers: with a refusal) */
export const storageAnswers = async (): Promise<boolean> => (await storageOpens()) !== 'silent';

/**
 * Storage that cannot be opened (site data blocked, some private windows) holds nothing to stash,
 * put back or forget; storage that does not answer is said (what it holds may be lost).
 */
export async function storageOpens(): Promise<'open' | 'blocked' | 'silent'> {
  try {
    await open();
    return 'open';
  } catch (err) {
    console.warn(`Browser storage cannot be used: ${(err as Error).message}`);
    return (err as Error).message === STORAGE_SILENT ? 'silent' : 'blocked';
  }
}

export const loadStartingPoint = startingPoint.load;
export const forgetStartingPoint = startingPoint.forget;
