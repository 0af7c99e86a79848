/**
 * how long a removal may take to be drawn (a deferred render on a loaded machine) before the focus
 * is left alone; waiting costs one check a frame. 10 s was too short for a Resume on a loaded
 * machine (a CI run beside other browsers took longer to enable the run's Stop, and the focus
 * stayed on the page); the focus never moves once the person has put it somewhere.
 */
const PATIENCE_MS = 30_000;

/**
 * A control that removes its own item (a class's Delete, a thumbnail's ×, a health finding's fix),
 * or disables itself by what it does (the review's Delete selected empties the selection), takes the
 * keyboard focus with it: the browser drops it to the page's body, and the next Tab starts again at
 * the top of the page. Once that is drawn (some lists render deferred), the focus goes to the same
 * control of the item that took the removed one's place (the next one, or the new last), else to the
 * first element a `fallback` selector finds (in the scope first, then the page; selectors in order)
 * once it is drawn and enabled. Nothing moves if the person has put the focus somewhere since. The
 * focus moves without scrolling: a mouse press lands here too; Tab goes on from it.
 *
 * `scope` is a selector for the control's ancestor that outlives the item (the list, or the card that
 * holds it); `peers` selects the controls of the items in it (null: the focus is owed to the fallback
 * alone, as a Resume's to the run's Stop). `handOn.first` names places tried
 * before the peers (an undo toast's: the item put back, where the focus was before the toasts);
 * `handOn.showFallback` scrolls a fallback into view that is out of it (the Data step, 4,000 px
 * above an Undo pressed beside the Evaluate step, was focused out of sight).
 */
export function focusAfterRemoval(
  control: HTMLElement,
  scope: string,
  peers: string | null,
  fallback: string | readonly string[] = [],
  handOn: HandOn = {},
): void {
  const root = control.closest<HTMLElement>(scope);
  const index = root && peers ? [...root.querySelectorAll(peers)].indexOf(control) : -1;
  const until = performance.now() + PATIENCE_MS;
  const focusLost = () => {
    const active = document.activeElement;
    // a modal dialog takes the dropped focus itself (an ancestor of the control) rather than the body
    return !active || active === document.body || active.contains(control);
  };
  const settle = () => {
    // the control first: the focus can be elsewhere until then (a dialog that closes gives it back)
    if (control.isConnected && !control.matches(':disabled')) {
      if (performance.now() < until) requestAnimationFrame(settle);
      return;
    }
    if (!focusLost()) return;
    const first = handOn.first ? handOn.first() : [];
    // what the focus is owed to (a class card an undo put back) is drawn after the control went
    if (first === null) {
      if (performance.now() < until) requestAnimationFrame(settle);
      return;
    }
    for (const place of first) if (land(place)) return;
    const left = root?.isConnected && peers ? [...root.querySelectorAll<HTMLElement>(peers)] : [];
    // :disabled, not .disabled: a button in a disabled fieldset (a run's lock) is not disabled itself
    const usable = left.filter((el) => !el.matches(':disabled'));
    const peer = index >= 0 && usable.length ? usable[Math.min(index, usable.length - 1)] : null;
    const next = peer ?? firstOf([fallback].flat(), root);
    // the fallback may be drawn later than the removal (a new class's card follows deferred)
    if (next) land({ el: next, show: !peer && handOn.showFallback });
    else if (performance.now() < until) requestAnimationFrame(settle);
  };
  requestAnimationFrame(settle);
}

/** A place the focus may go to; `show`: scrolled into view where it is out of it (the item an undo put back). */
export interface Landing {
  el: HTMLElement | null | undefined;
  show?: boolean;
}

export interface HandOn {
  /**
   * tried in order before the peers: the first still on the page that takes the focus has it; null:
   * not yet, asked again next frame
   */
  first?: () => readonly Landing[] | null;
  /** the fallback is not where the person is looking: scrolled into view where it is out of it */
  showFallback?: boolean;
}

/** Whether `el` took the focus (one hidden, inert, disabled or that takes none does not: the next is tried). */
function land({ el, show }: Landing): boolean {
  if (!el?.isConnected || el.matches(':disabled')) return false;
  const { top, bottom } = el.getBoundingClientRect();
  // a control as Tab brings it into view; a region taller than the window (a step) to its top, and
  // only where none of it shows: centred, a step showed the middle of its contents
  const tall = bottom - top > innerHeight;
  el.focus({ preventScroll: !show || tall });
  if (document.activeElement !== el) return false;
  if (show && tall && (bottom <= 0 || top >= innerHeight)) el.scrollIntoView({ block: 'start' });
  return true;
}

/** the first control in `item` that takes the focus, else the item (a results tile's select, once its image is back) */
export function firstControl(item: HTMLElement): HTMLElement {
  const controls = [...item.querySelectorAll<HTMLElement>('button, select, input, a[href], summary')];
  return controls.find((c) => !c.matches(':disabled')) ?? item;
}

/** items an undo put back, newest last, with when and where: an Undo pressed just before hands the focus to one */
const putBackItems: { item: HTMLElement; at: number; place: Place }[] = [];

/** where an action was made: an element that stays on the page (a results tile), else a key the item that comes back is known by */
export type Place = object | string;

/**
 * `item` came back by an undo at `place` (undo-origin.ts: a results tile, a class card, a thumbnail):
 * an Undo pressed in the toasts may hand it the focus, if its action was made there.
 */
export function putBack(item: HTMLElement, place: Place = item): void {
  putBackItems.push({ item, at: performance.now(), place });
  // only the items of the undo just pressed are ever asked for
  if (putBackItems.length > 20) putBackItems.splice(0, putBackItems.length - 20);
}

/**
 * The items an undo put back since `at` (at `place`, where given) that are still on the page, in
 * the order they came back.
 */
export const putBackSince = (at: number, place?: Place): HTMLElement[] =>
  putBackItems
    .filter((p) => p.at >= at && p.item.isConnected && (place === undefined || p.place === place))
    .map((p) => p.item);

function firstOf(selectors: readonly string[], root: HTMLElement | null): HTMLElement | null {
  for (const selector of selectors) {
    // a disabled match cannot take the focus yet (Stop, as the run a Resume started gets going)
    const usable = `${selector}:not(:disabled)`;
    const scoped = root?.isConnected ? root.querySelector<HTMLElement>(usable) : null;
    const found = scoped ?? document.querySelector<HTMLElement>(usable);
    if (found) return found;
  }
  return null;
}

/** A click handler that runs `action` and then hands the focus on (focusAfterRemoval). */
export function handingFocusOn(
  scope: string,
  peers: string | null,
  fallback: string | readonly string[],
  action: () => unknown,
): (e: { currentTarget: HTMLElement }) => void {
  return (e) => {
    focusAfterRemoval(e.currentTarget, scope, peers, fallback);
    action();
  };
}
