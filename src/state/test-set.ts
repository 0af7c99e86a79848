import { create } from 'zustand';
import { matchTestClasses, testReport, type TestReport, type TestRow } from '../core/data/test-folder';
import { firstNames, plural } from '../core/data/problems';
import { studioWorker } from '../worker/client';
import { hashOf } from './file-hashes';
import type { ModelInfo } from './model-in-use-types';
import { storeContext } from './store-context';

/**
 * "Test on other images" in the Evaluate step: a labelled folder the project never held, run
 * through the model in use (trained here, restored or imported) one photo at a time in the worker,
 * as Try it runs one. Nothing is added to the project and nothing is stored: the figures belong to
 * the model tested and are dropped when another one takes its place.
 */

/** What testing needs of the other stores (wired by state/coordinator.ts). */
export interface TestSetContext {
  /** the model Try it and the webcam use: the one tested */
  model(): ModelInfo | null;
  /** the project's image files: a test photo that is one of them may have been trained on */
  projectFiles(): File[];
}

export const testSetContext = storeContext<TestSetContext>('test-set');

/** photos asked for at once: the worker decodes the next while it runs one */
const IN_FLIGHT = 3;
/** misses kept for a look (most confident first) */
export const MISSES_SHOWN = 12;

export interface TestOutcome {
  model: ModelInfo;
  classes: string[];
  /** the photos came labelled by their folders: accuracy and the rest; null when they did not */
  report: TestReport<File> | null;
  /** every photo answered, in the folder's order (the CSV download, the unlabelled view) */
  rows: TestRow<File>[];
  /** photos planned for the model */
  planned: number;
  /** stopped by the person before every photo was tested */
  stopped: boolean;
  /** files the worker could not read, "class/file: why" */
  unreadable: string[];
  /** what was left out of the folder and why, in one line each */
  notes: string[];
  /** mistakes of an earlier test were left out as project images: the figure flatters the model */
  flattered: boolean;
}

/** A folder as read: photos by the folder holding them, and photos in no folder. */
export interface TestPhotos {
  groups: ReadonlyMap<string, readonly File[]>;
  loose?: readonly File[];
  /** every photo, for the unlabelled test (those beside folders too); else the groups' and the loose ones */
  all?: readonly File[];
  /** each photo's path inside the folder chosen (two IMG_0001.jpg of different folders stay apart) */
  paths?: ReadonlyMap<File, string>;
}

interface TestSetState {
  status: 'idle' | 'checking' | 'testing' | 'done';
  done: number;
  total: number;
  outcome: TestOutcome | null;
  /** why nothing could be tested (no model, no photos…) */
  error: string | null;
  /** what became of the last results (another model took the place of the one tested) */
  note: string | null;
  /**
   * Run the photos through the model: labelled by the folders named after its classes, or, when
   * no folder is, all of them without labels (the model's answers only). `notes`: what the reading
   * of the folder left out.
   */
  test(photos: TestPhotos, notes?: string[]): Promise<void>;
  stop(): void;
  clear(): void;
  /** another model is in use: a test under way ends saying so, and figures of another model go */
  modelChanged(model: ModelInfo | null): void;
}

/** the test under way: Stop and a change of model mark it; a newer test or Clear replaces it */
interface Run {
  stopped: boolean;
  changed: boolean;
}
let current: Run | null = null;

type Planned = { file: File; name: string; label: number | null };

