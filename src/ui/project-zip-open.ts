import { refuseWhileAdding, replaceProject } from '../state/project-undo';
import { isRunning, useTraining } from '../state/training';
import { adoptProjectModels, adoptProjectRuns, adoptProjectStart } from '../state/restore-trained';
import type { CarriedTrained } from '../state/result-file';
import type { RunRecord } from '../state/run-record';
import { applyRecord } from '../state/page-record';
import {
  IMPORTED_ZIP,
  PREVIOUS_JSON,
  PREVIOUS_ZIP,
  RESULT_JSON,
  RUNS_JSON,
  type CarriedFiles,
  type CarriedImport,
} from '../core/project/carried';
import { listed } from '../core/listed';
import { findBackboneSpec } from '../core/backbones/registry';
import { adoptProjectPrevious } from '../state/other-model';
import type { SavedModel } from '../state/model-store';
import { addCarriedBackbones, adoptProjectInterrupted, readCarried } from './project-carried';
import { count, interruptedWords, PROGRESS_EVERY, type Say } from './project-zip-flow';

/**
 * Open project: a project zip read whole, then put in place of the current project (which is
 * kept aside and offered back), with the models, runs, starting point, interrupted run and
 * backbones it carries. Its writing side, and what both share, is in project-zip-flow.ts.
 */

/** The carried model's results and run history, read (zod, loaded only here) before anything is replaced; a bad one is named. */
async function readResults(
  carried: CarriedFiles,
  withModel: boolean,
  problems: string[],
): Promise<{ trained: CarriedTrained | null; runs: RunRecord[]; previous: SavedModel | null }> {
  const { readTrained, readRuns } = await import('../state/result-file');
  const read = <T>(path: string, what: string, parse: (b: Uint8Array) => T): T | null => {
    const bytes = carried.get(path);
    if (!bytes) return null;
    try {
      return parse(bytes);
    } catch (err) {
      problems.push(`${what} (${(err as Error).message})`);
      return null;
    }
  };
  // results without their model are nothing to show
  const trained = withModel ? read(RESULT_JSON, "its model's results", readTrained) : null;
  // the model its model replaced, offered beside it as where it was saved
  const previousZip = carried.get(PREVIOUS_ZIP);
  let previous: SavedModel | null = null;
  if (previousZip && !trained)
    problems.push('the model trained before its model (it comes only with that model and its results)');
  else if (previousZip) {
    const results = read(PREVIOUS_JSON, 'the model trained before its model', (b) => readTrained(b, PREVIOUS_JSON));
    if (results) previous = { zip: previousZip, ...results };
    else if (!carried.has(PREVIOUS_JSON))
      problems.push(`the model trained before its model (${PREVIOUS_JSON} is missing)`);
  }
  return { trained, runs: read(RUNS_JSON, 'its run history', readRuns) ?? [], previous };
}

/**
 * The imported model an opened zip carried, as a reload brings it back: its name and id where the
 * zip says them (its starting point is told to be its head by that id); else named after the zip,
 * and a new id.
 */
function importedModel(
  zip: Uint8Array,
  zipName: string,
  as: CarriedImport | null,
): { zip: Uint8Array; name: string; savedAt?: string; headOnlyFor?: string } {
  if (!as) return { zip, name: `the model in ${zipName}` };
  return { zip, name: as.name, savedAt: as.importId, ...(as.headOnlyFor && { headOnlyFor: as.headOnlyFor }) };
}

/**
 * The carried import's words in Open project's line: a head that waited for its backbone where the
 * zip was written waits here too, unless the project's own backbone is that one (it answers then).
 */
function importedWords(as: CarriedImport | null, projectBackbone: string, beside: boolean): string {
  const waitsFor = as?.headOnlyFor;
  if (waitsFor && waitsFor !== projectBackbone)
    return `the imported model waiting for its backbone (${findBackboneSpec(waitsFor)?.name ?? waitsFor})`;
  return beside ? 'the imported model that answered Try it' : 'its model';
}

function noRunStarted(): void {
  if (isRunning(useTraining.getState().status))
    throw new Error('a run started while the zip was read. Nothing was replaced: open it again when the run ends.');
}

/**
 * What is wrong with `zip` as a project, from its names alone (null: it may be one): said before
 * the studio asks to replace the project with it, rather than after ("Open notazip.zip? Opening
 * it replaces the current project…", then "not a project zip").
 */
