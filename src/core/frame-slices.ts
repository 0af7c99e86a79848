// The page's one pacer for work it spreads over frames. Background work (a drop of hundreds of
// images being added: files sent to the file-facts worker, thumbnails' object URLs, the store's
// commits) runs in slices that share one small budget per rendered frame: queues that each kept to
// a few milliseconds a task still ran back to back between two frames under 4× CPU throttling
// (frames 100-170 ms apart while a 500-image drop was added), so the budget is the page's, not each
// queue's. A frame turn (ui/frame-turns.ts: a run's locks, a chart, a part of the results; ui/beats.ts:
// thumbnail rows) renders one part of the page, which is then laid out and painted in the next
// frame: it takes a frame's share whole. A frame holds a turn or slices, never both: with three
// pacers each keeping its own count, one frame could take a turn, a beat and its slices at once.

import { yieldToEventLoop } from './yield';

/** ms of background work per frame, all queues together (wall-clock, as the frame delay is) */
export const FRAME_SHARE_MS = 6;
/** a hidden page draws no frames: background work goes on this often without them */
const NO_FRAME_MS = 100;

let windowBegan = -Infinity;
const waiting: (() => void)[] = [];
/** frame turns waiting, in order: each takes the share of a frame of its own */
const turns: (() => void)[] = [];
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
  if (!waiting.length) return void (turns.length && awaitFrame());
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
    const turn = turns.shift();
    // a turn spends this frame's share whole: the slices waiting go on after the next frame
    windowBegan = turn ? -Infinity : performance.now();
    turn?.();
    pump();
  };
  const frames = typeof requestAnimationFrame === 'function';
  // a task posted from a frame callback runs once that frame is drawn
  if (frames) requestAnimationFrame(() => postTask(open));
  // A visible page draws its frames, however late: a turn or slices taken on the timer joined the
  // frame still to be drawn (15 chart and lock turns did in a 4x trace of a run, load 15).
  const late = () => {
    if (globalThis.document?.visibilityState === 'visible') fallback = setTimeout(late, NO_FRAME_MS);
    else open();
  };
  let fallback = setTimeout(late, frames ? NO_FRAME_MS : 0);
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

/**
 * Resolves in a task of its own after a drawn frame, that frame's share all its own (see the file's
 * head): one turn per frame, in the order asked, before any slice of that frame.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    turns.push(resolve);
    if (!pumping) awaitFrame();
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
