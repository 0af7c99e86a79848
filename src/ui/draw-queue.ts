import { flushSync } from 'react-dom';

/**
 * Redraws taken one per task. Drawn together, the live charts blocked the main thread 55-125 ms
 * per metrics update; independent timers could still fire back to back and be rendered in one
 * batch. Here each redraw renders and commits alone (flushSync) in its own task, and a chart
 * queued again before its turn keeps its place with only the newest redraw.
 */
const queue = new Map<object, () => void>();
let pumping = false;

function pump(): void {
  const next = queue.entries().next();
  if (next.done) {
    pumping = false;
    return;
  }
  const [key, draw] = next.value;
  queue.delete(key);
  flushSync(draw);
  setTimeout(pump, 0);
}

export function drawSoon(key: object, draw: () => void): void {
  queue.set(key, draw);
  if (!pumping) {
    pumping = true;
    setTimeout(pump, 0);
  }
}
