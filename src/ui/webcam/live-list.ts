import type { Ranked } from '../../core/live/decision';

/**
 * Up to this many classes the live answer lists every one, as Try it does: a 4-class model's camera
 * listed its top 3 (the default "Show top") where Try it listed all 4, and the two seemed to disagree.
 * Past it, "Show top" keeps a long list short.
 */
export const ALL_CLASSES_UP_TO = 6;

/**
 * The classes the live answer lists, most probable first: all of `top` for a model of up to
 * ALL_CLASSES_UP_TO classes, else the first `topK` (0: all). The saved "Show top" is left as it is:
 * it is the display rule that changed, not what a project keeps.
 */
export function listedClasses(top: readonly Ranked[], topK: number): readonly Ranked[] {
  if (top.length <= ALL_CLASSES_UP_TO || topK <= 0) return top;
  return top.slice(0, topK);
}
