import { create } from 'zustand';
import { studioWorker } from '../worker/client';
import type { ImportedInfo } from '../worker/protocol';
import {
  forgetStartingPoint,
  importedModelInfo,
  importLeftFor,
  keepStartingPoint,
  loadSavedModel,
  storedModelInfo,
  type StoredImport,
  type StoredStartingPoint,
} from './model-store';
import { storeContext } from './store-context';
import {
  dropStoredImport,
  forgetRunTakes,
  importLeavesForRun,
  importName,
  importTakenByRun,
  importTime,
  importUndo,
  inUse,
  keepImport,
  offerImportedBack,
  storedImport,
  waitsForItsBackbone,
  type ImportKeepingContext,
} from './stored-import';
import type { ModelInfo, ModelInUseContext, ModelInUseState, StartFrom } from './model-in-use-types';
import { NoLongerUndoable } from './undo-errors';
import { currentProject } from './project-generations';
import { heldKey, holdForUndo, type SavedModelUndo } from './saved-model-undo';
import { startUndo, type StartUndoContext } from './start-undo';
import type { UndoOffer } from './undo';

export type { ModelInfo, ModelInUseContext, ModelInUseState, StartFrom } from './model-in-use-types';
export { continues } from './model-in-use-types';

export const modelInUseContext = storeContext<ModelInUseContext>('model-in-use');

/**
 * The model in use: what answers Try it and the live webcam, a model imported from a zip, and
 * continuing one (its head the next runs' starting point). Training hands its models here
 * through state/coordinator.ts.
 */
/** counts the models that came to answer: a restore that read storage before one came stays out */
let changes = 0;
export const modelChanges = (): number => changes;

/** Try it's predictions asked, so only the newest one answers */
let predictions = 0;
/** the starting point in use, with its head (for the undos that give it back), and a count of its changes */
let point: StoredStartingPoint | null = null;
let pointChanges = 0;
export const startingPointNow = (): StoredStartingPoint | null => point;
/** counts the starting point's changes (a restore read before one of them is stale) */
export const startingPointChanges = (): number => pointChanges;

/**
 * Another model answers (or none): an answer Try it still waits for is the model before's (its
 * class bars showed under the new model's name, or its head, disposed meanwhile, failed), so it
 * stays out, and the wait and the error go with the answer shown.
 */
function answersDropped(): Pick<ModelInUseState, 'prediction' | 'classifying' | 'predictError'> {
  predictions++;
  const { prediction: old, classifying } = useModelInUse.getState();
  if (old) URL.revokeObjectURL(old.url);
  // an image being classified gets no answer: said, so it is not taken for one still coming
  const dropped = classifying && `${classifying}: another model came while it was classified; choose it again.`;
  return { prediction: null, classifying: null, predictError: dropped || null };
}

/**
 * The model a run made that the worker still holds in memory, while it is the one trained here
 * (null: none, or the one shown since was read back from storage). "Use the model trained here"
 * puts it back: the stored copy may be another run's (its save still going, or failed).
 */
let trainedInWorker: ModelInfo | null = null;

// Continue training in progress (its words), or null: when it ends it swaps the backbone, adds the model's
// classes and rewrites the settings, so a run (or a project) started meanwhile got what it then replaced
let continuing: string | null = null;
export const continuingNow = (): string | null => continuing;

/**
 * An imported model (in the worker already) answers from now on, and is kept so that a reload
 * brings it back, or the page says why a reload will not.
 */
async function answerWithImported(kept: StoredImport, info: ImportedInfo): Promise<void> {
  changes++;
  useModelInUse.setState({
    model: { ...importedModelInfo(kept.name, info), importId: kept.savedAt },
    importError: null,
    importNotKept: null,
    continueError: null,
    ...answersDropped(),
  });
  await keepImport(kept, keeping);
}

/** a head-only import kept for another backbone than the loaded one: not in use, it waits in storage */
const waiting = (kept: StoredImport): boolean => waitsForItsBackbone(kept, modelInUseContext.get().loadedBackboneId());

const keeping: ImportKeepingContext = {
  model: () => useModelInUse.getState().model,
  changes: () => changes,
  waiting,
  answer: answerWithImported,
  notKept: (importNotKept) => useModelInUse.setState({ importNotKept }),
  context: () => modelInUseContext.get(),
};

/**
 * The starting point goes into storage for the next visit; storage that refuses it (full) is said
 * while it is still the one in use: a reload then trained from scratch without a word.
 */
async function keepPoint(stored: StoredStartingPoint): Promise<void> {
  const why = await keepStartingPoint(stored);
  if (why && point === stored)
    useModelInUse.setState({
      startNotKept: `The starting point is not kept for your next visit (${why}): a reload starts from scratch. Use "Download project (zip)" to keep it.`,
    });
}

