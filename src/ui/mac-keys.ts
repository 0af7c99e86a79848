import type { UndoKeyNames } from '../state/undo-words';
/** As much of `navigator` as the check reads (userAgentData: Chromium only, and not in every lib.dom). */
export interface NavigatorLike {
  platform?: string;
  userAgent?: string;
  userAgentData?: { platform?: string } | null;
}

/**
 * Whether the keyboard is an Apple one: ⌘Z undoes there, and Alt is ⌥ (Option). An iPad asking for
 * desktop sites says MacIntel, and one with a keyboard has those keys too. The first of the three
 * that says anything decides (Chromium's userAgentData can be empty; platform is deprecated but kept).
 */
export function isMac(nav: NavigatorLike | undefined): boolean {
  if (!nav) return false;
  const said = nav.userAgentData?.platform || nav.platform || nav.userAgent || '';
  return /mac|iphone|ipad|ipod/i.test(said);
}

let mac: boolean | undefined;

/** isMac for this page's browser, read once: it does not change while the page is open. */
export const onMac = (): boolean =>
  (mac ??= isMac(typeof navigator === 'undefined' ? undefined : (navigator as NavigatorLike)));

/** The undo toasts' keys as this keyboard names them (UndoToasts.tsx). */
export interface UndoKeyWords {
  /** the key that takes the focus to the newest toast, shown beside its Undo */
  reach: string;
  /** the newest Undo's tooltip: what that key does, and the key that undoes at once */
  tip: string;
  /** the key that undoes, in aria-keyshortcuts' words (the reach key there is Alt+Z on any keyboard) */
  undo: string;
}

export function undoKeyWords(mac: boolean): UndoKeyWords {
  return mac
    ? {
        reach: '⌥Z',
        // ⌥ alone is not known to everyone: the tooltip names it once
        tip: '⌥Z (Option+Z): jump here from anywhere on the page. ⌘Z: undo the newest.',
        undo: 'Meta+Z',
      }
    : {
        reach: 'Alt+Z',
        tip: 'Alt+Z: jump here from anywhere on the page. Ctrl+Z: undo the newest.',
        undo: 'Control+Z',
      };
}

/** The keys as an undo offer's words say them (state/undo-words.ts): a screen reader reads ⌘ and ⌥ by name. */
export const undoKeyNames = (mac: boolean): UndoKeyNames =>
  mac ? { undo: '⌘Z', reach: '⌥Z' } : { undo: 'Ctrl+Z', reach: 'Alt+Z' };
