import { CUSTOM_ID_PREFIX, findBackboneSpec } from '../core/backbones/registry';
import {
  backboneFiles,
  readBackbones,
  readImported,
  readStart,
  PREVIOUS_JSON,
  PREVIOUS_ZIP,
  startFiles,
  type CarriedBackbone,
  type CarriedFiles,
  type CarriedImport,
  type CarriedStart,
} from '../core/project/carried';
import { INTERRUPTED_BIN, interruptedFiles, readInterruptedRun } from '../core/project/carried-interrupted';
import type { InterruptedRun } from '../core/train/interrupted';
import { addCarriedBackbone } from '../state/custom-backbone';
import { entryBytes, MAX_CARRIED_BYTES, mb } from '../core/project/project-limits';
import {
  exportFor,
  keepInterrupted,
  loadImportedModel,
  loadPreviousModel,
  loadSavedModel,
  loadStartingPoint,
  readInterrupted,
  trainedAt,
  type SavedModel,
} from '../state/model-store';
import { useBackbone } from '../state/backbone';
import { useModelInUse } from '../state/model-in-use';
import { inUse, waitsForItsBackbone } from '../state/stored-import';
import type { CarriedTrained } from '../state/result-file';
import { useTraining } from '../state/training';
import { studioWorker } from '../worker/client';

/** a kept model storage would not give (it did not answer, or refused): named, for the zip's outcome to say what it left out */
const readKept = <T>(read: Promise<T>): Promise<T> =>
  read.catch((err: Error) => {
    throw new Error(`the model kept in this browser could not be read: ${err.message}`);
  });

/** a kept model as a project zip carries it: its zip, and its results in a file beside it */
export interface CarriedModel {
  zip: Uint8Array;
  saved: CarriedTrained;
}

const carriedOf = (kept: SavedModel): CarriedModel => ({
  zip: kept.zip,
  saved: { result: kept.result, savedAt: kept.savedAt, headOnly: kept.headOnly, backboneId: kept.backboneId },
});

/**
 * The model the last one replaced (Evaluate's "Also kept: … Use that model instead"): opened
 * elsewhere, the zip offers it there too. Storage that does not give it costs only it: said.
 */
const previousKept = (): Promise<CarriedModel | { failed: string } | undefined> =>
  readKept(loadPreviousModel()).then(
    (kept) => kept && carriedOf(kept),
    (err: Error) => ({ failed: err.message }),
  );

/**
 * The models a project zip carries: the one trained here with its results (model/model.zip; the
 * results in model/result.json, so Evaluate shows them where it is opened), the one it replaced
 * beside it (`previous`), and a model imported for Try it that answers it now or, head-only, waits
 * for its backbone (model/imported.zip, with its name and id: a starting point cut from it is told
 * to be its head where the zip opens).
 * None that cannot be had: nothing trained, or its zip not in storage. Rejects when storage does
 * not give the trained or imported one.
 */
export async function modelsForZip(): Promise<{
  trained?: CarriedModel;
  /** `waiting`: a head-only import waiting for its backbone, not the model answering */
  imported?: CarriedImport & { zip: Uint8Array; waiting: boolean };
  previous?: CarriedModel | { failed: string };
}> {
  const answering = useModelInUse.getState().model;
  const result = useTraining.getState().result;
  // the stored import where it is the one answering, or a head-only one waiting in storage for its
  // backbone (opened elsewhere, it waits there as here); not one storage kept beside another model
  // read beside the other models, not before them: storage that does not answer is waited for once
  const storedRead =
    answering?.kind === 'imported' ? readKept(loadImportedModel()) : loadImportedModel().catch(() => undefined);
  storedRead.catch(() => undefined);
  const importedKept = async () => {
    const stored = await storedRead;
    const loadedId = useBackbone.getState().loaded?.id ?? null;
    if (!stored) return undefined;
    const { zip, name, savedAt: importId, headOnlyFor } = stored;
    if (inUse(stored, answering)) return { zip, name, importId, waiting: false };
    // the backbone it waits for goes with it: where the zip opens it waits at once, and is said to
    return waitsForItsBackbone(stored, loadedId) ? { zip, name, importId, waiting: true, headOnlyFor } : undefined;
  };
  if (answering?.kind === 'trained' && result) {
    // a run's model: its export, built once and shared (its save to storage may still be under way)
    const bundle = await exportFor(result);
    const loaded = useBackbone.getState().loaded;
    const saved = {
      result,
      // when it was trained, not now: Open project names it by this ("trained today at …")
      savedAt: trainedAt(result),
      headOnly: !bundle.files['model.json'],
      ...(loaded && { backboneId: loaded.id }),
    };
    // read once the run's save is done (the export it shares ends with it): it moved the one before aside
    const previous = await previousKept();
    const imported = await importedKept();
    return { trained: { zip: bundle.zip, saved }, ...(previous && { previous }), ...(imported && { imported }) };
  }
  const before = previousKept();
  // read back after a reload, waiting behind an imported model ("Use the model trained here"), or
  // kept for its backbone while another one is picked (it answers again when that one is): a zip
  // that left it out lost it where it was opened
  const kept = await readKept(loadSavedModel());
  const imported = await importedKept();
  const trained = kept && carriedOf(kept);
  // the one before it only beside it: nothing is offered instead of a model the zip does not hold
  const previous = trained && (await before);
  return { ...(trained && { trained }), ...(previous && { previous }), ...(imported && { imported }) };
}

/**
 * The model before the last one goes among the carried files (model/previous.zip, its results in
 * model/previous.json) unless Open project could not read the zip then: it matters least, so it
 * alone is left out. Resolves to why it was, or null.
 */
