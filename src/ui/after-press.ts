/**
 * Runs a change that moves the page once the press that caused it is over. A field left by a click
 * blurs on the press: what leaving it changed (a class name put back took its problem's line off two
 * cards) moved the page between the press and the release, the release landed on something else,
 * and the click (on a card's Delete, say) was lost. Deferred to the release, the click is dispatched
 * first; a blur by the keyboard runs it at once.
 */

let pressed = false;
let waiting: (() => void)[] = [];

function released(): void {
  pressed = false;
  const run = waiting;
  waiting = [];
  // after the click this release dispatches next, in this same input event
  if (run.length) setTimeout(() => run.forEach((f) => f()));
}

if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', () => (pressed = true), { capture: true, passive: true });
  window.addEventListener('pointerup', released, { capture: true, passive: true });
  window.addEventListener('pointercancel', released, { capture: true, passive: true });
}

export function afterPress(change: () => void): void {
  if (pressed) waiting.push(change);
  else change();
}
