import { useSyncExternalStore } from 'react';

/**
 * A phone or tablet: a finger for its main pointer and no hover. Such a device has no folders to
 * drag and no folder picker; its file input offers the photo library and the camera. A narrow
 * desktop window still drags folders, so width alone does not decide.
 */
export const PHONE_QUERY = '(hover: none) and (pointer: coarse)';

const query = (): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia(PHONE_QUERY) : null);

export const isPhone = (): boolean => query()?.matches ?? false;

function subscribe(changed: () => void): () => void {
  const list = query();
  list?.addEventListener('change', changed);
  return () => list?.removeEventListener('change', changed);
}

/** Whether the page is on a phone, kept up to date (a tablet with a keyboard and mouse attached changes). */
export function usePhone(): boolean {
  return useSyncExternalStore(subscribe, isPhone, isPhone);
}
