/** how long a removal may take to be drawn (a deferred render under load) before the focus is left alone */
const PATIENCE_MS = 3000;

/**
 * A control that removes its own item (a class's Delete, a thumbnail's ×, a health finding's fix)
 * takes the keyboard focus with it: the browser drops it to the page's body, and the next Tab starts
 * again at the top of the page. Once the removal is drawn (some lists render deferred), the focus
 * goes to the same control of the item that took the removed one's place (the next one, or the new
 * last), else to the element `fallback` selects (in the scope first, then the page) once it is drawn. Nothing moves if the person has put the focus somewhere since.
 *
 * `scope` is a selector for the control's ancestor that outlives the item (the list, or the card that
 * holds it); `peers` selects the controls of the items in it.
 */
export function focusAfterRemoval(control: HTMLElement, scope: string, peers: string, fallback?: string): void {
  const root = control.closest<HTMLElement>(scope);
  const index = root ? [...root.querySelectorAll(peers)].indexOf(control) : -1;
  const until = performance.now() + PATIENCE_MS;
  const focusLost = () => {
    const active = document.activeElement;
    return !active || active === document.body || active === control;
  };
  const settle = () => {
    if (!focusLost()) return;
    if (control.isConnected) {
      if (performance.now() < until) requestAnimationFrame(settle);
      return;
    }
    const left = root?.isConnected ? [...root.querySelectorAll<HTMLElement>(peers)] : [];
    const usable = left.filter((el) => !(el as HTMLButtonElement).disabled);
    const next =
      index >= 0 && usable.length
        ? usable[Math.min(index, usable.length - 1)]
        : fallback
          ? (root?.querySelector<HTMLElement>(fallback) ?? document.querySelector<HTMLElement>(fallback))
          : null;
    // the fallback may be drawn later than the removal (a new class's card follows deferred)
    if (next) next.focus();
    else if (performance.now() < until) requestAnimationFrame(settle);
  };
  requestAnimationFrame(settle);
}
