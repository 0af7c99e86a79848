/**
 * How long after a press on the record button a click still belongs to it. Space and Enter are
 * held (their click is prevented), and a mouse or touch release clicks with a detail of 1; a browser
 * that lets a key's click through gives it detail 0, right after the keydown.
 */
export const HOLD_CLICK_MS = 1000;

/**
 * A click no press on the button made: a screen reader's browse mode, VoiceOver and voice control
 * send only a click (detail 0), so nothing can be held and the click records a burst instead.
 * `sinceHoldMs`: time since the last pointer or key press on the button (Infinity: none).
 */
export function isBareClick(detail: number, sinceHoldMs: number): boolean {
  return detail === 0 && sinceHoldMs >= HOLD_CLICK_MS;
}