export async function notAProject(name: string, zip: Blob): Promise<string | null> {
  const { probeProjectZip } = await import('../core/project/project-zip');
  try {
    await probeProjectZip(zip);
    return null;
  } catch (err) {
    return `${name}: ${(err as Error).message}`;
  }
}

/**
 * Opens a project zip in place of the current project. The current project stays as it is until
 * the new one has been read whole; then it is kept aside and offered back (Undo) by replaceProject.
 */
export async function openProjectZip(name: string, zip: Blob, say: Say): Promise<void> {
  try {
    refuseWhileAdding();
    say({ error: false, text: `Opening ${name}: reading the zip…` });
    // the zip is read from its central directory and each image streamed out, so its size is
    // bounded by browser storage, not by what the page can hold at once
    const { readProjectZip } = await import('../core/project/project-zip');
    const { record, files, model, carried } = await readProjectZip(zip, (n, total) => {
      if (n % PROGRESS_EVERY === 0) say({ error: false, text: `Opening ${name}: ${n}/${total} images…` });
    });
    const byId = new Map<string, File>();
    for (const c of record.classes)
      for (const im of c.images) byId.set(im.id, new File([files.get(im.id)!], im.name, { type: im.type }));
    const modelBytes = model && new Uint8Array(await model.arrayBuffer());
    // a run started while a large zip was read uses the classes and the backbone it would replace
    noRunStarted();
    const { start, imported: importedAs, interrupted, backbones, problems } = readCarried(carried);
    const { trained, runs, previous } = await readResults(carried, !!modelBytes, problems);
    // a brought backbone is read and built in the worker (seconds for a large one): said, not a frozen count
    if (backbones.length)
      say({
        error: false,
        text: `Opening ${name}: reading the backbone${backbones.length > 1 ? 's' : ''} it carries…`,
      });
    // listed before the project opens, so a project on a brought backbone finds it
    const notes: string[] = [];
    const added = await addCarriedBackbones(backbones, problems, notes);
    say({ error: false, text: `Opening ${name}: putting the project in place…` });
    // reading a large backbone takes seconds: a run may have started meanwhile
    noRunStarted();
    await replaceProject(`Opened ${name}`, () => void applyRecord(record, (id) => byId.get(id)));
    // after the project's backbone has started loading: the model waits for it, as after a reload
    // with its results it is the trained model, as after a reload where it was trained; else an imported one
    // (a zip from before imported models had a place of their own holds one as model/model.zip, without results)
    const imported = carried.get(IMPORTED_ZIP) ?? (trained ? undefined : modelBytes);
    const carriedAs = carried.has(IMPORTED_ZIP) ? importedAs : null;
    // its results unreadable, the trained model cannot take its place beside the imported one: said
    if (modelBytes && !trained && carried.has(IMPORTED_ZIP))
      problems.push('the model trained there (its results could not be read)');
    if ((modelBytes && trained) || imported) {
      const adopted = adoptProjectModels({
        ...(modelBytes && trained && { trained: { zip: modelBytes, ...trained } }),
        ...(imported && { imported: importedModel(imported, name, carriedAs) }),
      });
      void (previous ? adoptProjectPrevious(previous, adopted) : adopted);
    }
    if (runs.length) void adoptProjectRuns(runs);
    if (start) void adoptProjectStart(start);
    if (interrupted) void adoptProjectInterrupted(interrupted);
    const what = listed([
      count(byId.size, 'image', 'images'),
      ...(modelBytes && trained ? ['its model with its results'] : []),
      ...(previous ? ['the model trained before it'] : []),
      ...(imported ? [importedWords(carriedAs, record.backboneId, !!trained)] : []),
      ...(runs.length ? [count(runs.length, 'run', 'runs')] : []),
      ...(start ? [`its starting point from ${start.modelName}`] : []),
      ...(interrupted ? [interruptedWords(interrupted, 'its ')] : []),
      ...added,
    ]);
    const unread = problems.length ? ` Left out: ${listed(problems)}.` : '';
    const kept = notes.map((n) => ` ${n}`).join('');
    say({
      error: !!unread || !!kept,
      text: `Opened ${name}: ${count(record.classes.length, 'class', 'classes')}, ${what}.${unread}${kept}`,
    });
  } catch (err) {
    say({ error: true, text: `${name}: ${(err as Error).message}` });
  }
}
