import { gridKeyTarget } from '../core/data/review';

/**
 * What a key pressed on a class card's thumbnail does: move the focus to image `to`, remove the
 * focused image, or nothing (null: the key is the page's). The card's thumbnails are one tab stop
 * (a grid with a roving tabindex): each one's × was a stop of its own, 24 a class, some 100 Tab
 * presses through the Data step.
 */
export function thumbKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  at: number,
  count: number,
  columns: number,
): { to: number } | 'remove' | null {
  // Ctrl+Z, Alt+Z and the browser's own shortcuts stay theirs
  if (e.ctrlKey || e.metaKey || e.altKey || count === 0) return null;
  if (e.key === 'Delete' || e.key === 'Backspace') return 'remove';
  const to = gridKeyTarget(e.key, at, count, columns);
  return to === null ? null : { to };
}

/** How many thumbnails a row holds as laid out (they wrap with the card's width): those level with the first. */
export function columnsOf(tops: readonly number[]): number {
  const first = tops[0];
  const n = tops.findIndex((t) => t !== first);
  return n < 0 ? Math.max(1, tops.length) : n;
}

/**
 * Whether a key pressed on a class card's thumbnail opens the class's review at that image: Enter,
 * as a grid cell's action (the review grid's Enter opens its image large). Modified, it stays the
 * page's and the browser's. Apart from thumbKey, whose moves and removal it leaves as they are.
 */
export const thumbOpens = (e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean =>
  e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;
