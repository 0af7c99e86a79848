import { openDB, type IDBPDatabase } from 'idb';
import { studioWorker } from '../worker/client';
import type { ExportBundle } from '../core/export/bundle';
import type { TrainSummary } from '../worker/protocol';

/**
 * The last trained model (its export zip) and its results, kept in IndexedDB so a reload or a
 * closed tab keeps what was trained: Try it and the webcam work again without retraining.
 */
const DB = 'transfer-studio-model';
const STORE = 'model';

interface SavedModel {
  zip: Uint8Array;
  result: TrainSummary;
  savedAt: string;
}

let db: Promise<IDBPDatabase> | null = null;
const open = () => (db ??= openDB(DB, 1, { upgrade: (d) => void d.createObjectStore(STORE) }));

let built: { for: TrainSummary; bundle: Promise<ExportBundle> } | null = null;

/** The export of the model trained for `result`, built (and checked) once and shared by the downloads and the save. */
export function exportFor(result: TrainSummary): Promise<ExportBundle> {
  if (built?.for !== result) {
    const bundle = studioWorker().exportModel();
    built = { for: result, bundle };
    bundle.catch(() => {
      if (built?.bundle === bundle) built = null;
    });
  }
  return built.bundle;
}

/** Saves after a run; a backbone without a standalone export (graph model) or a full disk just skips it. */
export async function saveTrainedModel(result: TrainSummary): Promise<void> {
  try {
    const { zip } = await exportFor(result);
    await (await open()).put(STORE, { zip, result, savedAt: new Date().toISOString() } satisfies SavedModel, 'last');
  } catch (err) {
    console.warn(`The trained model was not kept for the next visit: ${(err as Error).message}`);
  }
}

export async function loadSavedModel(): Promise<SavedModel | undefined> {
  return (await (await open()).get(STORE, 'last')) as SavedModel | undefined;
}

export async function forgetSavedModel(): Promise<void> {
  await (await open()).delete(STORE, 'last');
}
