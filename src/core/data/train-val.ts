import { datasetProblems } from './problems';
import { frameOrder, holdOf } from './frame-name';
import { groupedSplit, type SplitItem } from './grouped-split';

export interface LabelledImage {
  id: string;
  /** index into classes */
  label: number;
  /**
   * the file's name: the split places an image by its name (so the same folder splits alike however
   * it was added, in the studio and the CLI), and a webcam frame's name says its hold (frame-name.ts)
   */
  name?: string;
}

/**
 * Which split trainValSplit draws. 2: by name, webcam holds kept whole (1, unmarked: drawn by
 * position). A run cut short under another split cannot be continued: its head trained on images
 * this split may validate on.
 */
export const SPLIT_VERSION = 2;

/** The webcam hold an image was recorded in, read from its name: a hold stays on one side of every split. */
export const holdOfImage = (image: LabelledImage): string | undefined =>
  image.name === undefined ? undefined : holdOf(image.name);

/** Where a webcam frame comes in the order taken (frameOrder), read from its name. */
export const frameOrderOfImage = (image: LabelledImage): string | undefined =>
  image.name === undefined ? undefined : frameOrder(image.name);

/**
 * Each image as groupedSplit places it: by its name, a repeated name within a class told apart by
 * its occurrence; by its id where it has no name.
 */
function splitItems(images: readonly LabelledImage[]): SplitItem[] {
  const seen = new Map<string, number>();
  return images.map((image) => {
    if (image.name === undefined) return { label: image.label, key: `id:${image.id}` };
    const at = `${image.label}/${image.name}`;
    const n = (seen.get(at) ?? 0) + 1;
    seen.set(at, n);
    return {
      label: image.label,
      key: `${image.name}#${n}`,
      group: holdOf(image.name),
      order: frameOrder(image.name),
    };
  });
}

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/**
 * The one train/validation split of the studio: the seeded, stratified and grouped split
 * (groupedSplit) drawn over every image, less the images that could not be read (their rows are
 * not in `readable`).
 * Training, fine-tuning, the LR finder and the health check's leak warning all call this, so they
 * agree on which images are validation.
 *
 * Drawn before anything is read, an unreadable image only drops out: every other image keeps its
 * side. A two-phase run trains its first model on part of this split before every image has been
 * tried (pipeline-first.ts); a split redrawn without the unreadable image reshuffled its class and
 * every later one, and put the first model's training images among the full model's validation images.
 */
export function trainValSplit<T extends LabelledImage>(
  images: readonly T[],
  readable: { has(id: string): boolean },
  settings: { valSplit: number; seed: number },
): { usable: T[]; train: T[]; val: T[] } {
  const split = groupedSplit(splitItems(images), settings.valSplit, settings.seed);
  const ok = (i: T) => readable.has(i.id);
  const usable = images.filter(ok);
  const train = split.train.map((k) => images[k]).filter(ok);
  const val = split.val.map((k) => images[k]).filter(ok);
  keepBothSides(usable, train, val, settings.valSplit);
  return { usable, train, val };
}

/**
 * Where the unreadable images took all of a class's images on one side, one comes across, as the
 * stratified split would have given it: a class with images trains on at least one, and one with
 * two or more validates on at least one. Only a class with every validation image unreadable gives
 * up a training image, and a first model never trains on a part of such a class: it waits for a
 * validation image of every class (firstModelPart), so it waits for every image and trains on this
 * very split.
 */
function keepBothSides<T extends LabelledImage>(usable: readonly T[], train: T[], val: T[], valSplit: number) {
  const count = (list: readonly T[], c: number) => list.filter((i) => i.label === c).length;
  const at = new Map(usable.map((i, k) => [i, k]));
  const move = (from: T[], to: T[], item: T) => {
    from.splice(from.indexOf(item), 1);
    to.push(item);
    // both sides keep the images' order
    to.sort((a, b) => at.get(a)! - at.get(b)!);
  };
  for (const c of new Set(usable.map((i) => i.label))) {
    const n = count(usable, c);
    if (count(train, c) === 0)
      move(
        val,
        train,
        val.find((i) => i.label === c)!,
      );
    // the class's last training image: the one a first model reaches last (firstModelOrder)
    else if (valSplit > 0 && n >= 2 && count(val, c) === 0)
      move(
        train,
        val,
        train.findLast((i) => i.label === c)!,
      );
  }
}

/** trainValSplit for a run: refuses, naming each problem, a dataset that cannot train without the unreadable images. */
export function trainingSplit<T extends LabelledImage>(
  classes: string[],
  images: readonly T[],
  readable: { has(id: string): boolean },
  settings: { valSplit: number; seed: number },
): { usable: T[]; train: T[]; val: T[] } {
  const usable = images.filter((i) => readable.has(i.id));
  const problems = datasetProblems(
    classes,
    classes.map((_, c) => usable.filter((i) => i.label === c).length),
  );
  if (problems.length) throw new DatasetError(problems.join(' '));
  return trainValSplit(images, readable, settings);
}
