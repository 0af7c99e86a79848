// Background work on the page (a drop of hundreds of images being added: files sent to the
// file-facts worker, thumbnails' object URLs, the store's commits) in slices that share one small
// budget per rendered frame. Queues that each kept to a few milliseconds a task still ran back to
// back between two frames under 4× CPU throttling (frames 100-170 ms apart while a 500-image drop
// was added): the budget is the page's, not each queue's.

import { yieldToEventLoop } from './yield';

/** ms of background work per frame, all queues together (wall-clock, as the frame delay is) */
export const FRAME_SHARE_MS = 6;
/** a hidden page draws no frames: background work goes on this often without them */
const NO_FRAME_MS = 100;

let windowBegan = -Infinity;
const waiting: (() => void)[] = [];
/** a pump task is queued, or a frame awaited */
let pumping = false;

/** `run` in a task of its own (yield.ts: a message, not setTimeout's 4 ms clamps) */
const postTask = (run: () => void): void => void yieldToEventLoop().then(run);

/**
 * One waiting slice per task while this frame's share lasts (a slice in a task of its own: the
 * tasks stay short even when a unit of work overruns), then the rest after the next frame.
 */
function pump(): void {
  pumping = false;
  if (!waiting.length) return;
  if (sliceOver()) return awaitFrame();
  waiting.shift()!();
  // the others, and this one when it comes back for more, each in a task of its own
  pumping = true;
  postTask(pump);
}

function awaitFrame(): void {
  pumping = true;
  let done = false;
  const open = () => {
    if (done) return;
    done = true;
    // the timer left behind fired later as an empty task of its own, once a frame
    clearTimeout(fallback);
    windowBegan = performance.now();
    pump();
  };
  const frames = typeof requestAnimationFrame === 'function';
  // a task posted from a frame callback runs once that frame is drawn
  if (frames) requestAnimationFrame(() => postTask(open));
  const fallback = setTimeout(open, frames ? NO_FRAME_MS : 0);
}

/**
 * Resolves when a slice of background work may run: in a task of its own, while the share of the
 * frame just drawn lasts. Do one unit of work at least, then more while `sliceOver()` is false,
 * then wait here again.
 */
export function nextSlice(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (pumping) return;
    pumping = true;
    postTask(pump);
  });
}

/** Whether this frame's share of background work is spent. */
export function sliceOver(): boolean {
  return performance.now() - windowBegan >= FRAME_SHARE_MS;
}

/**
 * calls to the browser asked at most at once in a slice. Their answers come back together and the
 * page takes them in one task: a drop's file requests, 16 at once, came back as 30 replies in one
 * task, 50-160 ms of CPU under 4× throttling (load 10); 4 at once keep such a task short.
 */
export const ASKED_AT_ONCE = 4;

/**
 * `ask` for each item, a few at a time per background slice (nextSlice), each part answered
 * together: the files of a dropped or picked folder, where 500 requests back to back were one long
 * frame under 4× CPU throttling. Yields each part's items with their settled answers, in order.
 */
export async function* askInSlices<T, R>(
  items: readonly T[],
  ask: (item: T) => Promise<R>,
): AsyncGenerator<{ items: T[]; answers: PromiseSettledResult<R>[] }> {
  for (let i = 0; i < items.length;) {
    await nextSlice();
    const part: T[] = [];
    const asked: Promise<R>[] = [];
    // asked as the part grows: the asking itself (a call to the browser) spends the slice
    do {
      part.push(items[i]);
      asked.push(ask(items[i++]));
    } while (i < items.length && part.length < ASKED_AT_ONCE && !sliceOver());
    yield { items: part, answers: await Promise.allSettled(asked) };
  }
}
