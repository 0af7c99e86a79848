import { flushSync } from 'react-dom';
import { afterNextFrame } from './after-frame';

/**
 * Page updates taken one per drawn frame: each renders and commits alone (flushSync) in a task
 * posted after a frame (after-frame.ts), and its style, layout and paint fall in the next frame,
 * apart from the others'. Updated together, the controls a run locks (layer map and table,
 * backbone picker, project bar, calibration, class cards…) rendered, restyled and laid out in the
 * Train click's own task: 126 ms of CPU under 4× CPU throttling (79 elements restyled, a layout
 * of the whole document). The live charts redraw in turns too (Charts.tsx). An update queued again
 * before its turn keeps its place with only the newest `run`.
 */
const queue = new Map<object, () => void>();
let pumping = false;

function pump(): void {
  const next = queue.entries().next();
  if (next.done) {
    pumping = false;
    return;
  }
  const [key, run] = next.value;
  queue.delete(key);
  flushSync(run);
  afterNextFrame(pump);
}

/** Runs `run` (a state update) in its turn, a frame after the one before it. */
export function inTurn(key: object, run: () => void): void {
  queue.set(key, run);
  if (!pumping) {
    pumping = true;
    afterNextFrame(pump);
  }
}

/** `key`'s update is no longer wanted (its component left the page). */
export function leaveTurn(key: object): void {
  queue.delete(key);
}
