import { openDatabase } from './databases';

/** Where the last trained model lives: the model database, beside the running run's checkpoint (state/model-store.ts reads it). */
export const LAST_MODEL_KEY = 'last';

/** The last trained model as it is stored: its export zip and the results it was shown with. */
export interface LastModelRecord<R> {
  zip: Uint8Array;
  /** no standalone model (a graph-model backbone): the zip's head runs on that backbone once it is loaded */
  headOnly?: boolean;
  result: R;
  savedAt: string;
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
    await (await openDatabase('model')).put('model', value, key);
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
 * Resolves to why it was not kept, or null; a full disk does not fail the caller.
 */
export function keepLastModel<R>(record: LastModelRecord<R>): Promise<string | null> {
  return keepModelRecord(LAST_MODEL_KEY, record, 'The trained model');
}
