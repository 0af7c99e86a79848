import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Gives the focus back to a control that was disabled while it had it, once it is enabled again.
 * For a select whose change starts the work that disables it (the backend select reloads the
 * backbone): Chromium drops a disabled element's focus to the page, and a select cannot ignore
 * changes the way an aria-disabled button ignores presses. Nothing moves if the person has put the
 * focus somewhere else meanwhile.
 */
export function useFocusBack(ref: RefObject<HTMLElement | null>, disabled: boolean): void {
  const held = useRef(false);
  // a layout effect: the control still has the focus in the commit that disables it
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (disabled) {
      held.current = document.activeElement === el;
      return;
    }
    const active = document.activeElement;
    if (held.current && (!active || active === document.body)) el.focus({ preventScroll: true });
    held.current = false;
  }, [ref, disabled]);
}