/** What to run: the labelled photos when any folder names a class, else every photo without a label. */
function plan(
  { groups, loose = [], all, paths }: TestPhotos,
  classes: readonly string[],
): { items: Planned[]; labelled: boolean; notes: string[] } {
  // without the paths: "class/file" as the folders give them
  const inFolder = new Map(
    [...groups].flatMap(([folder, files]) => files.map((f) => [f, `${folder}/${f.name}`] as const)),
  );
  const nameOf = (file: File) => paths?.get(file) ?? inFolder.get(file) ?? file.name;
  const { items, unmatched, missing } = matchTestClasses(groups, classes, nameOf);
  const notes: string[] = [];
  if (items.length) {
    if (unmatched.length)
      notes.push(
        `Not tested: ${plural(unmatched.length, 'folder')} named after no class of the model (${firstNames(unmatched.map((u) => `${u.folder}/, ${plural(u.count, 'file')}`))})`,
      );
    if (loose.length) notes.push(`Not tested: ${plural(loose.length, 'image')} in no class folder`);
    // a photo in a folder that also holds class folders belongs to no class
    const beside = all ? all.length - loose.length - [...groups.values()].reduce((n, g) => n + g.length, 0) : 0;
    if (beside > 0) notes.push(`Not tested: ${plural(beside, 'image')} beside the class folders`);
    if (missing.length) notes.push(`No folder for ${firstNames(missing)}: not tested`);
    return { items, labelled: true, notes };
  }
  // no folder names a class: a folder of photos to sort, answered without a score
  const every = all ?? [...loose, ...[...groups.values()].flat()];
  if (groups.size)
    notes.push(
      `No folder is named after a class of the model (its classes: ${firstNames(classes)}; the folders: ${firstNames([...groups.keys()].map((f) => `${f}/`))}), so the images were classified without labels: the model's answers, no accuracy. Name a folder as its class to be scored`,
    );
  return { items: every.map((file) => ({ file, name: nameOf(file), label: null })), labelled: false, notes };
}

/** photos hashed at a time while checking against the project (Stop is heard between them) */
const CHECK_BATCH = 32;

/**
 * The photos that are also images of the project, by their bytes: a model may have trained on
 * them, so they would flatter it. The project's hashes are the ones the duplicate warnings read
 * anyway; the test photos' are read a batch at a time, `progress` hearing how many, until `still`
 * says no. `checked`: false when no hash could be had (no Web Crypto): nothing was compared.
 */
async function inProject(
  items: readonly Planned[],
  project: readonly File[],
  still: () => boolean,
  progress: (done: number) => void,
): Promise<{ both: Set<File>; hashes: Map<File, string>; checked: boolean }> {
  const known = new Set((await Promise.all(project.map((f) => hashOf(f).catch(() => null)))).filter((h) => h !== null));
  const both = new Set<File>();
  const hashes = new Map<File, string>();
  if (!known.size) return { both, hashes, checked: !project.length };
  for (let i = 0; i < items.length && still(); i += CHECK_BATCH) {
    const batch = items.slice(i, i + CHECK_BATCH);
    const got = await Promise.all(batch.map(({ file }) => hashOf(file).catch(() => null)));
    got.forEach((h, k) => {
      if (h === null) return;
      hashes.set(batch[k].file, h);
      if (known.has(h)) both.add(batch[k].file);
    });
    progress(Math.min(items.length, i + CHECK_BATCH));
  }
  return { both, hashes, checked: true };
}

/**
 * The hashes of photos "Add these N photos to their classes" took from a test into the project: a
 * later test of the same folder leaves them out as project images, and they were the ones the
 * model got wrong, so its figure then flatters it until it is trained again; said with it.
 */
const learnt = new Set<string>();

/** Notes the photos added to the project from a test's mistakes (LearnFromMisses). */
export async function learntFrom(files: readonly File[]): Promise<void> {
  for (const h of await Promise.all(files.map((f) => hashOf(f).catch(() => null)))) if (h !== null) learnt.add(h);
}

