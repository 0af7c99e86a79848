import { wilsonInterval } from '../train/interval';
import { accuracy, confusionMatrix, perClassMetrics, type ClassMetrics, type ConfusionMatrix } from '../train/metrics';
import { firstNames, nameKey } from './problems';

/**
 * A labelled test folder: photos the model never trained on, one folder per class named as the
 * model's classes, read by the Evaluate step's "Test on other images" (state/test-set.ts). Kept
 * apart from the project: testing adds nothing to it, and the validation split stays as it was.
 */

/** a file with the folders that lead to it, outermost first (the shape drops and the folder picker give) */
interface Placed {
  folders: string[];
}

type Split = 'test' | 'val' | 'train';

/** a split folder's name: test/, val/, train/ and their usual spellings (test_set/, seg_train/, valid/, dev/) */
const SPLIT_NAMES: [Split, RegExp][] = [
  ['test', /^(?:.*[_\- ])?(?:test|testing)(?:[_\- ]?(?:set|data|images))?$/i],
  ['val', /^(?:.*[_\- ])?(?:val|valid|validation|dev)(?:[_\- ]?(?:set|data|images))?$/i],
  ['train', /^(?:.*[_\- ])?(?:train|training)(?:[_\- ]?(?:set|data|images))?$/i],
];

const splitNamed = (name: string): Split | null => SPLIT_NAMES.find(([, re]) => re.test(name))?.[0] ?? null;

/**
 * The folders inside what was chosen: the chosen folder's own name says nothing of it, but when a
 * drop holds several folders (train/ and test/ side by side) each one's own name does.
 */
function inside<T extends Placed>(files: readonly T[]): (f: T) => string[] {
  const roots = new Set(files.map((f) => f.folders[0]));
  return roots.size > 1 ? (f) => f.folders : (f) => f.folders.slice(1);
}

/** Each file's path inside what was chosen, as the results and the CSV name it (two IMG_0001.jpg stay apart). */
export function pathsInside<T extends Placed & { file: { name: string } }>(
  files: readonly T[],
): Map<T['file'], string> {
  const folders = inside(files);
  return new Map(files.map((f) => [f.file, [...folders(f), f.file.name].join('/')]));
}

/**
 * The held-out part of a dataset folder: its test/ split where it has one, else its validation
 * split, else whatever is not its train/ split; the photos a model may have trained on would have
 * been counted as test photos. A folder named after one of `classes` is a class, not a split (a
 * vehicles model's train/). `left`: which folders were left out, for the notice; null when none.
 */
export function heldOutSplit<T extends Placed>(
  files: readonly T[],
  classes: readonly string[] = [],
): { files: T[]; kept: string | null; left: string | null } {
  const folders = inside(files);
  const isClass = new Set(classes.map(nameKey));
  const splitOf = (f: T): { split: Split; name: string } | null => {
    for (const d of folders(f)) {
      const split = isClass.has(nameKey(d)) ? null : splitNamed(d);
      if (split) return { split, name: d };
    }
    return null;
  };
  const placed = files.map((f) => ({ f, at: splitOf(f) }));
  const has = (s: Split) => placed.some((p) => p.at?.split === s);
  const keep = has('test') ? 'test' : has('val') ? 'val' : has('train') ? null : undefined;
  if (keep === undefined) return { files: [...files], kept: null, left: null };
  const kept = placed.filter((p) => (keep ? p.at?.split === keep : p.at?.split !== 'train'));
  if (!kept.length || kept.length === files.length) return { files: [...files], kept: null, left: null };
  // a file in no split is named by its first folder inside, or as a photo beside them
  const where = (p: (typeof placed)[number]) =>
    p.at ? `${p.at.name}/` : folders(p.f).length ? `${folders(p.f)[0]}/` : 'the photos beside them';
  return {
    files: kept.map((p) => p.f),
    kept: firstNames([...new Set(kept.map(where))].sort()),
    left: firstNames([...new Set(placed.filter((p) => !kept.includes(p)).map(where))].sort()),
  };
}

export interface TestItem<F> {
  file: F;
  /** the model's class index */
  label: number;
  /** "class/file", as the results name it */
  name: string;
}

/**
 * Each folder's images labelled with the model's class of the same name (as class names compare:
 * case, accents' composition and spaces around aside). Folders named after no class are not tested
 * (`unmatched`, with their counts); classes with no folder are `missing`.
 */
