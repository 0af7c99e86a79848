import { describe, expect, it } from 'vitest';
import { DatasetError, trainingSplit, trainValSplit } from '../src/core/data/train-val';

const images = Array.from({ length: 24 }, (_, i) => ({ id: `im${i}`, label: i % 3, extra: i }));
const settings = { valSplit: 0.25, seed: 7 };

describe('trainValSplit: the one train/validation split', () => {
  it('is the seeded stratified split of every image, less the unreadable ones', () => {
    const readable = new Set(images.filter((i) => i.extra % 5 !== 0).map((i) => i.id));
    const { usable, train, val } = trainValSplit(images, readable, settings);
    expect(usable.map((i) => i.id)).toEqual(images.filter((i) => readable.has(i.id)).map((i) => i.id));
    const expected = trainValSplit(images, { has: () => true }, settings);
    expect(expected.val.length).toBe(6);
    // an unreadable image moves no other image across (a first model may have trained on part of the split)
    expect(train).toEqual(expected.train.filter((i) => readable.has(i.id)));
    expect(val).toEqual(expected.val.filter((i) => readable.has(i.id)));
    // every class on both sides, nothing twice, nothing unreadable
    for (const c of [0, 1, 2]) {
      expect(train.some((i) => i.label === c)).toBe(true);
      expect(val.some((i) => i.label === c)).toBe(true);
    }
    expect(new Set([...train, ...val].map((i) => i.id)).size).toBe(usable.length);
    expect([...train, ...val].every((i) => readable.has(i.id))).toBe(true);
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const all = new Set(images.map((i) => i.id));
    expect(trainValSplit(images, all, settings).val).toEqual(trainValSplit(images, all, settings).val);
    expect(trainValSplit(images, all, { ...settings, seed: 8 }).val).not.toEqual(
      trainValSplit(images, all, settings).val,
    );
  });

  it('trainingSplit refuses a set that cannot train once the unreadable images are gone, and otherwise agrees', () => {
    const all = new Set(images.map((i) => i.id));
    expect(trainingSplit(['a', 'b', 'c'], images, all, settings)).toEqual(trainValSplit(images, all, settings));
    const noClassC = new Set(images.filter((i) => i.label !== 2).map((i) => i.id));
    expect(() => trainingSplit(['a', 'b', 'c'], images, noClassC, settings)).toThrow(DatasetError);
    expect(() => trainingSplit(['a', 'b', 'c'], images, noClassC, settings)).toThrow(/c/);
  });
});
