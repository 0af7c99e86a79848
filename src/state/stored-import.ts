import type { ImportedInfo } from '../worker/protocol';
import { forgetImportedModel, loadImportedModel, type StoredImport } from './model-store';
import type { ModelInfo } from './model-in-use-types';

/**
 * The imported model kept in storage, as the model-in-use store (state/model-in-use.ts) weighs it:
 * whether it is the model answering now or a head waiting for its backbone, read and forgotten
 * without failing the caller.
 */

/** who made an imported model, as its name in Try it says ("cats.zip (Teachable Machine model)") */
const SOURCE_NAMES: Record<ImportedInfo['source'], string> = {
  studio: 'Transfer Studio',
  'teachable-machine': 'Teachable Machine',
  'tfjs-layers': 'TF.js',
};
export const importName = (file: string, source: ImportedInfo['source']): string =>
  `${file} (${SOURCE_NAMES[source]} model)`;

/**
 * Storage that cannot be opened (site data blocked, some private windows) keeps no import: the
 * model the worker answers with is still shown (a rejection here left the page naming the one before).
 */
export const storedImport = (): Promise<StoredImport | undefined> =>
  loadImportedModel().catch((err: Error) => void console.warn(`The imported model could not be read: ${err.message}`));

/** resolves to why the stored import is still there (a reload would bring it back), or null */
export const dropStoredImport = (): Promise<string | null> =>
  forgetImportedModel().then(
    () => null,
    (err: Error) => {
      console.warn(`The imported model could not be forgotten: ${err.message}`);
      return err.message;
    },
  );

/**
 * The stored import is the model in use: told by its id (two imports of one file name share their
 * name), by its name where the model, read back by a reload, has none.
 */
export function inUse(kept: StoredImport | undefined, model: ModelInfo | null): kept is StoredImport {
  if (!kept || model?.kind !== 'imported') return false;
  return model.importId ? model.importId === kept.savedAt : model.name === kept.name;
}

/** a head-only import kept for another backbone than the loaded one: it waits in storage until that one is picked */
export const waitsForItsBackbone = (kept: StoredImport, loadedBackboneId: string | null): boolean =>
  kept.headOnlyFor !== undefined && kept.headOnlyFor !== loadedBackboneId;
