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
export function batchedEvents(send: (e: StudioEvent) => void, everyMs = EVERY_MS) {
  let pending: StudioEvent[] = [];
  let sent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const events = pending;
    pending = [];
    sent = performance.now();
    if (events.length === 1) send(events[0]);
    else if (events.length > 1) send({ type: 'gathered', events });
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
    /** sends what waits; call it when the run ends, however it ends */
    flush,
  };
}
