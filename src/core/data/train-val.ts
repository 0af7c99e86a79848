import { datasetProblems } from './problems';
import { stratifiedSplit } from './split';

export interface LabelledImage {
  id: string;
  /** index into classes */
  label: number;
}

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/**
 * The one train/validation split of the studio: the seeded stratified split drawn over every image,
 * in the order given, less the images that could not be read (their rows are not in `readable`).
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
  const split = stratifiedSplit(
    images.map((i) => i.label),
    settings.valSplit,
    settings.seed,
  );
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
