// What a class card shows while images are added (its rows of thumbnails, each picture as it comes
// from the worker) joins the page in beats: a few changes together after a drawn frame, a few
// times a second. Each one alone made a frame of its own, and any frame that lays out or paints
// part of the page cost 40-90 ms under 4× CPU throttling (style, layout, prepaint and paint of
// the whole document): adding 500 images changed nearly every frame.
import { startTransition, useEffect, useState } from 'react';
import { afterNextFrame } from './after-frame';

/** ms from one beat to the next */
export const BEAT_MS = 150;
/** weight let through per beat, all askers off screen together (a picture weighs 1); those on screen all go */
export const PER_BEAT = 8;

interface Turn {
  weight: number;
  go: () => void;
  /** whether what it shows is on screen now (asked at the beat) */
  first: () => boolean;
}
const waiting: Turn[] = [];
const never = () => false;

/**
 * The turns a beat lets through, taken out of `waiting`: every one whose `first()` holds (what is
 * on screen: a class card's rows there waited behind the rows of cards scrolled past or below the
 * fold, one row a beat, and were grey for seconds), then the others in the order asked while
 * `budget` lasts, and at least one however heavy.
 */
export function takeTurns<T extends { weight: number; first: () => boolean }>(waiting: T[], budget: number): T[] {
  const ahead = waiting.map((t) => t.first());
  const taken = waiting.filter((_, k) => ahead[k]);
  let spent = taken.reduce((sum, t) => sum + t.weight, 0);
  for (const t of waiting.filter((_, k) => !ahead[k])) {
    if (taken.length && spent + t.weight > budget) break;
    taken.push(t);
    spent += t.weight;
  }
  const left = waiting.filter((t) => !taken.includes(t));
  waiting.splice(0, waiting.length, ...left);
  return taken;
}
let armed = false;
let lastBeat = -Infinity;

function arm(): void {
  if (armed) return;
  armed = true;
  const wait = Math.max(0, lastBeat + BEAT_MS - performance.now());
  const beat = () =>
    afterNextFrame(() => {
      armed = false;
      lastBeat = performance.now();
      for (const turn of takeTurns(waiting, PER_BEAT)) turn.go();
      if (waiting.length) arm();
    });
  if (wait > 0) setTimeout(beat, wait);
  else beat();
}

/**
 * `go` runs in a coming beat (see the file's head), after the turns asked before it, unless `first`
 * (on screen) says it goes ahead of them (takeTurns). Returns a cancel.
 */
export function inBeat(weight: number, go: () => void, first: () => boolean = never): () => void {
  const turn = { weight, go, first };
  waiting.push(turn);
  arm();
  return () => {
    const at = waiting.indexOf(turn);
    if (at >= 0) waiting.splice(at, 1);
  };
}

/**
 * How many of the first `target` items show after a turn that was asked for the row after `shown`
 * (its pictures are in): that row, and on screen every following row whose items are all
 * `ready(k)` by now, so what the person looks at is drawn in a beat or two rather than a row a beat.
 */
export function rowsJoining({
  shown,
  target,
  step,
  ready,
  onScreen,
}: {
  shown: number;
  target: number;
  step: number;
  ready: (k: number) => boolean;
  onScreen: boolean;
}): number {
  let to = Math.min(target, shown + step);
  while (onScreen && to < target) {
    const end = Math.min(target, to + step);
    for (let k = to; k < end; k++) if (!ready(k)) return to;
    to = end;
  }
  return to;
}

/**
 * How many of the first `target` of `items` to show: `step` more per beat (as a transition),
 * fewer at once when the target falls. Items join once `ready(item)` has settled for each (their
 * pictures are made); the step after is asked for meanwhile, and on screen (`onScreen`, asked as
 * the turn is asked and at its beat) all the rest at once, and the turn goes ahead of off-screen
 * ones with every row whose pictures are in (rowsJoining). `ready` and `onScreen` must be stable.
 * A card's 24 thumbnails came at once, and every card that came near the screen in the same frame
 * was styled, laid out and painted in it (86 elements a card).
 */
export function useBeatRows<T extends object>(
  items: readonly T[],
  target: number,
  step: number,
  ready: (item: T) => Promise<unknown>,
  onScreen: () => boolean = never,
): number {
  const [shown, setShown] = useState(0);
  // the items whose `ready` has settled, for the rows a beat adds on screen
  const [settled] = useState(() => new WeakSet<T>());
  useEffect(() => {
    if (shown >= target) return;
    let live = true;
    let cancel = () => {};
    const next = Math.min(target, shown + step);
    const ahead = onScreen() ? target : Math.min(target, next + step);
    items.slice(shown, ahead).forEach((item) => void ready(item).then(() => settled.add(item)));
    void Promise.all(items.slice(shown, next).map(ready)).then(() => {
      if (!live) return;
      const join = () => {
        const to = rowsJoining({ shown, target, step, ready: (k) => settled.has(items[k]), onScreen: onScreen() });
        startTransition(() => setShown((n) => Math.max(n, to)));
      };
      cancel = inBeat(next - shown, join, onScreen);
    });
    return () => {
      live = false;
      cancel();
    };
  }, [items, shown, target, step, ready, onScreen, settled]);
  return Math.min(shown, target);
}
