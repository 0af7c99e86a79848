import { matchesNow, useMediaQuery } from './media-query';

/**
 * A phone or tablet: a finger for its main pointer and no hover. Such a device has no folders to
 * drag and no folder picker; its file input offers the photo library and the camera. A narrow
 * desktop window still drags folders, so width alone does not decide.
 */
export const PHONE_QUERY = '(hover: none) and (pointer: coarse)';

export const isPhone = (): boolean => matchesNow(PHONE_QUERY);

/** Whether the page is on a phone, kept up to date (a tablet with a keyboard and mouse attached changes). */
export const usePhone = (): boolean => useMediaQuery(PHONE_QUERY);
