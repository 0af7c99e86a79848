import { describe, expect, it } from 'vitest';
import {
  clickSelect,
  filterImages,
  keepShown,
  nextValidation,
  visibleRows,
  type ReviewFacts,
} from '../src/core/data/review';
import { trainValSplit } from '../src/core/data/train-val';

const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);

describe('review filters', () => {
  it('predicts the split training makes (same seeded stratified split over the class order)', () => {
    const classes = [ids(10, 'a'), ids(6, 'b')];
    const val = nextValidation(
      classes.map((c) => c.map((id) => ({ id }))),
      0.2,
      7,
    );
    const images = classes.flatMap((c, label) => c.map((id) => ({ id, label })));
    const expected = trainValSplit(images, { has: () => true }, { valSplit: 0.2, seed: 7 }).val.map((i) => i.id);
    expect([...val].sort()).toEqual(expected.sort());
    expect(val.size).toBe(2 + 1);
    // an unreadable image drops out of the split drawn over every image, as training's does
    // (tests/fix-data-review-split.test.ts): the rest keep their sides
    const without = nextValidation(
      classes.map((c) => c.map((id) => ({ id }))),
      0.2,
      7,
      new Set(['a0']),
    );
    expect(without.has('a0')).toBe(false);
    expect([...without].sort()).toEqual(expected.filter((id) => id !== 'a0').sort());
  });

  it('filters by split, last-run mistakes and health findings together', () => {
    const facts: ReviewFacts = {
      validation: new Set(['x1', 'x2']),
      unusable: new Set(['x4']),
      wrong: new Set(['x2', 'x3']),
      flagged: new Set(['x3']),
    };
    const all = ['x0', 'x1', 'x2', 'x3', 'x4'];
    expect(filterImages(all, { split: 'validation', wrong: false, flagged: false }, facts)).toEqual(['x1', 'x2']);
    expect(filterImages(all, { split: 'train', wrong: false, flagged: false }, facts)).toEqual(['x0', 'x3']);
    expect(filterImages(all, { split: 'validation', wrong: true, flagged: false }, facts)).toEqual(['x2']);
    expect(filterImages(all, { split: 'all', wrong: true, flagged: true }, facts)).toEqual(['x3']);
  });
});

describe('review selection', () => {
  const shown = ids(10, 'i');
  it('click selects one, Ctrl-click toggles, Shift-click selects a range from the anchor', () => {
    let s = clickSelect({ ids: new Set(), anchor: null }, shown, 'i2');
    expect([...s.ids]).toEqual(['i2']);
    s = clickSelect(s, shown, 'i5', { range: true });
    expect([...s.ids]).toEqual(['i2', 'i3', 'i4', 'i5']);
    s = clickSelect(s, shown, 'i0', { range: true });
    expect([...s.ids].sort()).toEqual(['i0', 'i1', 'i2']);
    s = clickSelect(s, shown, 'i8', { toggle: true });
    expect(s.ids.has('i8')).toBe(true);
    expect(s.anchor).toBe('i8');
    s = clickSelect(s, shown, 'i9', { toggle: true, range: true });
    expect([...s.ids].sort()).toEqual(['i0', 'i1', 'i2', 'i8', 'i9']);
    s = clickSelect(s, shown, 'i1', { toggle: true });
    expect(s.ids.has('i1')).toBe(false);
  });

  it('drops what is no longer shown', () => {
    const s = keepShown({ ids: new Set(['i1', 'i2']), anchor: 'i2' }, ['i1', 'i3']);
    expect([...s.ids]).toEqual(['i1']);
    expect(s.anchor).toBe(null);
  });

  it('renders only the rows in view, plus overscan', () => {
    // 2,000 images, 8 per row of 100 px, a 600 px window scrolled to the middle
    const w = visibleRows(2000, 8, 100, 12_000, 600);
    expect(w.rows).toBe(250);
    expect(w.first).toBe(118);
    expect(w.last).toBe(128);
    expect(visibleRows(2000, 8, 100, 0, 600).first).toBe(0);
    expect(visibleRows(2000, 8, 100, 1e9, 600).last).toBe(249);
  });
});
