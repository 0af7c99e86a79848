// Kept apart from persist.ts: a pure rule about pending undos and the time a page was away.

/** A page away for less than this (a reload, a tab reopened) gets its time away back on pending undos. */
export const AWAY_GIVEN_BACK_MS = 120_000;

/**
 * The stored undos with the time the page was away added to each expiry: a reload on a busy
 * machine can take longer than an undo's whole window, and a toast the person could not see
 * should not run out meanwhile. An undo that had run out before the page left stays run out.
 */
export function withTimeAwayBack(list: unknown, leftAt: unknown, now = Date.now()): unknown {
  const away = now - Number(leftAt);
  if (!Array.isArray(list) || !(Number(leftAt) > 0) || !(away > 0 && away < AWAY_GIVEN_BACK_MS)) return list;
  return list.map((item: unknown) =>
    item && typeof item === 'object' && 'expiresAt' in item
      ? { ...item, expiresAt: Number((item as { expiresAt: unknown }).expiresAt) + away }
      : item,
  );
}