export function matchTestClasses<F extends { name: string }>(
  groups: ReadonlyMap<string, readonly F[]>,
  labels: readonly string[],
  nameOf: (file: F, label: number) => string = (file, label) => `${labels[label]}/${file.name}`,
): { items: TestItem<F>[]; unmatched: { folder: string; count: number }[]; missing: string[] } {
  const index = new Map(labels.map((l, i) => [nameKey(l), i]));
  const items: TestItem<F>[] = [];
  const unmatched: { folder: string; count: number }[] = [];
  const found = new Set<number>();
  for (const [folder, files] of groups) {
    const label = index.get(nameKey(folder));
    if (label === undefined) {
      unmatched.push({ folder, count: files.length });
      continue;
    }
    found.add(label);
    for (const file of files) items.push({ file, label, name: nameOf(file, label) });
  }
  return { items, unmatched, missing: labels.filter((_, i) => !found.has(i)) };
}

/** One tested image the model got wrong. */
export interface TestMiss<F> {
  item: TestItem<F>;
  predicted: number;
  /** the predicted class's probability */
  confidence: number;
}

export interface TestReport<F> {
  tested: number;
  accuracy: number;
  interval: [number, number];
  confusion: ConfusionMatrix;
  perClass: ClassMetrics[];
  /** the wrong ones, most confident first: those are the ones worth a look */
  misses: TestMiss<F>[];
}

/** What the answers (labelled rows) say, for `classes` (the model's, in its order). */
export function testReport<F>(
  answers: readonly (TestItem<F> & { probabilities: readonly number[] })[],
  classes: readonly string[],
): TestReport<F> {
  const actual: number[] = [];
  const predicted: number[] = [];
  const misses: TestMiss<F>[] = [];
  for (const item of answers) {
    const best = topClass(item.probabilities);
    actual.push(item.label);
    predicted.push(best);
    if (best !== item.label) misses.push({ item, predicted: best, confidence: item.probabilities[best] });
  }
  const confusion = confusionMatrix(actual, predicted, classes.length);
  const right = actual.filter((a, i) => a === predicted[i]).length;
  return {
    tested: answers.length,
    accuracy: answers.length ? accuracy(confusion) : 0,
    interval: wilsonInterval(right, answers.length),
    confusion,
    perClass: perClassMetrics(confusion),
    misses: misses.sort((a, b) => b.confidence - a.confidence),
  };
}

/** One photo the model answered for, labelled (a class index) or not. */
export interface TestRow<F> {
  file: F;
  name: string;
  label: number | null;
  probabilities: readonly number[];
}

/** the class a row of probabilities picks (the first of equals) */
export const topClass = (p: readonly number[]): number => p.reduce((best, v, k) => (v > p[best] ? k : best), 0);

/**
 * A text field: quoted when it holds a separator, a quote or edge spaces; one a spreadsheet would
 * run as a formula (a file named "=HYPERLINK(…).jpg") starts with an apostrophe, as OWASP advises.
 */
const csvField = (text: string) => {
  // a signed number ("-1", a class so named) is no formula
  const s = /^[=@\t\r]|^[+-](?![\d.])/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Every photo's answer as CSV, for a spreadsheet or a script: file, its label (empty when the
 * folder gave none), the predicted class, its probability, then each class's probability.
 */
export function predictionsCsv(rows: readonly TestRow<unknown>[], classes: readonly string[]): string {
  const head = ['file', 'label', 'predicted', 'confidence', ...classes].map(csvField).join(',');
  const lines = rows.map((r) => {
    const k = topClass(r.probabilities);
    return [
      csvField(r.name),
      r.label === null ? '' : csvField(classes[r.label]),
      csvField(classes[k]),
      r.probabilities[k].toFixed(4),
      ...r.probabilities.map((p) => p.toFixed(4)),
    ].join(',');
  });
  // the byte-order mark tells a spreadsheet it is UTF-8 (accented names came out garbled without it)
  return `\uFEFF${[head, ...lines].join('\r\n')}\r\n`;
}

/** How many photos the model put in each class (its answers, right or wrong). */
export const predictedCounts = (rows: readonly TestRow<unknown>[], classes: readonly string[]): number[] =>
  rows.reduce((counts, r) => (counts[topClass(r.probabilities)]++, counts), new Array<number>(classes.length).fill(0));

/** The `n` answers the model was least sure of (lowest top probability first): the ones worth a look. */
export function leastSure<F>(rows: readonly TestRow<F>[], n: number): (TestRow<F> & { predicted: number })[] {
  return rows
    .map((r) => ({ ...r, predicted: topClass(r.probabilities) }))
    .sort((a, b) => a.probabilities[a.predicted] - b.probabilities[b.predicted])
    .slice(0, n);
}
