import type { StudioEvent } from './protocol';

/** How often a run's per-batch losses cross to the page (ms). */
const EVERY_MS = 200;

/**
 * A run's per-batch events gathered into one 'batches' event at most every EVERY_MS, and before
 * any other event so the order holds. A small head trains a hundred batches a second, and each
 * event was a message the page handled (and answered) on its main thread.
 */
export function batchedEvents(send: (e: StudioEvent) => void) {
  let losses: number[] = [];
  let sent = performance.now();
  const flush = () => {
    if (losses.length) send({ type: 'batches', losses });
    losses = [];
    sent = performance.now();
  };
  return {
    onEvent(e: StudioEvent): void {
      if (e.type !== 'batch') {
        flush();
        return send(e);
      }
      losses.push(e.loss);
      if (performance.now() - sent >= EVERY_MS) flush();
    },
    flush,
  };
}
