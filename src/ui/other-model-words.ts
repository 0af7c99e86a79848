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
