/**
 * The name of the offer's button: the visible words first (WCAG 2.5.3, label in name), the details
 * after them. While the switch runs the button shows "Switching…": a name that still offered the
 * model hid the wait from a screen reader.
 */
export function offerButtonName(
  swapping: boolean,
  backbone: string | null | undefined,
  at: string,
  accuracy: string,
): string {
  if (swapping) return `Switching… to the model trained at ${at}, ${accuracy}${backbone ? `, on ${backbone}` : ''}`;
  return `Use that model instead ${backbone ? `(loads ${backbone}), trained` : '(trained'} at ${at}, ${accuracy}${backbone ? '' : ')'}`;
}

/** What a figure was measured on: the split, and the validation images (run-record.ts measuredOn). */
export interface MeasuredFigure {
  valAccuracy: number;
  split?: number;
  /** the validation images counted (a first model stopped early was judged on part of them) */
  images?: { train: number; val: number };
  /** which validation images, with their classes */
  valSet?: string;
}

/**
 * How the kept model's figure compares with this one's. Figures on other validation images do not
 * compare: a webcam project's model from before split version 2 was validated on frames of its own
 * training holds, and a first model kept by a Stop on 16 of the 24 ("100.0% on its 16 validation
 * images, more than this model's 95.8%") pointed back to a model judged on less.
 */
export function comparedWith(other: MeasuredFigure, current: MeasuredFigure, pct: (v: number) => string): string {
  if ((other.split ?? 1) !== (current.split ?? 1))
    return ', on other validation images (an earlier version of the studio divided training and validation images differently)';
  const otherVal = other.images?.val;
  const currentVal = current.images?.val;
  const otherImages =
    (otherVal !== undefined && currentVal !== undefined && otherVal !== currentVal) ||
    (other.valSet !== undefined && current.valSet !== undefined && other.valSet !== current.valSet);
  if (otherImages) return `, not comparable with this model's ${pct(current.valAccuracy)} (other validation images)`;
  return other.valAccuracy > current.valAccuracy ? `, more than this model's ${pct(current.valAccuracy)}` : '';
}
