import { describe, expect, it } from 'vitest';
import { columnsOf, thumbKey } from '../src/ui/thumb-grid';

const press = (key: string, mods: Partial<KeyboardEvent> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("a class card's thumbnails are one tab stop, moved through with the keys", () => {
  it('arrows move by one and by a row, Home and End to the ends, never past them', () => {
    expect(thumbKey(press('ArrowRight'), 2, 24, 6)).toEqual({ to: 3 });
    expect(thumbKey(press('ArrowLeft'), 0, 24, 6)).toEqual({ to: 0 });
    expect(thumbKey(press('ArrowDown'), 2, 24, 6)).toEqual({ to: 8 });
    expect(thumbKey(press('ArrowDown'), 20, 24, 6)).toEqual({ to: 23 });
    expect(thumbKey(press('ArrowUp'), 8, 24, 6)).toEqual({ to: 2 });
    expect(thumbKey(press('Home'), 9, 24, 6)).toEqual({ to: 0 });
    expect(thumbKey(press('End'), 9, 24, 6)).toEqual({ to: 23 });
  });

  it('Delete and Backspace remove the focused image', () => {
    expect(thumbKey(press('Delete'), 3, 24, 6)).toBe('remove');
    expect(thumbKey(press('Backspace'), 3, 24, 6)).toBe('remove');
  });

  it("leaves other keys, and the page's shortcuts (Ctrl+Z, Alt+Z), to the page", () => {
    expect(thumbKey(press('Tab'), 3, 24, 6)).toBeNull();
    expect(thumbKey(press('Enter'), 3, 24, 6)).toBeNull();
    expect(thumbKey(press('z', { ctrlKey: true }), 3, 24, 6)).toBeNull();
    expect(thumbKey(press('Backspace', { metaKey: true }), 3, 24, 6)).toBeNull();
    expect(thumbKey(press('ArrowLeft', { altKey: true }), 3, 24, 6)).toBeNull();
    expect(thumbKey(press('Delete'), 0, 0, 6)).toBeNull();
  });

  it('a row holds the thumbnails level with the first, as they wrap', () => {
    expect(columnsOf([10, 10, 10, 70, 70])).toBe(3);
    expect(columnsOf([10, 10])).toBe(2);
    expect(columnsOf([])).toBe(1);
  });
});
