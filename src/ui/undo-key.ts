/** The input types a person types text into: each has the browser's own undo of what was typed. */
const TEXT_TYPES = new Set(['text', 'search', 'url', 'email', 'tel', 'password', 'number']);

/**
 * Whether Ctrl+Z on this element is the browser's undo of typing rather than the app's Undo. Only
 * text entry keeps it: a file input, checkbox, radio, button, range or select has no typing to undo,
 * and focus left there after a deletion (the picker just used, a filter ticked) swallowed the app's Undo.
 */
export function keepsOwnUndo(
  target: { tagName?: unknown; isContentEditable?: boolean; type?: unknown } | null | undefined,
): boolean {
  if (!target || typeof target.tagName !== 'string') return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA') return true;
  if (tag !== 'INPUT') return false;
  // an input with no type, or one the browser does not know, is a text box
  const type = typeof target.type === 'string' && target.type ? target.type.toLowerCase() : 'text';
  return TEXT_TYPES.has(type);
}
