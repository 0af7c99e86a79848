import type { ReactNode } from 'react';
import type { StepId } from './steps';

let flashEnds = 0;
/**
 * Takes the reader to a step picked in the bar, the focus into it. Deploy's sticky column on wide
 * screens is in view already: scrolled into view, it took the page to wherever its place in the grid
 * lay (from Train up to the Model's layer map; from Evaluate hardly at all), the mark moving and the
 * content not. It keeps the page where it is, shows its own column from the start, and is outlined
 * for a moment so the eye finds it.
 */
function bringStep(el: HTMLElement, show?: string) {
  const { top, bottom } = el.getBoundingClientRect();
  const besideThePage = getComputedStyle(el).position === 'sticky' && top < innerHeight && bottom > 0;
  if (!besideThePage) el.scrollIntoView({ block: 'start' });
  else {
    el.scrollTop = 0;
    // the part asked for, whole, if it lay below the column's end (the nearest scroll: the window
    // stays, the column is in view already)
    if (show) el.querySelector(show)?.scrollIntoView({ block: 'nearest' });
    // off and on again, so a second click outlines it anew
    el.removeAttribute('data-flash');
    void el.offsetWidth;
    el.setAttribute('data-flash', '');
    clearTimeout(flashEnds);
    flashEnds = window.setTimeout(() => el.removeAttribute('data-flash'), 1600);
  }
  el.focus({ preventScroll: true });
}

/**
 * Brings a step as a link to it does (bringStep), its hash in the address for a reload to keep.
 * `show`: a selector for a part of Deploy's sticky column to scroll into its view (the step bar's
 * Deploy shows Export once there is a model to export).
 */
export function goToStep(step: StepId, show?: string): void {
  const el = document.getElementById(`step-${step}`);
  if (el) bringStep(el, show);
  history.replaceState(null, '', `#step-${step}`);
}

/**
 * A link inside the page to a step, that goes there as the step bar does: a plain "#step-deploy" let
 * the browser scroll Deploy's sticky column into its place in the grid, and left the focus behind.
 * The step bar marks the step from the hash this sets (StepNav's document click listener runs after).
 */
export function StepLink({ step, children }: { step: StepId; children: ReactNode }) {
  return (
    <a
      href={`#step-${step}`}
      onClick={(e) => {
        e.preventDefault();
        goToStep(step);
      }}
    >
      {children}
    </a>
  );
}
