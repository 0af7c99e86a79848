import { findBackboneSpec } from '../core/backbones/registry';
import { STORAGE_SILENT } from '../core/storage/model-writer';
import { headOnlyForIn } from '../core/model-import/head-only';
import type { InterruptedRun } from '../core/train/interrupted';
import { studioWorker } from '../worker/client';
import type { TrainSummary } from '../worker/protocol';
import {
  importedModelInfo,
  keepImportedModel,
  keepRuns,
  keepSavedModel,
  keepStartingPoint,
  loadImportedModel,
  loadInterrupted,
  loadRuns,
  loadSavedModel,
  loadStartingPoint,
  storedModelInfo,
  type SavedModel,
  type StoredImport,
  type StoredStartingPoint,
} from './model-store';
import type { ModelInfo } from './model-in-use';
import type { RestoreFailure } from './restore-note';
import type { RunRecord } from './run-record';
import { storeContext } from './store-context';
import type { PageTrained } from './trained-stash';

/**
 * What was trained comes back from storage, beside the project it belongs to: the last model with
 * its results, the run a reload cut short, continue-training's starting point and the run history
 * (after a reload, an undone project replacement, the backbone reloaded on another backend).
 */

/** Where the restored parts go (wired by state/coordinator.ts). */
export interface RestoreContext {
  /** once the backbone has loaded: its id (null: it failed to) */
  backboneSettled(): Promise<string | null>;
  /** a backbone is loading (its load drops the model the worker has when it ends) */
  backboneLoading(): boolean;
  /** the last session's model and results, unless this visit has its own */
  restoreModel(result: TrainSummary, model: ModelInfo): void;
  /** the model imported last visit answers again */
  restoreImported(model: ModelInfo): void;
  /** how many times another model came to answer (a restore read before one of them stays out) */
  modelChanges(): number;
  /** what is being read back now (Try it says so and waits for it), or null once it is done */
  restoring(what: string | null): void;
  restoreRuns(runs: RunRecord[]): void;
  restoreInterrupted(run: InterruptedRun): void;
  /** the interrupted run the page offers now (a restore read before another was offered stays out) */
  interrupted(): InterruptedRun | null;
  restoreStartFrom(stored: StoredStartingPoint): void;
  /** the starting point in place now, and how many times it changed (a restore read before a change stays out) */
  startingPoint(): { point: StoredStartingPoint | null; changes: number };
  /** the model could not be read back: said where the autosave reports (`about`: what a new one makes moot) */
  failed(message: string, about: RestoreFailure): void;
  /** not a failure: said where Try it speaks of the imported model (a head waiting for its backbone) */
  noted(message: string): void;
}

export const restoreContext = storeContext<RestoreContext>('restore-trained');

/** an error's words inside a sentence of ours: the worker's own end with a full stop ("….. Train again.") */
const clause = (err: unknown): string => (err as Error).message.replace(/[.\s]+$/, '');
const stores = restoreContext.get;

/**
 * The restores that found no backbone (its load failed: offline with no copy, a brought backbone the
 * cache would not take). A later load (Try again, its files) has no backbone before it, which is
 * what a backbone change brings stored models back from: they stayed in storage, unsaid.
 */
const gaveUp = new Set<'saved' | 'imported' | 'start'>();

/** A backbone loaded after a failed first load: the restores that gave up for want of one run again. */
export function restoreAfterFailedLoad(): void {
  const again = new Set(gaveUp);
  gaveUp.clear();
  const saved = again.has('saved') ? restoreSavedModel() : Promise.resolve(null);
  if (again.has('imported')) void saved.then((shown) => restoreImportedModel(undefined, shown ?? undefined));
  if (again.has('start')) void restoreStartingPoint();
}

/**
 * The stored model, interrupted run, starting point and run history come back (after a reload, or an
 * undone project replacement). `held`: the model and runs an undo held on the page, in place of
 * storage's (state/trained-stash.ts PageTrained).
 */
export function restoreTrained(held?: PageTrained): void {
  // the interrupted run first, at once: after the model (which waits for its backbone), Train pressed
  // meanwhile started over it unoffered, and deleted its checkpoint with no undo
  void restoreInterrupted().then(() => (held ? restoreHeldModel(held.saved) : restoreModelInUse()));
  void restoreStartingPoint();
  // the last run's per-batch losses are charted again with it
  if (held) stores().restoreRuns(held.runs);
  else
    void loadRuns().then(
      (runs) => stores().restoreRuns(runs),
      () => undefined,
    );
}

/** A model an undo held on the page answers again, then an import that answered over it, as after a reload. */
async function restoreHeldModel(saved: SavedModel): Promise<void> {
  await restoreSavedModel(undefined, saved);
  await restoreImportedModel();
}

