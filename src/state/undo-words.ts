/** What the undo toasts' one live region says of an offer (state/undo.ts `said`), and who says it. */

// numbered: the same words said twice (two single images deleted) are a new node, so said again
let sayings = 0;
export const say = (text: string) => ({ said: { id: ++sayings, text } });

/** The keys as this keyboard names them; the page says which (ui/mac-keys.ts: ⌘Z and ⌥Z on a Mac). */
export interface UndoKeyNames {
  undo: string;
  reach: string;
}
let keyNames: UndoKeyNames = { undo: 'Ctrl+Z', reach: 'Alt+Z' };
export const nameUndoKeys = (names: UndoKeyNames): void => {
  keyNames = names;
};

/** After an offer's label: for how long, and the keys that undo it and that reach its toast (ui/UndoToasts.tsx). */
export const offeredFor = (ms: number): string =>
  `Undo is offered for ${Math.round(ms / 1000)} seconds (${keyNames.undo} to undo, ${keyNames.reach} to go to it).`;

/** an offer a hold took: said by whoever holds it, with its own account of what was done */
export interface HeldOffer {
  /** its entry's id (state/undo.ts): its words hold while it is offered */
  id: string;
  label: string;
  /** what the offer would have said after its label (offeredFor) */
  words: string;
}

interface Hold {
  wants(saved: unknown): boolean;
  onHeld(offer: HeldOffer): void;
  held: HeldOffer | null;
}

const holds: Hold[] = [];

/**
 * The next offer whose stored description `wants` takes is not said as it is made: its words wait
 * for `release`, for the caller to say them once with its own account. New and Open project were
 * each said twice, the offer's "Opened p.zip. Undo is offered…" and the project bar's "Opened
 * p.zip: 3 classes, 109 images…". `onHeld` is told as it is taken, before what follows the offer.
 */
export function holdOfferSaid(
  wants: (saved: unknown) => boolean,
  onHeld: (offer: HeldOffer) => void,
): { release(): HeldOffer | null } {
  const hold: Hold = { wants, onHeld, held: null };
  holds.push(hold);
  return {
    release() {
      const at = holds.indexOf(hold);
      if (at >= 0) holds.splice(at, 1);
      return hold.held;
    },
  };
}

/** Whether a hold takes this offer's words (state/undo.ts then says nothing of it). */
export function heldBack(id: string, offer: { label: string; saved: unknown }, ms: number): boolean {
  const hold = holds.find((h) => !h.held && h.wants(offer.saved));
  if (!hold) return false;
  hold.held = { id, label: offer.label, words: offeredFor(ms) };
  hold.onHeld(hold.held);
  return true;
}
