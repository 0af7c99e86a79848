import { describe, expect, it } from 'vitest';
import {
  earlyStopPlan,
  INNER_SPLIT,
  MIN_INNER_PER_CLASS,
  plannedTrainCount,
  stratifiedSplit,
} from '../src/core/data/split';
import { createRng, shuffled } from '../src/core/random';

describe('random', () => {
  it('createRng repeats per seed, differs across seeds and stays in [0, 1)', () => {
    const take = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 200 }, () => rng());
    };
    const a = take(42);
    expect(take(42)).toEqual(a);
    expect(take(43)).not.toEqual(a);
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
    // not degenerate: values spread over the interval
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean).toBeGreaterThan(0.4);
    expect(mean).toBeLessThan(0.6);
    expect(new Set(a).size).toBe(a.length);
  });

  it('shuffled returns a permutation of a copy, repeatable per seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const frozen = items.slice();
    const s1 = shuffled(items, createRng(7));
    expect(items).toEqual(frozen);
    expect([...s1].sort((x, y) => x - y)).toEqual(items);
    expect(s1).not.toEqual(items);
    expect(shuffled(items, createRng(7))).toEqual(s1);
    expect(shuffled(items, createRng(8))).not.toEqual(s1);
  });
});

describe('stratifiedSplit', () => {
  // 3 classes of different sizes, interleaved so index order is not class order
  const sizes = [10, 7, 23];
  const labels: number[] = [];
  for (let i = 0; labels.length < 40; i++) {
    const c = i % 3;
    if (labels.filter((l) => l === c).length < sizes[c]) labels.push(c);
  }

  it('is deterministic for a seed and differs across seeds', () => {
    const a = stratifiedSplit(labels, 0.25, 5);
    expect(stratifiedSplit(labels, 0.25, 5)).toEqual(a);
    expect(stratifiedSplit(labels, 0.25, 6).val).not.toEqual(a.val);
  });

  it('puts round(n*fraction) of each class in validation and keeps every class on both sides', () => {
    for (const frac of [0.2, 0.25, 0.5]) {
      const { train, val } = stratifiedSplit(labels, frac, 3);
      sizes.forEach((n, c) => {
        const inVal = val.filter((i) => labels[i] === c).length;
        const inTrain = train.filter((i) => labels[i] === c).length;
        expect(inVal).toBe(Math.round(n * frac));
        expect(inTrain).toBe(n - Math.round(n * frac));
        expect(inVal).toBeGreaterThan(0);
        expect(inTrain).toBeGreaterThan(0);
      });
    }
  });

  it('is disjoint, complete and sorted', () => {
    const { train, val } = stratifiedSplit(labels, 0.2, 11);
    const all = [...train, ...val].sort((a, b) => a - b);
    expect(all).toEqual(labels.map((_, i) => i));
    expect(new Set([...train, ...val]).size).toBe(labels.length);
    expect(train).toEqual([...train].sort((a, b) => a - b));
    expect(val).toEqual([...val].sort((a, b) => a - b));
  });

  it('gives a small class at least one validation image and never all of them', () => {
    // 2 images at 10 % would round to 0; 3 images at 90 % would round to all 3
    expect(stratifiedSplit([0, 0, 1, 1, 1, 1, 1, 1, 1, 1], 0.1, 1).val.filter((i) => i < 2)).toHaveLength(1);
    const { train, val } = stratifiedSplit([0, 0, 0, 1, 1, 1], 0.9, 1);
    expect(val).toHaveLength(4);
    expect(train.map((i) => [0, 0, 0, 1, 1, 1][i]).sort()).toEqual([0, 1]);
  });

  it('with fraction 0 puts everything in training', () => {
    expect(stratifiedSplit([0, 1, 1, 2], 0, 1)).toEqual({ train: [0, 1, 2, 3], val: [] });
  });

  it('throws on an invalid fraction', () => {
    for (const bad of [-0.1, 1, 1.5, Number.NaN]) {
      expect(() => stratifiedSplit(labels, bad, 1)).toThrow(/Validation split must be in \[0, 1\)/);
    }
  });
});

describe('earlyStopPlan', () => {
  const labels = (perClass: number[]) => perClass.flatMap((n, c) => Array<number>(n).fill(c));

  it('is off without patience', () => {
    expect(earlyStopPlan(labels([40, 40]), 0, 1)).toEqual({ inner: null, skipped: null });
  });

  it('holds out at least MIN_INNER_PER_CLASS images of every class, from the training images only', () => {
    const train = labels([17, 30, 60]);
    const { inner, skipped } = earlyStopPlan(train, 5, 1);
    expect(skipped).toBeNull();
    for (const c of [0, 1, 2]) {
      const held = inner!.val.filter((i) => train[i] === c).length;
      expect(held).toBeGreaterThanOrEqual(MIN_INNER_PER_CLASS);
      expect(held).toBe(Math.round(train.filter((l) => l === c).length * INNER_SPLIT));
    }
    expect([...inner!.train, ...inner!.val].sort((a, b) => a - b)).toEqual([...train.keys()]);
  });

  it('turns early stopping off when a class is too small to give enough images, and says how many it needs', () => {
    const plan = earlyStopPlan(labels([10, 40]), 5, 1);
    expect(plan.inner).toBeNull();
    expect(plan.skipped).toEqual({ smallestClass: 10, needed: 17 });
    // the class size the message names is enough
    expect(earlyStopPlan(labels([17, 40]), 5, 1).inner).not.toBeNull();
    expect(earlyStopPlan(labels([16, 40]), 5, 1).skipped).toEqual({ smallestClass: 16, needed: 17 });
  });
});

describe('plannedTrainCount', () => {
  it("counts the images stratifiedSplit trains on, from each class's count", () => {
    for (const [sizes, f] of [
      [[12, 12, 12], 0.2],
      [[1, 2, 3, 7, 50], 0.2],
      [[5, 9], 0.5],
      [[1, 1], 0.6],
      [[10, 3], 0],
    ] as [number[], number][]) {
      const labels = sizes.flatMap((n, c) => Array<number>(n).fill(c));
      expect(plannedTrainCount(sizes, f), `${sizes} at ${f}`).toBe(stratifiedSplit(labels, f, 1).train.length);
    }
    // empty classes train nothing; a split being typed counts nothing
    expect(plannedTrainCount([0, 4], 0.25)).toBe(3);
    expect(plannedTrainCount([4], Number.NaN)).toBeNaN();
    expect(plannedTrainCount([4], 1)).toBeNaN();
  });
});
