/** One class with its probability, as the live bars show it. */
export interface Ranked {
  name: string;
  p: number;
}

export interface Decision {
  /** the claimed class, or null when the top probability is below the threshold ("unknown") */
  label: string | null;
  /** the k most probable classes, most probable first */
  top: Ranked[];
}

/** Classes sorted by probability (ties keep class order), cut to k (k <= 0 or Infinity: all). */
export function topK(classes: readonly string[], probabilities: readonly number[], k: number): Ranked[] {
  const ranked = classes.map((name, i) => ({ name, p: probabilities[i] ?? 0, i }));
  ranked.sort((a, b) => b.p - a.p || a.i - b.i);
  const n = k > 0 ? Math.min(k, ranked.length) : ranked.length;
  return ranked.slice(0, n).map(({ name, p }) => ({ name, p }));
}

/**
 * The "unknown" rule: claim the top class only when its probability is above `threshold`.
 * The slider's ends then mean what they say: 0 always claims a class, 1 never does (a float32
 * softmax can round a confident class to exactly 1).
 */
export function decide(
  classes: readonly string[],
  probabilities: readonly number[],
  threshold: number,
  k: number,
): Decision {
  const top = topK(classes, probabilities, k);
  const best = top[0];
  const label = best && (best.p > threshold || threshold === 0) ? best.name : null;
  return { label, top };
}

/**
 * The "unknown" threshold a model gets until the user sets one: halfway between a guess (1/N, what a
 * model that knows nothing gives each of N classes) and certainty, so the top class must have gone
 * at least half the way from a guess to sure. A fixed 50% could never say "unknown" on two classes
 * (the top one always has at least half) and was barely above a guess on five ("tulip (51%)"); this
 * is 75% on two, 60% on five, 55% on ten. Rounded to the slider's 5% steps, which could not show it
 * otherwise. No model, or a single class (always answered at 100%): the plain majority, 50%.
 */
export function defaultThreshold(classCount: number | null): number {
  if (classCount === null || classCount < 2) return 0.5;
  return Math.round(((1 + 1 / classCount) / 2) * 20) / 20;
}
