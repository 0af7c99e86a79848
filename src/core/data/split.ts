import { createRng, shuffled } from '../random';

export interface Split {
  train: number[];
  val: number[];
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
    let nVal = Math.round(idx.length * valFraction);
    if (valFraction > 0 && nVal === 0 && idx.length >= 2) nVal = 1;
    if (nVal >= idx.length) nVal = idx.length - 1;
    val.push(...idx.slice(0, nVal));
    train.push(...idx.slice(nVal));
  }
  return { train: train.sort((a, b) => a - b), val: val.sort((a, b) => a - b) };
}
