/**
 * A stand-in for src/ui/focus-after-removal.ts that records where each control that removes or
 * disables itself hands the focus on to (`vi.mock('../src/ui/focus-after-removal', () =>
 * import('./hand-on-recorder'))`), read back from `handOns`.
 */
export const handOns: { peers: string; fallback: string | readonly string[] }[] = [];

export const focusAfterRemoval = (): void => undefined;

export function handingFocusOn(_scope: string, peers: string, fallback: string | readonly string[]): () => void {
  handOns.push({ peers, fallback });
  return () => undefined;
}
