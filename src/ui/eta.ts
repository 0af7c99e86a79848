/**
 * A run stage's time left, from its own recent pace: the stages differ too much (an image's
 * features, a fold of the recipe's cross-validation, an epoch) for one rate to say anything of
 * another, and a stage's pace changes as it goes (the machine gets busy, the views join the
 * epochs): from its first step, one that slowed read optimistic for minutes. Pure: the clock (ms)
 * is passed in.
 */

/** One count of the stage and when it came. */
export interface Sample {
  at: number;
  done: number;
}

/** Where the stage under way started: its clock and its count then, and its counts since. */
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
  /** the counts since the first step, oldest first: only the last window's (see `windowFrom`) */
  recent?: readonly Sample[];
}

/** Too early to tell before this long and this many done in the stage (the first steps are the slow ones). */
export const MIN_ELAPSED_MS = 2_000;
export const MIN_DONE = 2;
/** Beyond this an estimate from the first few steps is a guess, not an estimate. */
export const MAX_SECONDS = 24 * 3600;
/**
 * The recent pace: over at least this long and this many counts back from the last one. One late
 * step moves the estimate by about its delay over the window (2.5 s late at two steps a second: a
 * third more, for the 10 s it stays in the window), so a shorter one would jump at every hiccup; a
 * longer one would follow a stage that slowed later. The counts make a window of slow steps
 * (epochs of 10 s) span several of them.
 */
export const WINDOW_MS = 10_000;
export const WINDOW_COUNTS = 8;
/** Counts closer together than this are kept as one (see stageStart). */
const SAMPLE_GAP_MS = 250;

/** The newest sample a full window before the last one (-1: the stage is younger than that). */
function windowFrom(recent: readonly Sample[]): number {
  const last = recent.at(-1)!;
  for (let i = recent.length - 2; i >= 0; i--)
    if (last.at - recent[i].at >= WINDOW_MS && last.done - recent[i].done >= WINDOW_COUNTS) return i;
  return -1;
}

/**
 * The start of the stage under way: anchored at its first step, then the same while it goes on
 * (its counts recorded); a new one when another stage starts or its count went back (a fallback's
 * restart: the pace before it says nothing of the new one).
 */
export function stageStart(prev: StageStart | null, key: string, done: number, now: number): StageStart {
  const recent = prev?.recent ?? [];
  const latest = recent.at(-1)?.done ?? prev?.done ?? 0;
  if (!prev || prev.key !== key || done < latest) return { key, at: now, done, anchored: false };
  if (!prev.anchored)
    return done > prev.done ? { key, at: now, done, anchored: true, recent: [{ at: now, done }] } : prev;
  if (done === latest) return prev;
  // within a quarter second of the count before it, the last one gives way to the new one: a report
  // per image at 100 a second keeps about 4 a second, and the newest count is always there
  const close = recent.length > 1 && now - recent.at(-2)!.at < SAMPLE_GAP_MS;
  const next = [...(close ? recent.slice(0, -1) : recent), { at: now, done }];
  return { ...prev, recent: next.slice(Math.max(0, windowFrom(next))) };
}

/** Counts per ms over the last window, or null while the stage is younger than one. */
function recentPace(recent: readonly Sample[], now: number): number | null {
  const from = windowFrom(recent);
  if (from < 0) return null;
  const first = recent[from];
  const last = recent.at(-1)!;
  // a step not due yet is no slowdown; one overdue is, and the estimate grows while it waits
  const step = (last.at - first.at) / (recent.length - 1 - from);
  const pace = (last.done - first.done) / (Math.max(last.at, now - step) - first.at);
  return Number.isFinite(pace) && pace > 0 ? pace : null;
}

/**
 * Seconds left at the stage's pace over the last window (the whole stage's, from its first step,
 * while it is younger than one), or null: too early, an unknown total, or over.
 */
export function secondsLeft(start: StageStart, done: number, total: number | null, now: number): number | null {
  if (!start.anchored || total === null || done >= total) return null;
  const elapsed = now - start.at;
  const progressed = done - start.done;
  if (elapsed < MIN_ELAPSED_MS || progressed < MIN_DONE) return null;
  const pace = recentPace(start.recent ?? [], now) ?? progressed / elapsed;
  const seconds = (total - done) / pace / 1000;
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
