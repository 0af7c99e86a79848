import { STORAGE_SILENT } from '../core/storage/model-writer';
import { studioWorker } from '../worker/client';
import type { ImportedInfo } from '../worker/protocol';
import { forgetImportedModel, keepImportedModel, loadImportedModel, type StoredImport } from './model-store';
import type { ModelInfo, ModelInUseContext } from './model-in-use-types';
import { forgetHeldAfter, heldKey, holdForUndo, loadHeld, type SavedModelUndo } from './saved-model-undo';
import type { UndoOffer } from './undo';
import { NoLongerUndoable } from './undo-errors';

/**
 * The imported model kept in storage, as the model-in-use store (state/model-in-use.ts) weighs it:
 * whether it is the model answering now or a head waiting for its backbone, read and forgotten
 * without failing the caller; and the rules for keeping it: what is kept, forgotten and offered back.
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

/** What keeping an import reads and changes of the model-in-use store (state/model-in-use.ts hands it over). */
export interface ImportKeepingContext {
  /** the model answering now */
  model(): ModelInfo | null;
  /** counts the models that came to answer (an undo is refused once another one came) */
  changes(): number;
  /** a head-only import kept for another backbone than the loaded one: not in use, it waits in storage */
  waiting(kept: StoredImport): boolean;
  /** `kept`, in the worker already, answers from now on, and is kept (keepImport) */
  answer(kept: StoredImport, info: ImportedInfo): Promise<void>;
  /** the page says why a reload will not bring the model in use back */
  notKept(why: string): void;
  context(): ModelInUseContext;
}

/** when an import was kept, which is its id: a millisecond past the import before, however soon it came */
let lastImport = 0;
export const importTime = (): string => new Date((lastImport = Math.max(Date.now(), lastImport + 1))).toISOString();

/**
 * The imported model that answers now is kept so that a reload brings it back, or the page says
 * why a reload will not.
 */
export async function keepImport(kept: StoredImport, keeping: ImportKeepingContext): Promise<void> {
  const notKept = await keepImportedModel(kept);
  if (!notKept || !inUse(kept, keeping.model())) return;
  // storage that gave up waiting may still land the write: what it holds now may be this one, or
  // turn into it, so nothing is forgotten
  if (notKept === STORAGE_SILENT)
    return keeping.notKept(`${kept.name} answers now, but a reload may not bring it back: ${notKept}.`);
  const before = await forgetImportBefore(kept, keeping);
  if (before !== null && inUse(kept, keeping.model()))
    keeping.notKept(`${kept.name} answers now, but a reload will not bring it back: ${notKept}.${before}`);
}

/**
 * Storage refused `kept`, so the import kept before it is still there: a reload brought that one
 * back instead of the one in use. It is forgotten (a head waiting for another backbone stays: a
 * reload here leaves it waiting); resolves to what the page adds to say so ('' for nothing), or
 * null where storage holds `kept` after all (its write landed despite the refusal): a reload brings it back.
 */
async function forgetImportBefore(kept: StoredImport, keeping: ImportKeepingContext): Promise<string | null> {
  const before = await storedImport();
  if (before?.savedAt === kept.savedAt) return null;
  // another model came to answer meanwhile: what storage holds is its business
  if (!before || keeping.waiting(before) || !inUse(kept, keeping.model())) return '';
  const stays = await dropStoredImport();
  return stays
    ? ` A reload may bring back ${before.name} instead (${stays}).`
    : ` ${before.name}, kept before it, was forgotten, so a reload will not bring that one back either.`;
}

/**
 * Another model took an imported one's place in Try it and in storage ("Use the model trained
 * here", a run's model, another import), or in storage only (a head waiting for its backbone): the
 * undo makes it answer again (or wait again) and keeps it again, unless another model came to
 * answer since. It is held in storage meanwhile (state/saved-model-undo.ts): it had left its
 * place there already, and a reload while the toast was up lost it for good.
 */
export function offerImportedBack(
  kept: StoredImport,
  since: number,
  label: string,
  keeping: ImportKeepingContext,
): void {
  const key = heldKey('import');
  const now = keeping.model();
  const took = (now?.kind === 'imported' && now.importId) || null;
  const saved: SavedModelUndo = { kind: 'imported-model', label, key, took };
  keeping.context().offerUndo(importUndo(saved, keeping, { kept, since, held: holdForUndo(key, kept) }));
}

