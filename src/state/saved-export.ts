import { openDatabase } from '../core/storage/databases';
import { inStorageTime, LAST_MODEL_KEY } from '../core/storage/model-writer';
import { studioWorker } from '../worker/client';
import type { ExportBundle } from '../core/export/bundle';
import { lastBuild, loadSavedModel, STORE, type SavedModel } from './model-store';

/** the saved model's downloads, read out of its zip once per saved record (ONNX, TFLite and the parts too) */
const savedExports = lastBuild<string, ExportBundle>();

/**
 * The downloads of the model read back from storage (after a reload): what its run's export had,
 * from the zip kept with it, checked again. Before, only its zip could be downloaded.
 */
export async function exportForSaved(): Promise<ExportBundle> {
  const saved = await loadSavedModel();
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
