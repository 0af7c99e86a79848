/**
 * Whether the keyboard focus has fallen to the page: the control that had it left the page (or the
 * focus was never anywhere). The next Tab then starts again at the page's top.
 */
export function focusDropped(active: Element | null, body: Element | null): boolean {
  return !active || active === body || !active.isConnected;
}

/** something that takes the focus (an HTMLElement; a plain object in the tests) */
export interface Focusable {
  focus(options?: FocusOptions): void;
}

/**
 * Puts the focus on the first candidate that takes it (an inert or hidden one does not): `now`
 * reads where the focus is. Returns the one that took it, or null.
 */
export function focusFirst<T extends Focusable>(
  candidates: readonly (T | null | undefined)[],
  now: () => unknown,
  options?: FocusOptions,
): T | null {
  for (const el of candidates) {
    if (!el) continue;
    el.focus(options);
    if (now() === el) return el;
  }
  return null;
}
