import { describe, expect, it } from 'vitest';
import { menuKeyTarget } from '../src/ui/menu-keys';

const ITEMS = ['Download project (zip)', 'Open project…', 'New project'];

describe("the project menu's keys", () => {
  it('arrows move to the next and previous item, wrapping at the ends', () => {
    expect(menuKeyTarget('ArrowDown', 0, ITEMS)).toBe(1);
    expect(menuKeyTarget('ArrowDown', 2, ITEMS)).toBe(0);
    expect(menuKeyTarget('ArrowUp', 0, ITEMS)).toBe(2);
    expect(menuKeyTarget('ArrowUp', 2, ITEMS)).toBe(1);
  });

  it('Home and End go to the first and last item', () => {
    expect(menuKeyTarget('Home', 1, ITEMS)).toBe(0);
    expect(menuKeyTarget('End', 0, ITEMS)).toBe(2);
  });

  it('a letter moves to the next item that starts with it, after the focused one', () => {
    expect(menuKeyTarget('n', 0, ITEMS)).toBe(2);
    expect(menuKeyTarget('O', 2, ITEMS)).toBe(1);
    expect(menuKeyTarget('d', 0, ITEMS)).toBe(0);
    expect(menuKeyTarget('x', 0, ITEMS)).toBeNull();
  });

  it('leaves other keys (Tab, Enter, Space) to the browser', () => {
    for (const key of ['Tab', 'Enter', ' ', 'Shift']) expect(menuKeyTarget(key, 1, ITEMS)).toBeNull();
    expect(menuKeyTarget('ArrowDown', 0, [])).toBeNull();
  });
});
