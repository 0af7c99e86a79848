/** as much of the stack's element as the decisions read (an Element; a plain object in the tests) */
export interface Container {
  contains(other: unknown): boolean;
}

/**
 * Whether the focus leaves the undo stack for `next` (a blur's relatedTarget: null when it goes to
 * the page or out of the window). While the focus is anywhere inside the stack, every undo in it
 * keeps its time: the "Show N older undos" button went, with the focus, as the toasts behind it ran
 * out (only the toast holding the focus was paused).
 */
export const focusLeavesStack = (stack: Container, next: unknown): boolean => !next || !stack.contains(next);

/** the gap the stack keeps above the window's bottom edge (review.css: .undo-toasts bottom) */
export const STACK_BOTTOM_PX = 16;

/**
 * How much of the window's bottom the fixed stack covers, in CSS px: the page scrolls a control the
 * keyboard reaches clear of it (scroll-padding-bottom), as it does of the sticky header at the top.
 */
export function stackCover(stackHeight: number): number {
  return stackHeight > 0 ? Math.ceil(stackHeight + STACK_BOTTOM_PX) : 0;
}

/**
 * The element the focus was on as it came into the stack, and the elements around it up to `top`
 * (the page's body), recorded then: a removed element's surroundings can no longer be read from it,
 * and the nearest of them still on the page is where the focus goes back to.
 */
export function focusChain<T extends { parentElement: T | null }>(from: T | null, top: unknown): T[] {
  const chain: T[] = [];
  for (let el = from; el && el !== top; el = el.parentElement) chain.push(el);
  return chain;
}

/**
 * Alt+Z (Option+Z on a Mac), by the letter or by the key's place where the layout has no Latin
 * letters: the focus goes to the newest toast, whose undo keeps its time while it has it (Tab took
 * some 40 stops to get there). Browsers, NVDA, JAWS and VoiceOver give it no meaning (Ctrl+Alt+Z
 * turns ChromeVox on: Ctrl excludes it, and AltGr, which is Ctrl+Alt on Windows). In a text field
 * (`typing`) it is the field's unless the key reads as z: Option+Z types Ω there on a Mac.
 */
export function isReachKey(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
  typing: boolean,
): boolean {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return false;
  const latin = /^[a-z]$/i.test(e.key);
  if (typing && !latin) return false;
  return latin ? e.key.toLowerCase() === 'z' : e.code === 'KeyZ';
}

/** The control Alt+Z takes the focus to: the newest toast's Undo, or its close button where it offers none. */
export function newestToastControl(stack: ParentNode | null): HTMLElement | null {
  const newest = stack ? [...stack.querySelectorAll('.undo-toast')].at(-1) : undefined;
  return newest?.querySelector<HTMLElement>('.undo-run') ?? newest?.querySelector<HTMLElement>('.undo-dismiss') ?? null;
}

/**
 * The Undo button of toast `id` when Ctrl+Z is pressed with the focus in the stack: pressed, it hands
 * the focus on as a click on it does. Run straight, the undo took the focused toast away and the
 * focus fell to the page. Null while the focus is elsewhere (the focus stays where the person
 * works) or the toast is folded away.
 */
export function undoButtonInFocus(stack: Element | null, id: string, focused: Element | null): HTMLElement | null {
  if (!stack || !focused || !stack.contains(focused)) return null;
  const toast = [...stack.querySelectorAll('.undo-toast')].find(
    (t) => t.getAttribute('aria-labelledby') === `${id}-label`,
  );
  return toast?.querySelector<HTMLElement>('.undo-run') ?? null;
}
