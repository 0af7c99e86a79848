import { useLayoutEffect, useState, type RefObject } from 'react';
import type { HeldOffer } from '../state/undo-words';

/**
 * A progress line redrawn every 200 ms (a run's status, a sweep's steps, images being added) read
 * out at each change is a screen reader talking without pause, over everything else the person
 * does. Heard instead: each new stage at once, and its progress again only once the last words said
 * are this many milliseconds old.
 */
export const MILESTONE_GAP_MS = 5_000;

export interface Announcer {
  /**
   * What to say now (null: nothing) of `text`, shown for `stage` at `now` (ms). With `milestones`
   * false a stage is said once, when it starts, however its text changes afterwards (a count that
   * the camera moves 10 times a second).
   */
  offer(stage: string, text: string, now: number, milestones?: boolean): string | null;
}

export function createAnnouncer(gapMs = MILESTONE_GAP_MS): Announcer {
  let stage: string | null = null;
  let said = '';
  let saidAt = -Infinity;
  return {
    offer(next, text, now, milestones = true) {
      const newStage = next !== stage;
      if (stage === null) {
        // what is on the page as it comes counts as read: its progress goes on from there
        stage = next;
        said = text;
        saidAt = now;
        return null;
      }
      stage = next;
      if (!text || text === said) return null;
      if (!newStage && (!milestones || now - saidAt < gapMs)) return null;
      said = text;
      saidAt = now;
      return text;
    },
  };
}

/**
 * Makes a visible status line a live region only for the updates createAnnouncer picks: rendered
 * with aria-live="off", it is switched to "polite" in the commit whose words are to be said and off
 * again in the next (both before the browser updates its accessibility tree, which reads the
 * attribute with the new words). One element, not a hidden copy of the line: a copy made every
 * status line's words appear twice on the page. `text` is the line's words.
 */
export function useThrottledLive(
  region: RefObject<HTMLElement | null>,
  stage: string,
  text: string,
  milestones = true,
): void {
  const [announcer] = useState(createAnnouncer);
  useLayoutEffect(() => {
    const say = announcer.offer(stage, text, performance.now(), milestones);
    region.current?.setAttribute('aria-live', say === null ? 'off' : 'polite');
  }, [announcer, region, stage, text, milestones]);
}

/**
 * What the line the page shows of an action (New and Open project) says after its own words, read
 * with them as one: what the undo's label adds to `base` (what its undo cannot bring back), then how
 * long Undo is offered and its keys (state/undo-words.ts holds them back from the toasts' region).
 */
export function offerTail(base: string, offer: HeldOffer): string {
  const added = offer.label.startsWith(base) ? offer.label.slice(base.length).trim() : '';
  const note = added.replace(/^\((.*)\)$/, '$1');
  return note ? `${note.charAt(0).toUpperCase()}${note.slice(1)}. ${offer.words}` : offer.words;
}