/**
 * Continue-training's starting point (an imported head) comes back once its backbone has loaded:
 * after a reload or an opened project, and when its backbone is picked again (one made on another
 * backbone than the project's waits in storage until then).
 */
export async function restoreStartingPoint(): Promise<void> {
  try {
    const { changes } = stores().startingPoint();
    const point = await loadStartingPoint();
    if (!point) return;
    const backbone = await stores().backboneSettled();
    if (backbone === null) gaveUp.add('start');
    if (backbone !== point.backboneId) return;
    // another starting point came meanwhile (a replaced project, its undo, a Continue), or this one is in place
    const now = stores().startingPoint();
    if (now.changes !== changes || now.point?.backboneId === point.backboneId) return;
    await studioWorker().setHeadStart(point.backboneId, point.start);
    stores().restoreStartFrom(point);
  } catch (err) {
    console.warn(`The starting point could not be read back: ${(err as Error).message}`);
  }
}

/**
 * The last trained model answers Try it and the webcam again, with its results shown (after a
 * reload, or the backbone reloaded on another backend). Resolves to the count of model changes
 * its showing made (a restore after it guards from there), or null when it was not shown.
 */
export async function restoreSavedModel(since = stores().modelChanges(), held?: SavedModel): Promise<number | null> {
  let said = false;
  try {
    const saved = held ?? (await loadSavedModel());
    if (!saved) return null;
    stores().restoring('Reading back the model trained here…');
    said = true;
    // A head alone needs its backbone in the worker first; and a backbone still loading (an undone
    // project replacement brings its own) would drop a model imported before it is in place.
    if (saved.headOnly || saved.backboneId || stores().backboneLoading()) {
      const backbone = await stores().backboneSettled();
      if (backbone === null && (saved.headOnly || saved.backboneId)) {
        gaveUp.add('saved');
        return null;
      }
      // trained on another backbone than the one loaded now: it waits in storage for that one
      if (saved.backboneId && backbone !== saved.backboneId) return null;
    }
    // another model came to answer meanwhile (a replaced project, an import): this one is stale
    if (stores().modelChanges() !== since) return null;
    const info = await studioWorker().importModel(saved.zip);
    if (stores().modelChanges() !== since) return null;
    // kept out if the user trained meanwhile
    stores().restoreModel(saved.result, storedModelInfo(saved, info));
    return stores().modelChanges() === since + 1 ? since + 1 : null;
  } catch (err) {
    stores().failed(
      silent(err)
        ? `Any model kept from last time could not be read back: ${STORAGE_SILENT}. Reload the page to try again (close other tabs of the studio first), or train again.`
        : `The model trained last time could not be restored: ${clause(err)}. Train again.`,
      'model',
    );
    return null;
  } finally {
    if (said) stores().restoring(null);
  }
}

/** The model that answered last visit answers again: the one trained here, then one imported over it. */
export async function restoreModelInUse(): Promise<void> {
  await restoreSavedModel();
  await restoreImportedModel();
}

/**
 * The models an opened project zip carried: the one trained where it was saved (with its results)
 * and one imported there that answered Try it. Both are kept first, at once (an undo of the open
 * stashes what is stored, so nothing may land after it), then put in place as after a reload: the
 * trained one, then the imported one over it.
 */
export async function adoptProjectModels(models: {
  trained?: SavedModel;
  /**
   * `savedAt`: its id where it was saved (a starting point carried beside it names it), else a new one;
   * `headOnlyFor`: the backbone a head waited for there
   */
  imported?: { zip: Uint8Array; name: string; savedAt?: string; headOnlyFor?: string };
}): Promise<void> {
  const { trained, imported } = models;
  // a replaced project (the open's undo) after this point: neither model is put in place
  const since = stores().modelChanges();
  const trainedNotKept = trained && (await keepSavedModel(trained));
  // a waiting head is kept waiting at once: unmarked until a load refused it (once the project's
  // backbone was in), a download meanwhile left it out, and an import over it took its place unoffered
  const importNotKept =
    imported &&
    (await keepImportedModel({
      zip: imported.zip,
      name: imported.name,
      savedAt: imported.savedAt ?? new Date().toISOString(),
      ...(imported.headOnlyFor && { headOnlyFor: imported.headOnlyFor }),
    }));
  const notKept = trainedNotKept || importNotKept;
  if (notKept)
    stores().failed(
      `A model in the project zip was not kept: ${notKept}. Import it from the zip's model folder.`,
      trainedNotKept ? 'model' : 'import',
    );
  // the trained one shown counts as a change: the imported one's guard starts after it
  const shown = await restoreSavedModel(since);
  await restoreImportedModel('The model in the project zip could not be used', shown ?? since, true);
}