export const useTestSet = create<TestSetState>((set, get) => ({
  status: 'idle',
  done: 0,
  total: 0,
  outcome: null,
  error: null,
  note: null,

  async test(photos, notes = []) {
    const me: Run = { stopped: false, changed: false };
    current = me;
    const ctx = testSetContext.get();
    const model = ctx.model();
    if (!model)
      return set({
        status: 'idle',
        outcome: null,
        note: null,
        error: 'No model to test: train one or import one first.',
      });
    const classes = model.labels;
    const planned = plan(photos, classes);
    const left = [...notes, ...planned.notes];
    if (!planned.items.length) return set({ error: 'What was dropped or chosen holds no images to test.' });
    set({ status: 'checking', done: 0, total: planned.items.length, outcome: null, error: null, note: null });
    const still = () => current === me && !me.stopped && !me.changed;
    const check = await inProject(planned.items, ctx.projectFiles(), still, (done) => current === me && set({ done }));
    if (current !== me) return;
    // stopped while checking: back as before, nothing tested
    if (me.stopped) {
      current = null;
      return set({ status: 'idle' });
    }
    const seen = check.both;
    const items = planned.items.filter((i) => !seen.has(i.file));
    let wrongBefore = 0;
    if (!check.checked)
      left.push("The test images could not be compared with the project's images (this browser gives no file hashes)");
    if (seen.size) {
      left.push(
        `Left out ${plural(seen.size, 'image')} that ${seen.size === 1 ? 'is' : 'are'} also in the project, so the model may have trained on ${seen.size === 1 ? 'it' : 'them'}: ${firstNames(planned.items.filter((i) => seen.has(i.file)).map((i) => i.name))}`,
      );
      wrongBefore = [...seen].filter((f) => learnt.has(check.hashes.get(f) ?? '')).length;
      if (wrongBefore)
        left.push(
          `${wrongBefore} of them ${wrongBefore === 1 ? 'was a mistake' : 'were mistakes'} of an earlier test, added to the project: until the model is trained again, the figure below leaves out images it got wrong and flatters it`,
        );
    }
    if (!items.length)
      return set({
        status: 'idle',
        error: `Every one of the ${plural(seen.size, 'image')} is also in the project: a test needs images the model has not trained on.`,
      });
    set({ status: 'testing', done: 0, total: items.length });
    const rows: TestRow<File>[] = [];
    const unreadable: string[] = [];
    let next = 0;
    const one = async (item: Planned, at: number) => {
      try {
        const p = await studioWorker().predict(item.file);
        // another model answered (imported, or a run's full model after its first): not this test's
        if (testSetContext.get().model() !== model || p.classes.join('\u0000') !== classes.join('\u0000'))
          me.changed = true;
        else rows[at] = { ...item, probabilities: p.probabilities };
      } catch (err) {
        unreadable.push(`${item.name}: ${(err as Error).message}`);
      }
    };
    let answered = 0;
    const lane = async () => {
      while (next < items.length && still()) {
        const at = next++;
        await one(items[at], at);
        answered++;
        if (current === me) set({ done: answered });
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, lane));
    // replaced by a newer test or cleared: that one speaks now
    if (current !== me) return;
    current = null;
    if (me.changed)
      return set({
        status: 'idle',
        outcome: null,
        error: 'The model in use changed while testing: test again to test the new one.',
      });
    // in the folder's order (three were asked for at a time), the unreadable ones' places empty
    const answers = rows.filter((r) => r !== undefined);
    // stopped before any answer: nothing to show, nothing went wrong
    if (!answers.length && !unreadable.length) return set({ status: 'idle', outcome: null });
    // nothing answered: no figures (0% of 0 read as a verdict), but why
    if (!answers.length)
      return set({
        status: 'idle',
        outcome: null,
        error: `None of the ${plural(unreadable.length, 'image')} could be tested: ${unreadable[0]}${unreadable.length > 1 ? ' (and the others alike)' : ''}.`,
      });
    if (unreadable.length)
      left.push(
        `${plural(unreadable.length, 'file')} could not be read and ${unreadable.length === 1 ? 'was' : 'were'} not tested`,
      );
    const scored = answers.filter((r): r is TestRow<File> & { label: number } => r.label !== null);
    set({
      status: 'done',
      done: answered,
      outcome: {
        model,
        classes,
        report: planned.labelled ? testReport(scored, classes) : null,
        rows: answers,
        planned: items.length,
        // Stop keeps what was tested so far, said as such
        stopped: me.stopped,
        unreadable,
        notes: left,
        flattered: wrongBefore > 0,
      },
    });
  },

  stop() {
    if (current) current.stopped = true;
  },

  clear() {
    current = null;
    set({ status: 'idle', done: 0, total: 0, outcome: null, error: null, note: null });
  },

  modelChanged(model) {
    if (current) current.changed = true;
    // a refusal said of the model before ("Train a model first") is not this one's
    set({ error: null });
    const { outcome } = get();
    if (outcome && outcome.model !== model)
      set({
        status: 'idle',
        outcome: null,
        done: 0,
        total: 0,
        note: `The test results were those of the model before (${outcome.model.name}): test again for the one in use now.`,
      });
  },
}));
