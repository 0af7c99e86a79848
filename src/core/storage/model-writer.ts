import { STORAGE_PATIENCE_MS } from '../within';
import { openDatabase } from './databases';

/** Where the last trained model lives: the model database, beside the running run's checkpoint (state/model-store.ts reads it). */
export const LAST_MODEL_KEY = 'last';
/** The model the last one replaced, kept so a run that did worse can be undone (state/model-store.ts swaps the two). */
export const PREVIOUS_MODEL_KEY = 'previous';

/** The last trained model as it is stored: its export zip and the results it was shown with. */
export interface LastModelRecord<R> {
  zip: Uint8Array;
  /** no standalone model (a graph-model backbone): the zip's head runs on that backbone once it is loaded */
  headOnly?: boolean;
  /** the backbone it was trained on: picking that backbone again brings it back (absent in older records) */
  backboneId?: string;
  result: R;
  savedAt: string;
}

/** What the page says of model storage that never answered (some private windows, a stuck upgrade). */
export const STORAGE_SILENT = 'browser storage did not answer';

/**
 * `work` on the model database, or a rejection with STORAGE_SILENT once STORAGE_PATIENCE_MS have
 * passed: a database that never opens kept every export, Train and project zip waiting for good.
 * A database that throws as it is opened (site data blocked) rejects too. Settled in the tick its
 * answer comes (core/within.ts takes a few more): the page's reads chain several of these.
 */
export function inStorageTime<T>(work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(STORAGE_SILENT)), STORAGE_PATIENCE_MS);
    const done = () => clearTimeout(timer);
    try {
      work().then(resolve, reject).then(done);
    } catch (err) {
      reject(err as Error);
      done();
    }
  });
}

/** Why a value was not stored, in the words the page shows: a full disk, or the browser's own message. */
export function notKeptReason(err: unknown): string {
  const { name, message } = err as Error;
  return name === 'QuotaExceededError' || /quota/i.test(message) ? 'browser storage is full' : message;
}

/**
 * Puts one keyed record into the model database. A full disk does not fail the caller: it resolves
 * to why the record was not kept (`what` names it in the console), or null.
 */
export async function keepModelRecord(key: string, value: unknown, what: string): Promise<string | null> {
  try {
    await inStorageTime(async () => (await openDatabase('model')).put('model', value, key));
    return null;
  } catch (err) {
    console.warn(`${what} was not kept: ${(err as Error).message}`);
    return notKeptReason(err);
  }
}

/**
 * Writes a finished run's model where its export is built (the training worker). Written from
 * the page, the zip and results were copied on its main thread (serialised, wrapped in a blob):
 * 23-55 ms of the page's CPU per 2 MB zip under 4× CPU throttling (load 8-10), at a run's end.
 * Resolves to why it was not kept, or null; a full disk does not fail the caller. The model it
 * replaces is kept as the previous one while there is room for both.
 */
export async function keepLastModel<R>(record: LastModelRecord<R>): Promise<string | null> {
  // the export's buffer moves to the page once this gives up waiting: a put storage answers late
  // would store a detached (empty) zip
  const kept = { ...record, zip: record.zip.slice() };
  try {
    await inStorageTime(async () => {
      // the model it replaces becomes the previous one, in the same transaction: never two copies
      // of one model, never a previous one that is not the model before this one
      const tx = (await openDatabase('model')).transaction('model', 'readwrite');
      const before = await tx.store.get(LAST_MODEL_KEY);
      await (before ? tx.store.put(before, PREVIOUS_MODEL_KEY) : tx.store.delete(PREVIOUS_MODEL_KEY));
      await tx.store.put(kept, LAST_MODEL_KEY);
      await tx.done;
    });
    return null;
  } catch (err) {
    // storage that did not answer would keep the one try left waiting as long again
    if ((err as Error).message === STORAGE_SILENT) {
      console.warn(`The trained model was not kept: ${STORAGE_SILENT}`);
      return STORAGE_SILENT;
    }
    console.warn(`The model before this one was not kept: ${(err as Error).message}`);
  }
  // no room for both: this run's model matters more than the one before it
  await deleteModelRecord(PREVIOUS_MODEL_KEY);
  return keepModelRecord(LAST_MODEL_KEY, kept, 'The trained model');
}

async function deleteModelRecord(key: string): Promise<void> {
  try {
    await inStorageTime(async () => (await openDatabase('model')).delete('model', key));
  } catch {
    // storage unavailable: nothing is kept to delete
  }
}
