import { holdOf } from './frame-name';

/** One image with a content fingerprint (a hash of its bytes). */
export interface FingerprintedImage {
  name: string;
  /** index into the class names */
  label: number;
  fingerprint: string;
}

const SHOWN = 5;
/** files a warning names of one picture's copies: 21 identical frames named one by one filled 12 lines */
const NAMED = 3;
const TWO_ANSWERS = 'The model is taught two answers for one picture; keep it in one class.';

/** "a" (cup), "b" (mug), "c" (cup) and 18 more; within one class (said once before) "a", "b", "c" and 18 more */
function someOf(classes: readonly string[], group: readonly FingerprintedImage[], oneClass: boolean): string {
  const named = group
    .slice(0, NAMED)
    .map((g) => (oneClass ? `"${g.name}"` : `"${g.name}" (${classes[g.label]})`))
    .join(', ');
  return group.length > NAMED ? `${named} and ${group.length - NAMED} more` : named;
}

/** "cup", or "cup" and "mug", or "a", "b" and "c" */
function listOf(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : quoted.join('');
}

/**
 * What identical copies that are all recorded webcam frames most likely mean: a camera that sent one
 * picture over and over. Undefined when any copy is not a frame. The duplicate warnings and the
 * health check's finding both say it in these words (frame names, long and alike, would say nothing).
 */
export function frozenFrames(group: readonly { name: string; className: string }[]): string | undefined {
  if (!group.length || group.some((g) => holdOf(g.name) === undefined)) return undefined;
  const where = listOf([...new Set(group.map((g) => g.className))]);
  return `${group.length} recorded frames in ${where} are identical: the camera picture may have been frozen.`;
}

/** "both "cup" and "mug"", or "3 classes: "a", "b" and "c"" */
const classesOf = (names: readonly string[]) =>
  names.length === 2 ? `both ${listOf(names)}` : `${names.length} classes: ${listOf(names)}`;

/** the line for one picture's copies that are not all webcam frames */
function oneLine(classes: readonly string[], group: readonly FingerprintedImage[], labels: readonly number[]): string {
  const where = someOf(classes, group, labels.length === 1);
  // more copies than classes: how many, or three files read as "2 classes" miscounted
  const copies = group.length > labels.length ? ` (${group.length} copies)` : '';
  return labels.length > 1
    ? `The same image is in ${labels.length} classes${copies}: ${where}. ${TWO_ANSWERS}`
    : `The same image is in "${classes[group[0].label]}" ${group.length} times: ${where}. A copy can land in validation and flatter the accuracy.`;
}

/**
 * The line for several pictures copied alike (each in the same classes, or each twice in one class):
 * a folder dropped twice is one line, not a line per picture. Each picture is named by its first file.
 */
function manyLine(
  classes: readonly string[],
  groups: readonly FingerprintedImage[][],
  labels: readonly number[],
): string {
  const firsts = groups.map((g) => `"${g[0].name}"`);
  const named =
    firsts.length > NAMED
      ? `${firsts.slice(0, NAMED).join(', ')} and ${firsts.length - NAMED} more`
      : listOf(groups.map((g) => g[0].name));
  if (labels.length > 1)
    return `${groups.length} images are each in ${classesOf(labels.map((l) => classes[l]))}: ${named}. The model is taught two answers for each; keep each in one class.`;
  const times = groups.every((g) => g.length === 2) ? 'twice' : 'more than once';
  return `${groups.length} images are each in "${classes[labels[0]]}" ${times}: ${named}. A copy can land in validation and flatter the accuracy.`;
}

/**
 * The same bytes filed twice: across classes the model is taught two answers for one picture,
 * within a class a copy can land in validation and flatter the accuracy. Both are allowed (real
 * datasets have a few) but named: a line per picture, or one line for the pictures copied alike.
 * Copies that are all webcam frames are most likely a camera that sent one picture over and over:
 * said as such, without the frames' names.
 */
export function duplicateWarnings(classes: readonly string[], images: readonly FingerprintedImage[]): string[] {
  const groups = new Map<string, FingerprintedImage[]>();
  for (const img of images) {
    const list = groups.get(img.fingerprint);
    if (list) list.push(img);
    else groups.set(img.fingerprint, [img]);
  }
  // each line with how many pictures it speaks of; pictures copied alike share one entry, in first-seen order
  const entries: { line?: string; labels: number[]; groups: FingerprintedImage[][] }[] = [];
  const alike = new Map<string, (typeof entries)[number]>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const labels = [...new Set(group.map((g) => g.label))].sort((a, b) => a - b);
    const frozen = frozenFrames(group.map((g) => ({ name: g.name, className: classes[g.label] })));
    if (frozen) {
      entries.push({ line: labels.length > 1 ? `${frozen} ${TWO_ANSWERS}` : frozen, labels, groups: [group] });
      continue;
    }
    const key = labels.join(',');
    const entry = alike.get(key);
    if (entry) entry.groups.push(group);
    else {
      const fresh = { labels, groups: [group] };
      alike.set(key, fresh);
      entries.push(fresh);
    }
  }
  const lines = entries.map(
    (e) =>
      e.line ?? (e.groups.length > 1 ? manyLine(classes, e.groups, e.labels) : oneLine(classes, e.groups[0], e.labels)),
  );
  if (lines.length <= SHOWN) return lines;
  const rest = entries.slice(SHOWN).reduce((n, e) => n + e.groups.length, 0);
  return [...lines.slice(0, SHOWN), `…and ${rest} more duplicated ${rest === 1 ? 'image' : 'images'}.`];
}

/** Without a content hash: size, name and date (weaker, never wrong about different sizes). */
export const weakFingerprint = (file: File) => `${file.size}:${file.name}:${file.lastModified}`;