/**
 * After a reload the model that took its place is told by what it is: the import that did (its
 * id), or the trained model read back; none yet (still being read back) replaces nothing.
 */
const stillTook = (took: string | null, model: ModelInfo | null): boolean =>
  !model || (took ? model.kind === 'imported' && model.importId === took : model.kind === 'restored');

/** The undo offerImportedBack offers; without `live` (the page that offered it), revived after a reload. */
export function importUndo(
  saved: Extract<SavedModelUndo, { kind: 'imported-model' }>,
  keeping: ImportKeepingContext,
  live?: { kept: StoredImport; since: number; held: Promise<unknown> },
): UndoOffer<SavedModelUndo> {
  const forget = forgetHeldAfter(saved.key, live?.held);
  return {
    label: saved.label,
    saved,
    heldImages: [],
    async undo() {
      if (keeping.context().running()) throw new Error('A run is under way: undo when it has ended.');
      if (live ? keeping.changes() !== live.since : !stillTook(saved.took, keeping.model()))
        throw new NoLongerUndoable('Another model answers since.');
      const kept = live?.kept ?? (await loadHeld<StoredImport>(saved.key));
      if (!kept) throw new NoLongerUndoable('it is no longer in this browser’s storage');
      // the worker refuses a head for a backbone not loaded: it goes back to storage to wait for it
      if (keeping.waiting(kept)) await waitAgain(kept, keeping);
      else await keeping.answer(kept, await studioWorker().importModel(kept.zip));
      await forget();
    },
    finalise: forget,
  };
}

/** A head given back to storage, to wait for its backbone: the model in use, imported, is no longer what a reload brings back. */
async function waitAgain(kept: StoredImport, keeping: ImportKeepingContext): Promise<void> {
  const why = await keepImportedModel(kept);
  if (why) throw new Error(`It could not be kept again: ${why}`);
  const model = keeping.model();
  if (model?.kind === 'imported')
    keeping.notKept(
      `${model.name} answers now, but a reload will not bring it back: ${kept.name} waits in storage for its backbone again.`,
    );
}

/**
 * The models a run handed over, each with the model it replaced and the backbone it answers on. The
 * import they took the place of stays in storage until the run has ended: a reload mid-run brings
 * that import back, beside the interrupted run to resume (dropped at the first model, a reload
 * brought back the older model trained here, and the import was gone). Its undo is offered then too,
 * however the run ended (offered at a first model, it would run out, and be refused, while the run
 * goes on; a run that fails after its first model has no final one to offer it at).
 */
let runTakes: { replacing: ModelInfo | null; loadedId: string | null }[] = [];

/**
 * A run's model answers now (its first or its final one): once the run has ended, a reload brings
 * the run's model back, not the model imported before it. `loadedId`: the backbone the run's model
 * answers on, as it hands over (not as it is once the run has ended).
 */
export function importLeavesForRun(replacing: ModelInfo | null, loadedId: string | null): void {
  runTakes.push({ replacing, loadedId });
}

/**
 * The run has ended: the import its models took the place of leaves storage, and is given back to
 * be offered back. A head-only import waiting for another backbone stays (a reload on this backbone
 * leaves it waiting, and picking its backbone brings it back, as the user guide says); one neither
 * in use nor waiting is stale, and goes without an offer. The run's final model replaces its first
 * one, not the import the first one took the place of.
 */
export async function importTakenByRun(): Promise<StoredImport | undefined> {
  const takes = runTakes;
  runTakes = [];
  if (!takes.length) return undefined;
  const kept = await storedImport();
  if (!kept) return undefined;
  const took = takes.some((t) => inUse(kept, t.replacing));
  if (!took && takes.every((t) => waitsForItsBackbone(kept, t.loadedId))) return undefined;
  await dropStoredImport();
  return took ? kept : undefined;
}

/**
 * The page is cleared (another project takes its place): what a run handed over is not weighed at
 * its end. The import in storage by then may be the opened project's own.
 */
export function forgetRunTakes(): void {
  runTakes = [];
}
