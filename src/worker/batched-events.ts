import type { StudioEvent } from './protocol';

/** How often a run's events cross to the page (ms). */
const EVERY_MS = 200;

/** Counts where only the newest matters: a later one replaces one still waiting. */
const PROGRESS = new Set<StudioEvent['type']>(['extract', 'warmup', 'recipe']);
/** What the page must hear at once: the model it can use now, where the run went, a new phase. */
const URGENT = new Set<StudioEvent['type']>(['first-model', 'fallback', 'phase']);

/**
 * A run's events gathered into one message at most every EVERY_MS, in their order: per-batch
 * losses into one 'batches' event, progress counts reduced to their newest, epochs and skipped
 * images kept. Every event was a message the page's main thread received and answered (a small
 * head trains a hundred batches a second; extraction reports each image): 1.1 s of long-frame
 * script time under 4× CPU throttling. Urgent events go at once, after what waited before them.
 */
export function batchedEvents(send: (e: StudioEvent) => unknown, everyMs = EVERY_MS) {
  let pending: StudioEvent[] = [];
  let sent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;

  /** what waits, as one message (null: nothing waits); the interval starts again */
  const take = (): StudioEvent | null => {
    if (timer) clearTimeout(timer);
    timer = null;
    const events = pending;
    pending = [];
    sent = performance.now();
    return events.length > 1 ? { type: 'gathered', events } : (events[0] ?? null);
  };
  const flush = () => {
    const message = take();
    if (message) send(message);
  };

  const add = (e: StudioEvent) => {
    const last = pending.at(-1);
    if (e.type === 'batch') {
      if (last?.type === 'batches') last.losses.push(e.loss);
      else pending.push({ type: 'batches', losses: [e.loss] });
    } else if (last && last.type === e.type && PROGRESS.has(e.type)) pending[pending.length - 1] = e;
    else pending.push(e);
  };

  return {
    onEvent(e: StudioEvent): void {
      add(e);
      const wait = everyMs - (performance.now() - sent);
      if (URGENT.has(e.type) || wait <= 0) flush();
      // the newest state reaches the page even when the run goes quiet (a long epoch, cross-validation)
      else timer ??= setTimeout(flush, wait);
    },
    /**
     * Sends what waits (an empty message if nothing does) and resolves once the page has handled it:
     * call it when the run ends, however it ends, before answering. The events go through the
     * callback's own port and the answer through the worker's, and messages on two ports keep no
     * order: a 0.2-s run's answer reached the page before its first model and its batches, which
     * the page then ignored as late. Messages on one port do keep theirs, so when the page has
     * handled this one it has handled every event before it. (`send` through comlink resolves
     * after the page's handler ran; a handler's error is the page's to show, not the run's.)
     */
    async end(): Promise<void> {
      const message = take() ?? { type: 'gathered', events: [] };
      // (a send that throws rather than rejects fails nothing either)
      await Promise.resolve()
        .then(() => send(message))
        .catch(() => {});
    },
  };
}
