import { describe, expect, it } from 'vitest';
import { thumbKey, thumbOpens } from '../src/ui/thumb-grid';

// A class card's thumbnails are a grid: Enter on one opens the class's review at that image, as
// the review grid's Enter opens its image large.

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("Enter on a class card's thumbnail", () => {
  it('opens the review (plain Enter only)', () => {
    expect(thumbOpens(key('Enter'))).toBe(true);
    expect(thumbOpens(key('Enter', { ctrlKey: true }))).toBe(false);
    expect(thumbOpens(key('Enter', { metaKey: true }))).toBe(false);
    expect(thumbOpens(key('Enter', { altKey: true }))).toBe(false);
    expect(thumbOpens(key('Enter', { shiftKey: true }))).toBe(false);
    for (const other of [' ', 'Delete', 'ArrowRight', 'a', 'Escape']) expect(thumbOpens(key(other)), other).toBe(false);
  });

  it('moves no focus and removes nothing', () => {
    expect(thumbKey(key('Enter'), 2, 5, 3)).toBeNull();
  });
});
