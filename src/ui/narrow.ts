import { useMediaQuery } from './media-query';

/**
 * A phone's width (or a narrow window): the width the styles' phone layout starts at (the
 * `max-width: 720px` media queries). Unlike phone.ts, which asks what the pointer is, this asks
 * only how much room the page has: a narrow desktop window has no more room in its header.
 */
export const NARROW_QUERY = '(max-width: 720px)';

/** Whether the page is laid out for a phone's width, kept up to date as the window is resized. */
export const useNarrow = (): boolean => useMediaQuery(NARROW_QUERY);