export const useModelInUse = create<ModelInUseState>((set, get) => ({
  model: null,
  prediction: null,
  predictError: null,
  classifying: null,
  importError: null,
  importNotKept: null,
  switching: null,
  startFrom: null,
  startNotKept: null,
  continueError: null,

  show(model) {
    changes++;
    const replacing = get().model;
    trainedInWorker = model.kind === 'trained' ? model : null;
    // an import's or a continue's failure was about the model before: Try it no longer shows it
    set({ model, ...answersDropped(), importError: null, importNotKept: null, continueError: null });
    // the backbone the run's model answers on, as it hands over
    if (model.kind === 'trained') importLeavesForRun(replacing, modelInUseContext.peek()?.loadedBackboneId() ?? null);
    // a stored model chosen again ("Use that model instead") took the import's place in storage too
    const left = importLeftFor(model);
    if (inUse(left, replacing))
      offerImportedBack(left, changes, `The model ${model.name} took the place of ${left.name}`, keeping);
  },
  async runEnded() {
    const kept = await importTakenByRun();
    if (kept) offerImportedBack(kept, changes, `The model trained here took the place of ${kept.name}`, keeping);
  },
  fellBack() {
    // "Use the model trained here" reads the stored copy instead of a head that may be dead
    trainedInWorker = null;
  },
  showRestoring: (switching) => set({ switching }),
  restoreImported(model) {
    changes++;
    // a head that waited for its backbone answers now: the note that it waits goes
    set({ model, ...answersDropped(), importError: null, importNotKept: null, continueError: null });
  },
  backboneReplaced(loadedId) {
    // the worker dropped the model trained on the backbone before
    trainedInWorker = null;
    set((m) => ({
      ...answersDropped(),
      // a head-only import cannot run on another backbone's features: it waits in storage for its own
      model: m.model?.kind === 'imported' && (m.model.headOnlyFor ?? loadedId) === loadedId ? m.model : null,
    }));
  },
  restoreStartFrom(stored) {
    point = stored;
    pointChanges++;
    const { start: _start, ...startFrom } = stored;
    set({ startFrom, startNotKept: null });
  },
  clear() {
    changes++;
    // what a run took the place of is neither dropped from storage nor offered back once the page is cleared
    forgetRunTakes();
    trainedInWorker = null;
    get().startFromScratch();
    set({ model: null, ...answersDropped(), importError: null, importNotKept: null, continueError: null });
  },

  async importModel(file) {
    set({ switching: `Importing ${file.name}…` });
    try {
      const zip = new Uint8Array(await file.arrayBuffer());
      const info = await studioWorker().importModel(zip);
      const name = importName(file.name, info.source);
      const savedAt = importTime();
      // the import in use now, or a head waiting for its backbone, is overwritten in storage: offered
      // back (its file may be gone from the disk)
      const stored = await storedImport();
      const waited = stored !== undefined && !inUse(stored, get().model) && waiting(stored);
      const replaced = get().model?.kind === 'imported' || waited ? stored : undefined;
      await answerWithImported(
        { zip, name, savedAt, ...(info.headOnlyFor && { headOnlyFor: info.headOnlyFor }) },
        info,
      );
      if (replaced)
        offerImportedBack(
          replaced,
          changes,
          waited
            ? `${name} took the place in storage of ${replaced.name}, which waited for its backbone`
            : `${name} took the place of ${replaced.name}`,
          keeping,
        );
    } catch (err) {
      set({ importError: `${file.name}: ${(err as Error).message}` });
    } finally {
      set({ switching: null });
    }
  },

  async backToTrained() {
    set({ switching: 'Putting the model trained here back…' });
    try {
      // the imported model leaves storage: offered back (its file may be gone from the disk). A
      // head-only one waiting for another backbone stays (picking that backbone brings it back)
      const stored = await storedImport();
      // one not in use is stale (its keep refused, its forgetting too): forgotten, but not offered back
      const took = inUse(stored, get().model);
      const left = stored && !(waiting(stored) && !took) ? stored : undefined;
      // the run's model in the worker's memory answers again (importing an earlier model only set it
      // aside); after a reload the worker has none, and the stored one is read back
      const inMemory = trainedInWorker;
      let model: ModelInfo;
      if (inMemory && (await studioWorker().useTrained())) model = inMemory;
      else {
        const saved = await loadSavedModel();
        if (!saved) throw new NoLongerUndoable('it is no longer in this browser’s storage');
        model = storedModelInfo(saved, await studioWorker().importModel(saved.zip));
      }
      changes++;
      const stays = left && (await dropStoredImport());
      set({
        model,
        ...answersDropped(),
        importError: null,
        importNotKept: stays ? `${model.name} answers now, but a reload may bring back ${left.name} (${stays}).` : null,
        continueError: null,
      });
      if (left && took)
        offerImportedBack(left, changes, `Put the model trained here in place of ${left.name}`, keeping);
    } catch (err) {
      set({ importError: `The model trained here could not be used again: ${(err as Error).message}` });
    } finally {
      set({ switching: null });
    }
  },

  async continueImported() {
    // a second press while the first reads the model would swap the backbone twice; while a project
    // is put in place, its classes, settings and backbone would land in that one
    if (get().switching) return;
    const replacing = modelInUseContext.get().replacing();
    if (replacing) return set({ continueError: `${replacing}: continue training once that is done.` });
    const { name, importId } = get().model ?? {};
    // a whole model's layers are read, built and cached as a backbone: seconds, said and waited for
    continuing = `Making ${name ?? 'the imported model'} the starting point`;
    set({ continueError: null, switching: `${continuing}…` });
    let r: Awaited<ReturnType<ReturnType<typeof studioWorker>['continueImported']>>;
    try {
      r = await studioWorker().continueImported(name);
    } catch (err) {
      set({ continueError: `This model cannot be continued: ${(err as Error).message}` });
      return;
    } finally {
      continuing = null;
      set({ switching: null });
    }
    const { spec, start, ...info } = r;
    const ctx = modelInUseContext.get();
    // a head-only model continues on the backbone already loaded; a whole model brings its own
    const adopt = ctx.loadedBackboneId() !== spec.id ? () => ctx.backboneAdopted(spec, info) : null;
    // the import's id tells it from a later import of the same file name (kept with the point)
    const startFrom: StartFrom = {
      modelName: start.modelName,
      labels: start.labels,
      backboneId: spec.id,
      hiddenUnits: start.hiddenUnits,
      ...(importId && { importId }),
    };
    ctx.continuing(start, adopt);
    point = { ...startFrom, start };
    pointChanges++;
    set({ startFrom, startNotKept: null });
    void keepPoint(point);
  },

  async leaveStartingPoint() {
    const left = point;
    if (!left) return get().startFromScratch();
    // its copy is held for the undo before the stored one goes: a reload while the toast is up
    // found neither, and the undo could no longer give it back
    const key = heldKey('start');
    const held = holdForUndo(key, left);
    leavePoint();
    const since = pointChanges;
    const label = `Started from scratch instead of continuing ${left.modelName}`;
    const saved: SavedModelUndo = { kind: 'starting-point', label, key, made: currentProject() };
    modelInUseContext.get().offerUndo(startUndo(saved, starting, { left, since, held }));
    await held;
    // a point put in place meanwhile (Continue, the undo) is the stored one now
    if (pointChanges === since) await forgetPoint();
  },

  async putStartingPoint(stored) {
    if (!stored) return get().startFromScratch();
    point = stored;
    pointChanges++;
    const { start: _start, ...startFrom } = stored;
    set({ startFrom, startNotKept: null });
    await studioWorker().setHeadStart(stored.backboneId, stored.start);
    await keepPoint(stored);
  },

  startFromScratch() {
    leavePoint();
    void forgetPoint();
  },

  cannotRead(name, why = 'the browser could not read it (moved, or no permission)') {
    // an answer still coming for an image chosen before does not cover what is said here
    predictions++;
    set({ classifying: null, predictError: `${name}: ${why}` });
  },

  async predict(file) {
    const mine = ++predictions;
    const since = changes;
    set({ classifying: file.name });
    let answer: Awaited<ReturnType<ReturnType<typeof studioWorker>['predict']>> | null = null;
    let error: string | null = null;
    try {
      answer = await studioWorker().predict(file);
    } catch (err) {
      error = `${file.name}: ${(err as Error).message}`;
    }
    // a later image chosen meanwhile answers instead: an earlier one finishing last does not cover it;
    // nor does the answer of a model another one took the place of meanwhile
    if (mine !== predictions || since !== changes) return;
    const old = get().prediction;
    if (old) URL.revokeObjectURL(old.url);
    set({
      classifying: null,
      prediction: answer && { ...answer, name: file.name, url: URL.createObjectURL(file), file },
      predictError: error,
    });
  },
}));

/** The starting point leaves the page and the worker (startFromScratch forgets it in storage too). */
function leavePoint(): void {
  point = null;
  pointChanges++;
  void studioWorker().startFromScratch();
  useModelInUse.setState({ startFrom: null, startNotKept: null });
}
// storage that cannot be opened (site data blocked) holds none to forget
const forgetPoint = () => forgetStartingPoint().catch(() => undefined);

const starting: StartUndoContext = {
  running: () => modelInUseContext.get().running(),
  point: () => point,
  changes: () => pointChanges,
  put: (stored) => useModelInUse.getState().putStartingPoint(stored),
};

/** A model undo the autosave stored, rebuilt after a reload (state/coordinator.ts hands it to reviveUndos). */
export const revivedModelUndo = (saved: SavedModelUndo): UndoOffer<SavedModelUndo> =>
  saved.kind === 'starting-point' ? startUndo(saved, starting) : importUndo(saved, keeping);
