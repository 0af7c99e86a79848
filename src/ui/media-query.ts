import { useCallback, useSyncExternalStore } from 'react';

const list = (query: string): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia(query) : null);

/** Whether a media query matches now (false where there is no matchMedia: Node, the unit tests). */
export const matchesNow = (query: string): boolean => list(query)?.matches ?? false;

/** Whether a media query matches, kept up to date as it changes (a window resized, a mouse attached). */
export function useMediaQuery(query: string): boolean {
  // one subscription per query: a new function each render would unsubscribe and subscribe again
  const subscribe = useCallback(
    (changed: () => void) => {
      const l = list(query);
      l?.addEventListener('change', changed);
      return () => l?.removeEventListener('change', changed);
    },
    [query],
  );
  const now = () => matchesNow(query);
  return useSyncExternalStore(subscribe, now, now);
}
