import { create } from 'zustand';
import { matchTestClasses, testReport, type TestReport, type TestRow } from '../core/data/test-folder';
import { firstNames } from '../core/data/problems';
import { studioWorker } from '../worker/client';
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
}

/** A folder as read: photos by the folder holding them, and photos in no folder. */
export interface TestPhotos {
  groups: ReadonlyMap<string, readonly File[]>;
  loose?: readonly File[];
}

interface TestSetState {
  status: 'idle' | 'testing' | 'done';
  done: number;
  total: number;
  outcome: TestOutcome | null;
  /** why nothing could be tested (no model, no photos…) */
  error: string | null;
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

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** the test under way: Stop and a change of model mark it; a newer test or Clear replaces it */
interface Run {
  stopped: boolean;
  changed: boolean;
}
let current: Run | null = null;

export const useTestSet = create<TestSetState>((set, get) => ({
  status: 'idle',
  done: 0,
  total: 0,
  outcome: null,
  error: null,

  async test({ groups, loose = [] }, notes = []) {
    const me: Run = { stopped: false, changed: false };
    current = me;
    const model = testSetContext.get().model();
    if (!model)
      return set({ status: 'idle', outcome: null, error: 'No model to test: train one or import one first.' });
    const classes = model.labels;
    const { items: labelled, unmatched, missing } = matchTestClasses(groups, classes);
    const left = [...notes];
    let items: { file: File; name: string; label: number | null }[] = labelled;
    if (labelled.length) {
      if (unmatched.length)
        left.push(
          `Not tested: ${count(unmatched.length, 'folder')} named after no class of the model (${firstNames(unmatched.map((u) => `${u.folder}/, ${count(u.count, 'file')}`))})`,
        );
      if (loose.length) left.push(`Not tested: ${count(loose.length, 'photo')} in no class folder`);
      if (missing.length) left.push(`No folder for ${firstNames(missing)}: not tested`);
    } else {
      // no folder names a class: a folder of photos to sort, answered without a score
      items = [
        ...loose.map((file) => ({ file, name: file.name, label: null })),
        ...[...groups].flatMap(([folder, files]) =>
          files.map((file) => ({ file, name: `${folder}/${file.name}`, label: null })),
        ),
      ];
      if (!items.length) return set({ status: 'idle', outcome: null, error: 'The folder holds no photos to test.' });
      if (groups.size)
        left.push(
          `No folder is named after a class of the model (${firstNames(classes)}), so the photos were classified without labels: the model's answers, no accuracy`,
        );
    }
    set({ status: 'testing', done: 0, total: items.length, outcome: null, error: null });
    const rows: TestRow<File>[] = [];
    const unreadable: string[] = [];
    let next = 0;
    const still = () => current === me && !me.stopped && !me.changed;
    const one = async (item: (typeof items)[number], at: number) => {
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
    if (unreadable.length)
      left.push(
        `${count(unreadable.length, 'file')} could not be read and ${unreadable.length === 1 ? 'was' : 'were'} not tested`,
      );
    // in the folder's order (three were asked for at a time), the unreadable ones' places empty
    const answers = rows.filter((r) => r !== undefined);
    const scored = answers.filter((r): r is TestRow<File> & { label: number } => r.label !== null);
    set({
      status: 'done',
      done: answered,
      outcome: {
        model,
        classes,
        report: labelled.length
          ? testReport(
              scored.map((r) => ({
                item: { file: r.file, label: r.label, name: r.name },
                probabilities: [...r.probabilities],
              })),
              classes,
            )
          : null,
        rows: answers,
        planned: items.length,
        // Stop keeps what was tested so far, said as such
        stopped: me.stopped,
        unreadable,
        notes: left,
      },
    });
  },

  stop() {
    if (current) current.stopped = true;
  },

  clear() {
    current = null;
    set({ status: 'idle', done: 0, total: 0, outcome: null, error: null });
  },

  modelChanged(model) {
    if (current) current.changed = true;
    if (get().outcome && get().outcome!.model !== model) set({ status: 'idle', outcome: null, done: 0, total: 0 });
  },
}));
