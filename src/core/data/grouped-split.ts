import type { Split } from './split';

export interface SplitItem {
  label: number;
  /**
   * what places the image (train-val.ts: its file name and occurrence in the class, else its id):
   * its side is decided by it alone, so adding or removing other images moves few
   */
  key: string;
  /** images that must fall on the same side (the frames of one webcam hold) */
  group?: string;
  /** where a webcam frame comes in the order taken (frame-name.ts frameOrder) */
  order?: string;
}

export interface GroupedSplitOptions {
  /**
   * The most of a class that whole groups may give validation (default: all but one image). Where
   * no group fits under it, the class's last images, in the order taken, validate instead: the
   * early-stopping split takes 15% of the training images, and a whole hold of two was half of them.
   */
  maxShare?: number;
}

/**
 * The studio's train/validation split. Like stratifiedSplit, each class gives round(n·valFraction)
 * images to validation (at least one when it has two or more, never all), but:
 *
 * - **Stable.** Each image's side follows from a hash of (seed, key), not from a random stream drawn
 *   through the classes in order: adding images to one class left every later class reshuffled, so
 *   two runs around an added image were judged on different validation images. Now the other
 *   classes keep their sides, and the class that changed moves at most the images at its quota's edge.
 * - **Grouped.** The frames of one webcam hold are nearly the same picture; split among both sides
 *   they validated on copies of training images and the accuracy read near 100% whatever the model
 *   had learnt. A group goes whole to one side, so a class's validation share follows whole holds
 *   (closest to its quota without emptying training). A class that is one hold and nothing else
 *   cannot be split honestly: its last frames, in the order taken, validate, which is the least
 *   like its first frames that it has.
 */
export function groupedSplit(
  items: readonly SplitItem[],
  valFraction: number,
  seed: number,
  options: GroupedSplitOptions = {},
): Split {
  if (!(valFraction >= 0 && valFraction < 1)) throw new Error(`Validation split must be in [0, 1), got ${valFraction}`);
  const byClass = new Map<number, number[]>();
  items.forEach((item, i) => {
    const list = byClass.get(item.label) ?? [];
    list.push(i);
    byClass.set(item.label, list);
  });
  const val: number[] = [];
  for (const idx of byClass.values())
    val.push(...classValidation(items, idx, valFraction, seed, options.maxShare ?? 1));
  const isVal = new Set(val);
  return {
    train: items.flatMap((_, i) => (isVal.has(i) ? [] : [i])),
    val: val.sort((a, b) => a - b),
  };
}

function classValidation(
  items: readonly SplitItem[],
  idx: readonly number[],
  valFraction: number,
  seed: number,
  maxShare: number,
) {
  const n = idx.length;
  let quota = Math.round(n * valFraction);
  if (valFraction > 0 && quota === 0 && n >= 2) quota = 1;
  if (quota >= n) quota = n - 1;
  if (quota <= 0) return [];

  const units = unitsOf(
    idx,
    (i) => items[i].group,
    (i) => items[i].key,
  );
  const lastTaken = () => inTakenOrder(idx, (i) => items[i].order).slice(n - quota);
  if (units.size === 1) return lastTaken();
  const most = Math.max(quota, Math.floor(n * maxShare));

  const ranked = [...units.entries()]
    .map(([key, members]) => ({ members, rank: hash32(`${seed}\u0000${key}`) }))
    .sort((a, b) => a.rank - b.rank || a.members[0] - b.members[0]);
  const val: number[] = [];
  for (const { members } of ranked) {
    if (val.length >= quota) break;
    const after = val.length + members.length;
    // a unit that would overshoot the quota by more than it fills is left for a smaller one
    if (after >= n || after > most || after - quota > quota - val.length) continue;
    val.push(...members);
  }
  if (val.length) return val;
  // every unit is larger than twice the quota: the smallest validates rather than none, where it may
  const smallest = ranked.reduce((a, b) => (b.members.length < a.members.length ? b : a));
  return smallest.members.length <= most ? smallest.members : lastTaken();
}

/**
 * `idx` in the order taken (frameOrder) where every one has a place in it, else as they are; ties
 * by index. A hold's frames come by name otherwise: 1, 10, 11, …, 2.
 */
export function inTakenOrder(idx: readonly number[], orderOf: (i: number) => string | undefined): number[] {
  if (idx.some((i) => orderOf(i) === undefined)) return [...idx];
  return [...idx].sort((a, b) => (orderOf(a)! < orderOf(b)! ? -1 : orderOf(a)! > orderOf(b)! ? 1 : a - b));
}

/**
 * Images that must fall on one side (or in one fold) together, by key: a group's members, every
 * other image alone. Keys are prefixed apart, so an image whose key reads like a group is not in it.
 */
export function unitsOf(
  idx: readonly number[],
  groupOf: (i: number) => string | undefined,
  keyOf: (i: number) => string,
): Map<string, number[]> {
  const units = new Map<string, number[]>();
  for (const i of idx) {
    const group = groupOf(i);
    const key = group !== undefined ? `g:${group}` : `i:${keyOf(i)}`;
    const unit = units.get(key) ?? [];
    unit.push(i);
    units.set(key, unit);
  }
  return units;
}

/** FNV-1a with a final avalanche (murmur3's fmix32): ids that differ in one character rank far apart. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
