import { describe, expect, it } from 'vitest';
import { activeOnFocus, gridKeyTarget } from '../src/core/data/review';

describe("the review grid's keys", () => {
  // 10 images, 4 columns: rows 0-3, 4-7, 8-9
  const at = (key: string, active: number) => gridKeyTarget(key, active, 10, 4);

  it('with no image active yet, the first move of any kind lands on the first image', () => {
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'PageDown', 'PageUp', 'Home'])
      expect(at(key, -1), key).toBe(0);
    expect(at('End', -1)).toBe(9);
  });

  it('arrows step by one or a row, pages by four rows, within the images', () => {
    expect(at('ArrowRight', 2)).toBe(3);
    expect(at('ArrowLeft', 2)).toBe(1);
    expect(at('ArrowDown', 2)).toBe(6);
    expect(at('ArrowUp', 6)).toBe(2);
    expect(at('ArrowUp', 2)).toBe(0);
    expect(at('ArrowDown', 7)).toBe(9);
    expect(at('ArrowRight', 9)).toBe(9);
    expect(at('PageDown', 0)).toBe(9);
    expect(at('Home', 7)).toBe(0);
    expect(at('End', 0)).toBe(9);
  });

  it('other keys, or an empty grid, move nothing', () => {
    expect(at('Enter', 2)).toBeNull();
    expect(at(' ', 2)).toBeNull();
    expect(at('a', 2)).toBeNull();
    expect(gridKeyTarget('ArrowRight', -1, 0, 4)).toBeNull();
    expect(gridKeyTarget('End', -1, 0, 4)).toBeNull();
  });

  it('focused with none active, the first image becomes active (so Space and Enter act at once)', () => {
    expect(activeOnFocus(-1, 10)).toBe(0);
    expect(activeOnFocus(3, 10)).toBeNull();
    expect(activeOnFocus(-1, 0)).toBeNull();
  });
});
