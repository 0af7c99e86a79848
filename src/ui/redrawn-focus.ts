/** as much of an element as the choice reads (an Element; plain objects in the tests) */
export interface Place<T> {
  closest(selector: string): T | null;
  querySelector(selector: string): T | null;
}

/** what a keyboard user can Tab to (a first guess: a disabled or hidden one does not take the focus, and the next is tried) */
const TABBABLE =
  'a[href], button:not(:disabled), input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled), summary, [tabindex]:not([tabindex="-1"])';

/**
 * Where the focus goes once "Try again" has drawn a crashed part anew (the button goes with the
 * message, and the focus fell to the page): the landmark around the part that takes the focus (a
 * step's region, tabIndex -1) so Tab goes on inside it, else the part's first control. In order;
 * the first that takes the focus has it.
 */
export function redrawnFocus<T>(host: Place<T> | null): (T | null)[] {
  if (!host) return [];
  return [host.closest('[tabindex="-1"]'), host.querySelector(TABBABLE)];
}
