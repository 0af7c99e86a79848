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

/**
 * How the kept model's figure compares with this one's. Figures from two splits were measured on
 * different validation images: a webcam project's model from before split version 2 was validated
 * on frames of its own training holds, and "more than this model's" pointed back to it.
 */
export function comparedWith(
  other: { valAccuracy: number; split?: number },
  current: { valAccuracy: number; split?: number },
  pct: (v: number) => string,
): string {
  if ((other.split ?? 1) !== (current.split ?? 1))
    return ', on other validation images (an earlier version of the studio divided training and validation images differently)';
  return other.valAccuracy > current.valAccuracy ? `, more than this model's ${pct(current.valAccuracy)}` : '';
}
