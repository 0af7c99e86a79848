import { createRng, shuffled } from '../random';
import { groupedSplit, inTakenOrder, unitsOf } from './grouped-split';

export interface Split {
  train: number[];
  val: number[];
}

/** how many of a class's `n` images stratifiedSplit holds out */
function valCount(n: number, valFraction: number): number {
  let nVal = Math.round(n * valFraction);
  if (valFraction > 0 && nVal === 0 && n >= 2) nVal = 1;
  return nVal >= n ? n - 1 : nVal;
}

/**
 * How many images a split trains on, from each class's count: what the settings' hints count (the
 * views' passes, a batch that holds them all) before any run. A class of webcam holds is split by
 * holds (grouped-split.ts), which may move an image or two.
 */
export function plannedTrainCount(classSizes: readonly number[], valFraction: number): number {
  if (!(valFraction >= 0 && valFraction < 1)) return NaN;
  return classSizes.reduce((sum, n) => sum + (n > 0 ? n - valCount(n, valFraction) : 0), 0);
}

/**
 * Stratified train/validation split: each class contributes round(n·valFraction) images to
 * validation (at least one when it has two or more), so a small class is never missing from
 * either side. Indices refer to `labels`.
 */
export function stratifiedSplit(labels: readonly number[], valFraction: number, seed: number): Split {
  if (!(valFraction >= 0 && valFraction < 1)) throw new Error(`Validation split must be in [0, 1), got ${valFraction}`);
  const rng = createRng(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const list = byClass.get(label) ?? [];
    list.push(i);
    byClass.set(label, list);
  });
  const train: number[] = [];
  const val: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const idx = shuffled(byClass.get(label)!, rng);
    const nVal = valCount(idx.length, valFraction);
    val.push(...idx.slice(0, nVal));
    train.push(...idx.slice(nVal));
  }
  return { train: train.sort((a, b) => a - b), val: val.sort((a, b) => a - b) };
}

/**
 * Stratified k-fold assignment: each class's images, shuffled with `seed`, are dealt round-robin
 * into k folds, so every fold holds about 1/k of every class. Returns the fold of each image.
 *
 * With `groups` (webcam holds), a hold split across folds scored each candidate on copies of its
 * own training frames, and the CV chose the least regularised head: a class of two or more holds
 * deals whole holds instead, and a class that is one hold deals it in runs of consecutive frames
 * (the least alike it has), in the order taken (`order`, frameOrder: the images' order is their
 * names', 1, 10, 11, …, 2). Should that leave a fold empty, the images are dealt as without groups.
 */
export function stratifiedFolds(
  labels: readonly number[],
  k: number,
  seed: number,
  groups?: readonly (string | undefined)[],
  order?: readonly (string | undefined)[],
): number[] {
  const rng = createRng(seed);
  const fold = new Array<number>(labels.length).fill(0);
  const perFold = new Array<number>(k).fill(0);
  const put = (i: number, f: number) => {
    fold[i] = f;
    perFold[f]++;
  };
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  let next = 0;
  for (const c of classes) {
    const members = labels.flatMap((l, i) => (l === c ? [i] : []));
    const idx = shuffled(members, rng);
    const units = groups ? [...unitsOf(idx, (i) => groups[i], String).values()] : [];
    if (units.length >= 2 && units.length < idx.length) {
      dealUnits(units, k, put, perFold, rng);
      continue;
    }
    if (units.length === 1 && idx.length >= k) {
      inTakenOrder(members, (i) => order?.[i]).forEach((i, j) =>
        put(i, (next + Math.floor((j * k) / members.length)) % k),
      );
      next += members.length;
      continue;
    }
    // continue dealing where the previous class stopped, so small classes do not all land in fold 0
    for (const i of idx) put(i, next++ % k);
  }
  if (groups && perFold.some((n) => n === 0)) return stratifiedFolds(labels, k, seed);
  return fold;
}

/**
 * Whole units into folds, largest first, each to the fold holding fewest of the class so far (of
 * all classes, between equals), so no fold is left without images while another has two holds.
 */
function dealUnits(
  units: number[][],
  k: number,
  put: (i: number, f: number) => void,
  perFold: readonly number[],
  rng: () => number,
): void {
  const mine = new Array<number>(k).fill(0);
  for (const unit of shuffled(units, rng).sort((a, b) => b.length - a.length)) {
    let f = 0;
    for (let g = 1; g < k; g++) if (mine[g] < mine[f] || (mine[g] === mine[f] && perFold[g] < perFold[f])) f = g;
    for (const i of unit) put(i, f);
    mine[f] += unit.length;
  }
}

/** Share of the training images early stopping holds out to watch (the inner split). */
export const INNER_SPLIT = 0.15;

/**
 * Fewest images of each class the inner split must hold for early stopping to mean anything:
 * with one or two a class its loss is noise, and the "best" epoch it restores can be a
 * near-untrained one (5-10 images a class, typical of a first webcam project, gave 1-2).
 */
export const MIN_INNER_PER_CLASS = 3;

/** Training images a class needs so that its share of the inner split reaches MIN_INNER_PER_CLASS. */
const MIN_TRAINING_FOR_INNER = (() => {
  let n = MIN_INNER_PER_CLASS;
  while (Math.round(n * INNER_SPLIT) < MIN_INNER_PER_CLASS) n++;
  return n;
})();

/** How early stopping runs for a training set: the inner split it watches, or why it is off. */
export interface EarlyStopPlan {
  /** `val` is what early stopping watches; null when it is off */
  inner: Split | null;
  /** early stopping was asked for but the smallest class is too small to hold images out */
  skipped: { smallestClass: number; needed: number } | null;
}

/**
 * The inner split of the training images (indices into `trainLabels`) when early stopping is on
 * (`patience` > 0) and every class can give MIN_INNER_PER_CLASS images to it; otherwise the run
 * trains its planned epochs and `skipped` says why. With `groups` (webcam holds), a hold stays on
 * one side of it, and a class that is one hold gives its last frames in `order` (frameOrder).
 */
export function earlyStopPlan(
  trainLabels: readonly number[],
  patience: number,
  seed: number,
  groups?: readonly (string | undefined)[],
  order?: readonly (string | undefined)[],
): EarlyStopPlan {
  if (!(patience > 0)) return { inner: null, skipped: null };
  const perClass = new Map<number, number>();
  for (const l of trainLabels) perClass.set(l, (perClass.get(l) ?? 0) + 1);
  const smallestClass = Math.min(...perClass.values());
  // a class's share of the inner split is round(n · INNER_SPLIT), so the smallest class decides
  if (smallestClass < MIN_TRAINING_FOR_INNER)
    return { inner: null, skipped: { smallestClass, needed: MIN_TRAINING_FOR_INNER } };
  // frames of a webcam hold on both sides made the inner loss a loss on copies of training frames
  if (groups?.some((g) => g !== undefined))
    return {
      inner: groupedSplit(
        trainLabels.map((label, i) => ({ label, key: String(i), group: groups[i], order: order?.[i] })),
        INNER_SPLIT,
        seed + 7919,
        { maxShare: 2 * INNER_SPLIT },
      ),
      skipped: null,
    };
  return { inner: stratifiedSplit(trainLabels, INNER_SPLIT, seed + 7919), skipped: null };
}
