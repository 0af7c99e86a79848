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

/**
 * The last trained model (its export zip) and its results, kept in IndexedDB so a reload or a
 * closed tab keeps what was trained: Try it and the webcam work again without retraining. The
 * worker writes it after a run (core/storage/model-writer.ts); the page reads it back and moves it
 * aside for an undo.
 */
const STORE = 'model';

export type SavedModel = LastModelRecord<TrainSummary>;

/** refused with STORAGE_SILENT when storage does not answer in time (nothing is done later then) */
const open = () => inStorageTime(() => openDatabase('model'));

/**
 * One keyed record of the store: kept (a full disk does not fail the caller: it gets the reason),
 * read back, forgotten; storage that does not answer refuses the read or the forgetting with
 * STORAGE_SILENT after STORAGE_PATIENCE_MS.
 */
function slot<T>(key: string, what: string) {
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

/** One build kept for its key and shared; a failed one is forgotten, so the next asks again, as is one whose converters may load next time (RetryRefusal). */
function lastBuild<K, T extends ExportBundle>() {
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

const runExports = lastBuild<TrainSummary, ExportBundle & { notKept?: string | null }>();
const build = (result: TrainSummary, keep: boolean) => runExports.make(result, () => studioWorker().exportModel(keep));

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

/** the saved model's downloads, read out of its zip once per saved record (ONNX, TFLite and the parts too) */
const savedExports = lastBuild<string, ExportBundle>();

/**
 * The downloads of the model read back from storage (after a reload): what its run's export had,
 * from the zip kept with it, checked again. Before, only its zip could be downloaded.
 */
export async function exportForSaved(): Promise<ExportBundle> {
  const saved = await last.load();
  if (!saved) throw new Error('The saved model is no longer in this browser’s storage: train again to download it.');
  return savedExports.get(saved.savedAt, async () => {
    const bundle = await studioWorker().exportOfZip(saved.zip);
    // not awaited: the download does not wait for storage, nor fail with it
    if (bundle.converted) void keepConverted(saved.savedAt, bundle.zip);
    return bundle;
  });
}

/**
 * A kept model whose ONNX and TFLite were converted as it was downloaded is kept converted, so each
 * visit after does not convert it again (seconds for a large model). Only the record it was read
 * from: one a run or an undo put in its place meanwhile stays. Storage that refuses (full) costs
 * the next visit the conversion, nothing more.
 */
async function keepConverted(savedAt: string, zip: Uint8Array): Promise<void> {
  try {
    await inStorageTime(async () => {
      const tx = (await openDatabase('model')).transaction(STORE, 'readwrite');
      const kept = (await tx.store.get(LAST_MODEL_KEY)) as SavedModel | undefined;
      // awaited together: a put refused for room aborts the transaction, and both reject
      await Promise.all([kept?.savedAt === savedAt && tx.store.put({ ...kept, zip }, LAST_MODEL_KEY), tx.done]);
    });
  } catch (err) {
    console.warn(`The converted model was not kept (the next visit converts it again): ${(err as Error).message}`);
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
    name: `trained on ${new Date(saved.savedAt).toLocaleString()}`,
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
  return (
    run && { ...run, settings: fromBeforeRecipes(run.settings as unknown as Record<string, unknown>, run.settings) }
  );
};

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

/** What a project replacement takes from this store, kept aside while its undo is pending (state/project-undo.ts). */
export interface TrainedStash {
  model?: SavedModel;
  previous?: SavedModel;
  runs: RunRecord[];
  interrupted?: InterruptedRun;
  start?: StoredStartingPoint;
  imported?: StoredImport;
}

/** whether model storage answers within STORAGE_PATIENCE_MS (blocked storage answers: with a refusal) */
export const storageAnswers = async (): Promise<boolean> => (await storageOpens()) !== 'silent';

/**
 * Storage that cannot be opened (site data blocked, some private windows) holds nothing to stash,
 * put back or forget; storage that does not answer is said (what it holds may be lost).
 */
async function storageOpens(): Promise<'open' | 'blocked' | 'silent'> {
  try {
    await open();
    return 'open';
  } catch (err) {
    console.warn(`Browser storage cannot be used: ${(err as Error).message}`);
    return (err as Error).message === STORAGE_SILENT ? 'silent' : 'blocked';
  }
}

/** What a reload would restore leaves storage: the stash has it (state/project-undo.ts). */
export async function forgetTrained(): Promise<void> {
  if ((await storageOpens()) !== 'open') return;
  await Promise.all([
    last.forget(),
    previous.forget(),
    interrupted.forget(),
    runs.forget(),
    startingPoint.forget(),
    imported.forget(),
  ]);
}

/** a stash storage did not answer for: it may hold a model, so the undo (and its warning) is offered */
export const SILENT_STASH = { notKept: `what it trained may not come back: ${STORAGE_SILENT}`, hadModel: true };

/**
 * Copies what a reload would restore aside under `key` for a replacement's undo; resolves to what of
 * it could not be kept for the undo and why (storage full), or null, and whether there was a model.
 * The originals stay until forgetTrained, once the replacement goes ahead (left in place, the next
 * project would restore the replaced one's model); refused before that, it loses nothing.
 */

export async function stashTrained(key: string): Promise<{ notKept: string | null; hadModel: boolean }> {
  const storage = await storageOpens();
  // the page's model may be in it: the undo cannot promise it
  if (storage !== 'open') return storage === 'silent' ? SILENT_STASH : { notKept: null, hadModel: false };
  const stash: TrainedStash = {
    model: await last.load(),
    previous: await previous.load(),
    runs: await loadRuns(),
    interrupted: await interrupted.load(),
    start: await startingPoint.load(),
    imported: await imported.load(),
  };
  const aside = slot<TrainedStash>(key, "The replaced project's model");
  let notKept = await aside.keep(stash);
  // short of room: the model in use matters more than the one before it
  if (notKept && stash.previous) notKept = await aside.keep({ ...stash, previous: undefined });
  const hadModel = !!(stash.model || stash.imported);
  // each part the undo cannot bring back is said (the run history and the rest went unsaid)
  const held = [
    hadModel && 'its trained model',
    stash.runs.length > 0 && 'its run history',
    stash.interrupted && 'its interrupted run',
    stash.start && 'its starting point',
  ].filter((part): part is string => !!part);
  return {
    notKept: notKept && held.length ? `${held.join(', ')} could not be kept for the undo: ${notKept}` : null,
    hadModel,
  };
}

/** One part of a stash, put back into the slot a reload reads it from. */
interface StashPart {
  field: keyof TrainedStash;
  /** what the page calls it when storage refuses it */
  what: string;
  keep(stash: TrainedStash): Promise<string | null>;
}

// the model in use first, the model before it last: with room for some, the ones that matter most go back
const PARTS: StashPart[] = [
  { field: 'model', what: 'its trained model', keep: (s) => last.keep(s.model!) },
  { field: 'imported', what: 'its imported model', keep: (s) => imported.keep(s.imported!) },
  { field: 'start', what: 'its starting point', keep: (s) => startingPoint.keep(s.start!) },
  { field: 'runs', what: 'its run history', keep: (s) => runs.keep(s.runs) },
  { field: 'interrupted', what: 'its interrupted run', keep: (s) => interrupted.keep(s.interrupted!) },
  { field: 'previous', what: 'the model before it', keep: (s) => previous.keep(s.previous!) },
];

/**
 * Puts a stash back into the slots a reload restores from. Resolves to what storage had no room to
 * put back (with why), or null; nothing to put back is null. Each part is copied out before the
 * stash lets go of it, so a full disk never loses both copies: the parts storage refused stay in
 * the stash under `key` (forgotten once nothing is left in it, or by forgetOrphanStashes at the next start-up).
 */
export async function unstashTrained(key: string): Promise<string | null> {
  if ((await storageOpens()) !== 'open') return null;
  const aside = slot<TrainedStash>(key, "The replaced project's model");
  const stash = await aside.load();
  await forgetTrained();
  if (!stash) return null;
  const putBack = async (parts: StashPart[]) => {
    const refused: { part: StashPart; why: string }[] = [];
    for (const part of parts) {
      const why = await part.keep(stash);
      if (why) refused.push({ part, why });
    }
    return refused;
  };
  const held = PARTS.filter((p) => (p.field === 'runs' ? stash.runs.length > 0 : stash[p.field] !== undefined));
  let left = await putBack(held);
  let placed = held.length - left.length;
  while (left.length && placed > 0) {
    // the copies that went back leave the stash: the room they took may take the rest
    const rest: TrainedStash = { runs: [] };
    for (const { part } of left) Object.assign(rest, { [part.field]: stash[part.field] });
    if (await aside.keep(rest)) break;
    const before = left.length;
    left = await putBack(left.map((l) => l.part));
    placed = before - left.length;
  }
  if (left.length) return left.map(({ part, why }) => `${part.what} (${why})`).join(', ');
  await aside.forget();
  return null;
}

export async function forgetStash(key: string): Promise<void> {
  if ((await storageOpens()) === 'open') await slot(key, '').forget();
}

/** what every stash key starts with (state/project-undo.ts names them) */
export const STASH_PREFIX = 'stash-';

/**
 * Forgets every stash but those in `keep`. A stash whose undo ran with part of it refused for room
 * stayed in storage for good (nothing reads a stash once its undo has run), holding model zips in
 * the space the page tells the user to free.
 */
export async function forgetOrphanStashes(keep: ReadonlySet<string>): Promise<void> {
  if ((await storageOpens()) !== 'open') return;
  const db = await open();
  const keys = await db.getAllKeys(STORE, IDBKeyRange.bound(STASH_PREFIX, `${STASH_PREFIX}\uffff`));
  await Promise.all(
    keys
      .map(String)
      .filter((k) => !keep.has(k))
      .map((k) => db.delete(STORE, k)),
  );
}
export const loadStartingPoint = startingPoint.load;
export const forgetStartingPoint = startingPoint.forget;
