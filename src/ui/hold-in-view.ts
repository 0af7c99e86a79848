/** how long the page must stay still before a held control is let go */
const QUIET_MS = 1_000;
/** the longest a control is held, however much the page keeps changing */
const LONGEST_MS = 5_000;
/** the person moves the page or the focus: it is theirs again */
const LET_GO = ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const;

let held: { keep(): void; end(): void } | null = null;

/**
 * Keeps a control where the person sees it while the page above it changes height. A run folds the
 * training settings above Train and Stop, locks the steps above them a frame apart, and opens the
 * settings again at its end: Stop, focused as a run started, ended 47-64 px above the window, and
 * Train, focused at its end, under the sticky header (the browser's scroll anchoring had anchored on
 * what folded). Each layout of the body scrolls the page by the control's move (a ResizeObserver runs
 * after layout, before paint: nothing is seen to jump) and then clear of the sticky header and the
 * undo toasts (html's scroll-padding). A control out of sight is left alone: the person is looking
 * elsewhere. One control is held at a time.
 */
export function holdInView(el: Element): void {
  if (held) {
    held.keep();
    held.end();
  }
  const view = el.ownerDocument.defaultView;
  if (!view || typeof view.ResizeObserver !== 'function') return;
  const box = el.getBoundingClientRect();
  if (box.bottom <= 0 || box.top >= view.innerHeight) return;
  let top = box.top;
  const keep = () => {
    if (!el.isConnected) return end();
    const moved = el.getBoundingClientRect().top - top;
    if (moved) view.scrollBy({ top: moved });
    el.scrollIntoView({ block: 'nearest' });
    top = el.getBoundingClientRect().top;
  };
  let quiet = setTimeout(() => end(), QUIET_MS);
  const longest = setTimeout(() => end(), LONGEST_MS);
  const observer = new view.ResizeObserver(() => {
    keep();
    clearTimeout(quiet);
    quiet = setTimeout(() => end(), QUIET_MS);
  });
  const self = { keep, end };
  function end() {
    observer.disconnect();
    clearTimeout(quiet);
    clearTimeout(longest);
    for (const type of LET_GO) view!.removeEventListener(type, end, true);
    if (held === self) held = null;
  }
  for (const type of LET_GO) view.addEventListener(type, end, { capture: true, passive: true });
  observer.observe(el.ownerDocument.body);
  held = self;
  keep();
}

/**
 * Holds the focused control in view (holdInView) across a change about to be made to `changing`,
 * unless the focus is inside it or nowhere.
 */
export function holdFocusAcross(changing: Element): void {
  const focused = changing.ownerDocument.activeElement;
  if (focused && focused !== changing.ownerDocument.body && !changing.contains(focused)) holdInView(focused);
}
