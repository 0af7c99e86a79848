/**
 * A run stage's time left, from its own pace so far: the stages differ too much (an image's
 * features, a fold of the recipe's cross-validation, an epoch) for one rate to say anything of
 * another. Pure: the clock (ms) is passed in.
 */

/** Where the stage under way started: its clock and its count then. */
export interface StageStart {
  key: string;
  at: number;
  done: number;
  /**
   * set at the stage's first step: the pace is measured from there, not from the stage's mount.
   * Features already cached come in one first report (900 of 1000 at once, then the 100 computed
   * one by one), and the wait before the first step is no step's time: from the mount, a run adding
   * 100 images to 900 cached ones read "a few seconds left" while it computed them.
   */
  anchored: boolean;
}

/** Too early to tell before this long and this many done in the stage (the first steps are the slow ones). */
export const MIN_ELAPSED_MS = 2_000;
export const MIN_DONE = 2;
/** Beyond this an estimate from the first few steps is a guess, not an estimate. */
export const MAX_SECONDS = 24 * 3600;

/**
 * The start of the stage under way: anchored at its first step, then the same while it goes on; a
 * new one when another stage starts or its count went back (a fallback's restart: the pace before
 * it says nothing of the new one).
 */
export function stageStart(prev: StageStart | null, key: string, done: number, now: number): StageStart {
  if (!prev || prev.key !== key || done < prev.done) return { key, at: now, done, anchored: false };
  if (!prev.anchored && done > prev.done) return { key, at: now, done, anchored: true };
  return prev;
}

/** Seconds left at the stage's pace since `start`, or null: too early, an unknown total, or over. */
export function secondsLeft(start: StageStart, done: number, total: number | null, now: number): number | null {
  if (!start.anchored || total === null || done >= total) return null;
  const elapsed = now - start.at;
  const progressed = done - start.done;
  if (elapsed < MIN_ELAPSED_MS || progressed < MIN_DONE) return null;
  const seconds = ((total - done) * elapsed) / progressed / 1000;
  return Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_SECONDS ? seconds : null;
}

/**
 * "about 20 s left", "about 2 min left": as precise as an estimate from a changing pace deserves.
 * `spoken`: the units in full, for the progress bar's value text ("s" read out as a letter).
 */
export function estimateWords(seconds: number | null, spoken = false): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 7.5) return 'a few seconds left';
  const unit = (n: number, short: string, long: string) =>
    `about ${n} ${spoken ? `${long}${n === 1 ? '' : 's'}` : short} left`;
  const fives = Math.round(seconds / 5) * 5;
  if (fives < 55) return unit(fives, 's', 'second');
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return unit(minutes, 'min', 'minute');
  return unit(Math.round(seconds / 3600), 'h', 'hour');
}
