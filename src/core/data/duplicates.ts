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

/**
 * The same bytes filed twice: across classes the model is taught two answers for one picture,
 * within a class a copy can land in validation and flatter the accuracy. Both are allowed (real
 * datasets have a few) but named, one line per picture. Copies that are all webcam frames are most
 * likely a camera that sent one picture over and over: said as such, without the frames' names.
 */
export function duplicateWarnings(classes: readonly string[], images: readonly FingerprintedImage[]): string[] {
  const groups = new Map<string, FingerprintedImage[]>();
  for (const img of images) {
    const list = groups.get(img.fingerprint);
    if (list) list.push(img);
    else groups.set(img.fingerprint, [img]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const labels = [...new Set(group.map((g) => g.label))];
    const frozen = frozenFrames(group.map((g) => ({ name: g.name, className: classes[g.label] })));
    if (frozen) {
      lines.push(labels.length > 1 ? `${frozen} ${TWO_ANSWERS}` : frozen);
      continue;
    }
    const where = someOf(classes, group, labels.length === 1);
    lines.push(
      labels.length > 1
        ? `The same image is in ${labels.length} classes: ${where}. ${TWO_ANSWERS}`
        : `The same image is in "${classes[group[0].label]}" ${group.length} times: ${where}. A copy can land in validation and flatter the accuracy.`,
    );
  }
  if (lines.length > SHOWN) return [...lines.slice(0, SHOWN), `…and ${lines.length - SHOWN} more duplicated images.`];
  return lines;
}

/** Without a content hash: size, name and date (weaker, never wrong about different sizes). */
export const weakFingerprint = (file: File) => `${file.size}:${file.name}:${file.lastModified}`;
