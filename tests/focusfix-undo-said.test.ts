import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dismissUndo, offerUndo, sayUndo, useUndo } from '../src/state/undo';
import { holdOfferSaid, nameUndoKeys, type HeldOffer } from '../src/state/undo-words';
import { undoKeyNames } from '../src/ui/mac-keys';
import { offerTail } from '../src/ui/announce';

const offer = (label: string, kind: string) =>
  offerUndo({ label, heldImages: [], saved: { kind }, undo: () => undefined, finalise: () => undefined });
const isReplacement = (saved: unknown) => (saved as { kind?: unknown } | null)?.kind === 'replace';
const KEYS = 'Undo is offered for 15 seconds (Ctrl+Z to undo, Alt+Z to go to it).';

describe('an undo offer says how to reach its toast', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('Ctrl+Z undoes, Alt+Z goes to it', async () => {
    const id = offer('Deleted 1 image from daisy', 'remove');
    expect(useUndo.getState().said?.text).toBe(`Deleted 1 image from daisy. ${KEYS}`);
    await dismissUndo(id);
  });

  it('on a Mac, ⌘Z undoes and ⌥Z goes to it', async () => {
    nameUndoKeys(undoKeyNames(true));
    try {
      const id = offer('Deleted 1 image from daisy', 'remove');
      expect(useUndo.getState().said?.text).toBe(
        'Deleted 1 image from daisy. Undo is offered for 15 seconds (⌘Z to undo, ⌥Z to go to it).',
      );
      await dismissUndo(id);
    } finally {
      nameUndoKeys(undoKeyNames(false));
    }
  });
});

describe('New and Open project are said once, with what they did and the undo they offer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("a held replacement's offer is not said by the toasts' region: its words go to the project bar's line", async () => {
    const taken: HeldOffer[] = [];
    const hold = holdOfferSaid(isReplacement, (o) => taken.push(o));
    // another undo offered meanwhile is said as ever
    const other = offer('Deleted class cats', 'remove');
    expect(useUndo.getState().said?.text).toMatch(/^Deleted class cats\. Undo is offered/);
    expect(taken).toHaveLength(0);
    const saidThen = useUndo.getState().said;
    const replaced = offer('Opened p.zip', 'replace');
    expect(useUndo.getState().said).toBe(saidThen);
    // told as it is made, before the line that follows it, with the entry it names
    expect(taken).toEqual([{ id: replaced, label: 'Opened p.zip', words: KEYS }]);
    // its toast is up all the same
    expect(useUndo.getState().entries.map((e) => e.id)).toContain(replaced);
    expect(hold.release()).toEqual(taken[0]);
    expect(offerTail('Opened p.zip', taken[0])).toBe(KEYS);
    // released, the next replacement is said by its offer again
    const again = offer('Started a new project', 'replace');
    expect(useUndo.getState().said?.text).toBe(`Started a new project. ${KEYS}`);
    expect(taken).toHaveLength(1);
    for (const id of [other, replaced, again]) await dismissUndo(id);
  });

  it('a release with nothing offered (the project stayed) gives nothing to say', () => {
    expect(holdOfferSaid(isReplacement, () => undefined).release()).toBeNull();
  });

  it("an offer no line followed is said in the toasts' region, a new saying each time", () => {
    const before = useUndo.getState().said!;
    sayUndo('Started a new project. Undo…');
    expect(useUndo.getState().said).toEqual({ id: before.id + 1, text: 'Started a new project. Undo…' });
  });

  it("what the offer's label adds (what its undo cannot bring back) is said too", () => {
    const held = {
      id: 'u1',
      label: 'Started a new project (the model could not be kept for the undo: storage is full)',
      words: 'Undo…',
    };
    expect(offerTail('Started a new project', held)).toBe(
      'The model could not be kept for the undo: storage is full. Undo…',
    );
  });
});
