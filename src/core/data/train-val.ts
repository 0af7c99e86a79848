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
 * The one train/validation split of the studio: the images that could be read (their rows are in
 * `readable`), in the order given, split by the seeded stratified split. Training, fine-tuning, the
 * LR finder and the health check's leak warning all call this, so they agree on which images are
 * validation.
 */
export function trainValSplit<T extends LabelledImage>(
  images: readonly T[],
  readable: { has(id: string): boolean },
  settings: { valSplit: number; seed: number },
): { usable: T[]; train: T[]; val: T[] } {
  const usable = images.filter((i) => readable.has(i.id));
  const split = stratifiedSplit(
    usable.map((i) => i.label),
    settings.valSplit,
    settings.seed,
  );
  return { usable, train: split.train.map((k) => usable[k]), val: split.val.map((k) => usable[k]) };
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
