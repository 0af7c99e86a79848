import { beforeEach, describe, expect, it } from 'vitest';
import { useUndo, type UndoEntry } from '../src/state/undo';
import { backAt, classPlace, DRAWN_WITHIN_MS, landingAfterUndo, madeFrom, thumbPlace } from '../src/ui/undo-origin';

// an element as much as the hand-over reads of it
const el = (name: string) => ({ name, isConnected: true }) as unknown as HTMLElement & { isConnected: boolean };
let n = 0;
/** an action that offers an undo, as deleteClass does: its toast's id */
const offer = (): string => {
  const id = `o${++n}`;
  const entry: UndoEntry = { id, label: id, expiresAt: 0, state: 'pending' };
  useUndo.setState((s) => ({ entries: [...s.entries, entry] }));
  return id;
};

beforeEach(() => useUndo.setState({ entries: [] }));

describe('an Undo hands the focus to where its action was made, not to a gallery that shows what it put back', () => {
  it("a class deleted on the Data step: its card's name field, not a top loss tile of its images", () => {
    const id = madeFrom(classPlace('tulip'), offer);
    const since = performance.now();
    // Evaluate's top-loss tile comes back first (drawn at once), then the card (a deferred render)
    const tile = el('top loss tile');
    backAt(tile, tile);
    expect(landingAfterUndo(id, since)).toBe('wait');
    const name = el('tulip name field');
    backAt(name, classPlace('tulip'));
    expect(landingAfterUndo(id, since)).toBe(name);
  });

  it("a results tile's Delete: that tile, not the same image's tile in another gallery", () => {
    const tile = el('confusion cell tile');
    const other = el('top loss tile');
    const id = madeFrom(tile, offer);
    const since = performance.now();
    backAt(other, other);
    backAt(tile, tile);
    expect(landingAfterUndo(id, since)).toBe(tile);
  });

  it('an undo made nowhere known, or whose place has left the page, hands the focus back where it was', () => {
    const since = performance.now();
    expect(landingAfterUndo(offer(), since)).toBeNull();
    const tile = el('tile');
    const id = madeFrom(tile, offer);
    tile.isConnected = false;
    expect(landingAfterUndo(id, since)).toBeNull();
  });

  it('waits for a place drawn late only so long', () => {
    const id = madeFrom(thumbPlace('img-1'), offer);
    const since = performance.now();
    expect(landingAfterUndo(id, since, since + 10)).toBe('wait');
    expect(landingAfterUndo(id, since, since + DRAWN_WITHIN_MS + 1)).toBeNull();
  });

  it('an item put back before the Undo was pressed is not where it hands the focus', () => {
    const id = madeFrom(thumbPlace('img-2'), offer);
    const thumb = el('thumb');
    backAt(thumb, thumbPlace('img-2'));
    expect(landingAfterUndo(id, performance.now() + 1)).toBe('wait');
  });

  it('an action that offers no undo notes nothing', () => {
    const id = offer();
    madeFrom(classPlace('none'), () => undefined);
    expect(landingAfterUndo(id, performance.now())).toBeNull();
  });
});
