import { useSyncExternalStore } from 'react';

/**
 * A phone's width (or a narrow window): the width the styles' phone layout starts at (the
 * `max-width: 720px` media queries). Unlike phone.ts, which asks what the pointer is, this asks
 * only how much room the page has: a narrow desktop window has no more room in its header.
 */
export const NARROW_QUERY = '(max-width: 720px)';

const query = (): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia(NARROW_QUERY) : null);

const isNarrow = (): boolean => query()?.matches ?? false;

function subscribe(changed: () => void): () => void {
  const list = query();
  list?.addEventListener('change', changed);
  return () => list?.removeEventListener('change', changed);
}

/** Whether the page is laid out for a phone's width, kept up to date as the window is resized. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, isNarrow, isNarrow);
}
