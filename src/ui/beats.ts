// What a class card shows while images are added (its rows of thumbnails, each picture as it comes
// from the worker) joins the page in beats: a few changes together after a drawn frame, a few
// times a second. Each one alone made a frame of its own, and any frame that lays out or paints
// part of the page cost 40-90 ms under 4× CPU throttling (style, layout, prepaint and paint of
// the whole document): adding 500 images changed nearly every frame.
import { startTransition, useEffect, useState } from 'react';
import { afterNextFrame } from './after-frame';

/** ms from one beat to the next */
export const BEAT_MS = 150;
/** weight let through per beat, all askers together (a picture weighs 1) */
export const PER_BEAT = 8;

interface Turn {
  weight: number;
  go: () => void;
}
const waiting: Turn[] = [];
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
      // at least one turn a beat, however heavy
      let spent = 0;
      while (waiting.length && (spent === 0 || spent + waiting[0].weight <= PER_BEAT)) {
        const turn = waiting.shift()!;
        spent += turn.weight;
        turn.go();
      }
      if (waiting.length) arm();
    });
  if (wait > 0) setTimeout(beat, wait);
  else beat();
}

/** `go` runs in a coming beat (see the file's head), after the turns asked before it. Returns a cancel. */
export function inBeat(weight: number, go: () => void): () => void {
  const turn = { weight, go };
  waiting.push(turn);
  arm();
  return () => {
    const at = waiting.indexOf(turn);
    if (at >= 0) waiting.splice(at, 1);
  };
}

/**
 * How many of the first `target` of `items` to show: `step` more per beat (as a transition),
 * fewer at once when the target falls. Items join once `ready(item)` has settled for each (their
 * pictures are made); the step after is asked for meanwhile. `ready` must be stable (a
 * module-level function). A card's 24 thumbnails came at once, and every card that came near the
 * screen in the same frame was styled, laid out and painted in it (86 elements a card).
 */
export function useBeatRows<T>(
  items: readonly T[],
  target: number,
  step: number,
  ready: (item: T) => Promise<unknown>,
): number {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (shown >= target) return;
    let live = true;
    let cancel = () => {};
    const next = Math.min(target, shown + step);
    items.slice(next, Math.min(target, next + step)).forEach((item) => void ready(item));
    void Promise.all(items.slice(shown, next).map(ready)).then(() => {
      if (live) cancel = inBeat(next - shown, () => startTransition(() => setShown((n) => Math.max(n, next))));
    });
    return () => {
      live = false;
      cancel();
    };
  }, [items, shown, target, step, ready]);
  return Math.min(shown, target);
}