export function carryPrevious(files: CarriedFiles, zip: Uint8Array, results: Uint8Array): string | null {
  const limit = entryBytes(PREVIOUS_ZIP);
  if (zip.length > limit) return `it is ${mb(zip.length)}, and Open project reads at most ${mb(limit)} for it`;
  const total = [...files.values()].reduce((n, b) => n + b.length, zip.length + results.length);
  if (total > MAX_CARRIED_BYTES)
    return `with it, the models, backbones and starting point would come to ${mb(total)}, and Open project reads at most ${mb(MAX_CARRIED_BYTES)} of them`;
  files.set(PREVIOUS_ZIP, zip);
  files.set(PREVIOUS_JSON, results);
  return null;
}

/**
 * The run the page offers to resume goes among the carried files (core/project/carried-interrupted.ts)
 * unless Open project could not read the zip then; resolves to why it was left out, or null.
 */
export function carryInterrupted(files: CarriedFiles, run: InterruptedRun): string | null {
  const own = interruptedFiles(run);
  const bin = own.get(INTERRUPTED_BIN)!;
  const limit = entryBytes(INTERRUPTED_BIN);
  if (bin.length > limit)
    return `its checkpoint is ${mb(bin.length)}, and Open project reads at most ${mb(limit)} for it`;
  const total = [...files.values(), ...own.values()].reduce((n, b) => n + b.length, 0);
  if (total > MAX_CARRIED_BYTES)
    return `with it, the models, backbones and starting point would come to ${mb(total)}, and Open project reads at most ${mb(MAX_CARRIED_BYTES)} of them`;
  for (const [path, bytes] of own) files.set(path, bytes);
  return null;
}

/**
 * The interrupted run an opened zip carried, as a reload brings one back: kept as the run to resume,
 * and offered (Resume training) on the page, whose project the open has just put in place.
 */
export async function adoptProjectInterrupted(carried: InterruptedRun): Promise<void> {
  const run = readInterrupted(carried);
  const notKept = await keepInterrupted(run);
  useTraining.getState().restoreInterrupted(run);
  // a reload or another tab would find nothing to resume: the page says so, as for a refused checkpoint
  if (notKept && useTraining.getState().interrupted === run) useTraining.setState({ checkpointRefused: notKept });
}

/**
 * What a project zip carries beside its images and model (core/project/carried.ts): the starting
 * point in use, and the brought backbones the project, that starting point and the model run on, from the
 * offline cache. `parts` says what went in; `missing`, what could not (not kept in this browser).
 */
export async function carriedForZip(
  backboneId: string,
  modelBackboneId?: string,
): Promise<{ files: CarriedFiles; parts: string[]; missing: string[] }> {
  // the kept one: one made on another backbone than the loaded one is kept, though not in place now
  const point = (await loadStartingPoint().catch(() => undefined)) ?? null;
  const files: CarriedFiles = new Map(point ? startFiles(point) : []);
  const parts = point ? [`the starting point from ${point.modelName}`] : [];
  const missing: string[] = [];
  // the backbone a carried model was trained on travels too (it can differ from the one picked)
  const ids = [...new Set([backboneId, point?.backboneId, modelBackboneId])].filter(
    (id): id is string => !!id?.startsWith(CUSTOM_ID_PREFIX),
  );
  for (const [k, id] of ids.entries()) {
    const spec = findBackboneSpec(id);
    const artifacts =
      spec &&
      (await studioWorker()
        .broughtBackboneArtifacts(id)
        .catch(() => null));
    if (!spec || !artifacts) {
      missing.push(spec?.name ?? id);
      continue;
    }
    for (const [path, bytes] of backboneFiles(k, spec, artifacts)) files.set(path, bytes);
    parts.push(`the backbone ${spec.name}`);
  }
  return { files, parts, missing };
}

/** What an opened zip carried, read before anything is replaced; what could not be read is said, not fatal. */
export function readCarried(carried: CarriedFiles): {
  start: CarriedStart | null;
  imported: CarriedImport | null;
  interrupted: InterruptedRun | null;
  backbones: CarriedBackbone[];
  problems: string[];
} {
  const { backbones, problems } = readBackbones(carried);
  let start: CarriedStart | null = null;
  try {
    start = readStart(carried);
  } catch (err) {
    problems.push(`its training starting point (${(err as Error).message})`);
  }
  // without its name and id the imported model still answers, named after the zip
  let imported: CarriedImport | null = null;
  try {
    imported = readImported(carried);
  } catch (err) {
    problems.push(`the imported model's name (${(err as Error).message})`);
  }
  let interrupted: InterruptedRun | null = null;
  try {
    interrupted = readInterruptedRun(carried);
  } catch (err) {
    problems.push(`its interrupted run (${(err as Error).message})`);
  }
  return { start, imported, interrupted, backbones, problems };
}

/**
 * The carried backbones go onto this browser's list (before the project that names one opens); the
 * names added. One storage would not keep works for this visit only: `notes` says so.
 */
export async function addCarriedBackbones(
  backbones: CarriedBackbone[],
  problems: string[],
  notes: string[],
): Promise<string[]> {
  const added: string[] = [];
  for (const b of backbones) {
    try {
      const note = await addCarriedBackbone(b);
      if (note) notes.push(note);
      added.push(`the backbone ${b.spec.name}`);
    } catch (err) {
      problems.push(`the backbone ${b.spec.name} (${(err as Error).message})`);
    }
  }
  return added;
}
