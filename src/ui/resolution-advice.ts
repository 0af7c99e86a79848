import { findBackboneSpec } from '../core/backbones/registry';

/** Fewer sized images than this say too little about a project's photos to advise on. */
export const ADVICE_MIN_IMAGES = 8;

/** At most this many images are read for their size, spread over the project. */
export const ADVICE_SAMPLE = 101;

export interface ResolutionAdvice {
  /** the backbone advised instead of the selected one, and its name */
  to: string;
  name: string;
  text: string;
}

/** `n` items of `list` spread evenly over it (all of them when it is shorter). */
export function spreadSample<T>(list: readonly T[], n = ADVICE_SAMPLE): T[] {
  if (list.length <= n) return [...list];
  return Array.from({ length: n }, (_, i) => list[Math.floor(((i + 0.5) * list.length) / n)]);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

/** Short sides (the median) from which 320 px paid in docs/accuracy.md, and up to which it lost. */
export const GAINS_FROM_SIDE = 150;
export const LOSES_UNTIL_SIDE = 112;

/**
 * Whether the project's images call for the selected backbone's other input size. The 320-px
 * backbones read the same weights at 320 px; on the tuning suite (docs/accuracy.md, automatic
 * recipe, both backbones, seeds 1-3) that gained on every set whose images are 150 px or more on
 * their short side (imagenette 224 px +1.2, intel-scenes 150 px +0.7, tf-flowers 240 px median
 * +3.6) and lost a point on 100-px hand signs, at about 1.7 times the time per image. So a project
 * whose median image is at least GAINS_FROM_SIDE on a 224-px backbone with a 320-px twin is pointed
 * to the twin, and one at most LOSES_UNTIL_SIDE on a 320-px backbone back to its original. Null:
 * nothing to advise (sizes in between, too few images, no twin).
 */
export function resolutionAdvice(
  sizes: readonly { width?: number; height?: number }[],
  selectedId: string,
): ResolutionAdvice | null {
  const sides = sizes.flatMap((s) => (s.width && s.height ? [Math.min(s.width, s.height)] : []));
  if (sides.length < ADVICE_MIN_IMAGES) return null;
  const side = median(sides);
  const selected = findBackboneSpec(selectedId);
  if (!selected) return null;
  if (selected.inputSize === 224 && side >= GAINS_FROM_SIDE) {
    const twin = findBackboneSpec(`${selectedId}@320`);
    if (!twin) return null;
    return {
      to: twin.id,
      name: twin.name,
      // what it gains and costs in two lines under the picker: how it was measured is in the docs
      text: `Your images are large (half of them ${side} px or more on their short side): ${twin.name} may be up to about 4 points more accurate, but about 1.7× slower.`,
    };
  }
  if (selected.inputSize === 320 && side <= LOSES_UNTIL_SIDE && selectedId.endsWith('@320')) {
    const original = findBackboneSpec(selectedId.slice(0, -'@320'.length));
    if (!original) return null;
    return {
      to: original.id,
      name: original.name,
      text: `Your images are small (half of them ${side} px or less on their short side): ${original.name} is faster, and was a point more accurate on such images in our tests.`,
    };
  }
  return null;
}
