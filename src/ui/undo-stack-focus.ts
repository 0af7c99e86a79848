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
