import type { UndoEntry } from '../state/undo';

/** past this many the older toasts fold into one "Show N more" row: a burst of deletions would otherwise stack off the screen */
export const TOASTS_SHOWN = 3;

/**
 * Which toasts show: all when unfolded, else the newest few and any whose undo runs or failed (a
 * failure must stay in view, it says why the work is still not back).
 */
export function toastStack(entries: readonly UndoEntry[], unfolded: boolean): { shown: UndoEntry[]; folded: number } {
  if (unfolded || entries.length <= TOASTS_SHOWN) return { shown: [...entries], folded: 0 };
  const newest = entries.length - TOASTS_SHOWN;
  const shown = entries.filter((e, i) => i >= newest || e.state !== 'pending');
  return { shown, folded: entries.length - shown.length };
}

/** Ctrl+Y, or Ctrl+Shift+Z (⌘⇧Z on a Mac): the browser's redo, which the app has none of */
export const isRedoKey = (e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>) =>
  (e.ctrlKey || e.metaKey) &&
  !e.altKey &&
  (/^[a-z]$/i.test(e.key) ? e.key.toLowerCase() : e.code === 'KeyZ' ? 'z' : e.code === 'KeyY' ? 'y' : '') ===
    (e.shiftKey ? 'z' : 'y');

/** Ctrl+Z by the letter, or by the key's place where the layout has no Latin letters (Cyrillic, Greek…) */
export const isUndoKey = (e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>) =>
  (e.ctrlKey || e.metaKey) &&
  !e.shiftKey &&
  !e.altKey &&
  (/^[a-z]$/i.test(e.key) ? e.key.toLowerCase() === 'z' : e.code === 'KeyZ');