/** The run history an opened project zip carried: charted and compared as where it was made, and kept. */
export async function adoptProjectRuns(runs: RunRecord[]): Promise<void> {
  stores().restoreRuns(runs);
  const notKept = await keepRuns(runs);
  // charted here all the same: said, where it was only logged
  if (notKept)
    stores().failed(`The run history of the opened project is not kept for your next visit (${notKept}).`, 'runs');
}

/**
 * The continue-training starting point an opened project zip carried: kept first, so a reload
 * brings it back, then put in place once the project's backbone has loaded, as after one.
 */
export async function adoptProjectStart(point: StoredStartingPoint): Promise<void> {
  const notKept = await keepStartingPoint(point);
  if (notKept) {
    stores().failed(
      `The starting point in the project zip was not kept: ${notKept}. The next Train starts from scratch.`,
      'start',
    );
    return;
  }
  await restoreStartingPoint();
}

/** A model imported for Try it comes back once the backbone has settled (a head-only zip runs on it). */
async function restoreImportedModel(
  failedAs = 'The model imported last time could not be restored',
  since = stores().modelChanges(),
  /** a project zip's: one kept waiting (core/project/carried.ts headOnlyFor) is said to, as a refused one is */
  sayWaiting = false,
): Promise<void> {
  let said = false;
  let kept: StoredImport | undefined;
  try {
    kept = await loadImportedModel();
    if (!kept) return;
    stores().restoring(`Reading back ${kept.name}…`);
    said = true;
    const backbone = await stores().backboneSettled();
    if (backbone === null && kept.headOnlyFor) gaveUp.add('imported');
    // a head-only export made on another backbone waits in storage until that one is loaded
    if (kept.headOnlyFor && kept.headOnlyFor !== backbone) {
      if (sayWaiting && stores().modelChanges() === since) stores().noted(waitingWords(kept.name, kept.headOnlyFor));
      return;
    }
    // into the worker only while no other model came to answer (a run's, an import, a replaced
    // project, its undo): the worker has one model in use, and a restore read before is stale
    if (stores().modelChanges() !== since) return;
    const info = await studioWorker().importModel(kept.zip);
    if (stores().modelChanges() !== since) return;
    // its id comes back with it: a starting point kept with the same id is told to be this import's head
    stores().restoreImported({ ...importedModelInfo(kept.name, info), importId: kept.savedAt });
    // a project zip's model is kept before it is read: a head-only one is marked now, to wait for its backbone
    if (info.headOnlyFor && !kept.headOnlyFor) await keepImportedModel({ ...kept, headOnlyFor: info.headOnlyFor });
  } catch (err) {
    // storage that did not answer could not say whether one was kept: the trained model's line says so for both
    if (!kept && silent(err)) return void console.warn(`The imported model could not be read back: ${STORAGE_SILENT}`);
    // another model answers since (a project replaced, its undo): storage holds another project's
    // import now, which this one's would overwrite, and what this one says would be said of that one
    if (stores().modelChanges() !== since) return;
    // a head-only model (one a project zip carried) made on another backbone: marked, it waits for that one
    const waitsFor = headOnlyForIn((err as Error).message);
    if (waitsFor && kept && !kept.headOnlyFor) {
      await keepImportedModel({ ...kept, headOnlyFor: waitsFor });
      stores().noted(waitingWords(kept.name, waitsFor));
      return;
    }
    stores().failed(`${failedAs}: ${clause(err)}. Import it again.`, 'import');
  } finally {
    if (said) stores().restoring(null);
  }
}

/** what Try it says of an imported head kept waiting for its backbone */
function waitingWords(name: string, backboneId: string): string {
  const backbone = findBackboneSpec(backboneId)?.name ?? backboneId;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} is a head for the backbone ${backbone}: it answers once that backbone is loaded.`;
}

/** storage that never answered in time, not one that answered with a failure */
const silent = (err: unknown) => (err as Error)?.message === STORAGE_SILENT;

/** A run the reload cut short: its finished epochs are charted again and Train offers to resume it. */
async function restoreInterrupted(): Promise<void> {
  try {
    const offered = stores().interrupted();
    const run = await loadInterrupted();
    // another run was offered while storage was read (an undo put a set-aside run back, in storage
    // too): this read is older, and offered over it, the page would resume a run storage no longer holds
    if (run && stores().interrupted() === offered) stores().restoreInterrupted(run);
  } catch (err) {
    console.warn(`The interrupted run could not be read back: ${(err as Error).message}`);
  }
}
