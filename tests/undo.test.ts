import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  dismissUndo,
  heldImageIds,
  newestUndoable,
  offerUndo,
  pauseUndo,
  resumeUndo,
  runUndo,
  savedUndos,
  startListening,
  UNDO_MS,
  useUndo,
} from '../src/state/undo';

function offer(label: string, held: string[] = []) {
  const calls = { undo: 0, finalise: 0 };
  const id = offerUndo({
    label,
    heldImages: held,
    saved: { label },
    undo: () => void calls.undo++,
    finalise: () => void calls.finalise++,
  });
  return { id, calls };
}

describe('undo store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("says each offer, and an undo's failure, in one live region that is there before any toast", async () => {
    const { id } = offer('Deleted class cats');
    expect(useUndo.getState().said?.text).toBe(
      'Deleted class cats. Undo is offered for 15 seconds (Ctrl+Z to undo, Alt+Z to go to it).',
    );
    // the same words again are said again: a new saying, not the same text left in place
    const once = useUndo.getState().said!.id;
    const again = offer('Deleted class cats').id;
    expect(useUndo.getState().said!.id).not.toBe(once);
    await dismissUndo(again);
    const failing = offerUndo({
      label: 'Moved 3 images',
      heldImages: [],
      saved: {},
      undo: () => {
        throw new Error('the class is gone');
      },
      finalise: () => undefined,
    });
    expect(await runUndo(failing)).toBe(false);
    expect(useUndo.getState().said?.text).toBe('Moved 3 images: undo failed (the class is gone)');
    await Promise.all([dismissUndo(id), dismissUndo(failing)]);
  });

  it('says again, once the live region is there, what was said before it (undos revived at start-up)', async () => {
    useUndo.setState({ listening: false });
    const { id } = offer('Deleted 3 images');
    const before = useUndo.getState().said!;
    startListening();
    const after = useUndo.getState().said!;
    expect(useUndo.getState().listening).toBe(true);
    expect(after.text).toBe(before.text);
    expect(after.id).not.toBe(before.id);
    // once: a second mount (the review dialog's toasts) says nothing twice
    startListening();
    expect(useUndo.getState().said!.id).toBe(after.id);
    await dismissUndo(id);
  });

  it('says an undo that worked: Ctrl+Z from elsewhere gives no other sign', async () => {
    const { id } = offer('Deleted class dogs');
    expect(await runUndo(id)).toBe(true);
    expect(useUndo.getState().said?.text).toBe('Undone: Deleted class dogs.');
  });

  it('keeps an action undoable for its window, then makes it final once', async () => {
    const a = offer('deleted a', ['i1', 'i2']);
    expect(useUndo.getState().entries.map((e) => e.label)).toEqual(['deleted a']);
    expect([...heldImageIds()]).toEqual(['i1', 'i2']);
    expect(savedUndos().map((u) => u.saved)).toEqual([{ label: 'deleted a' }]);
    await vi.advanceTimersByTimeAsync(UNDO_MS - 1);
    expect(a.calls.finalise).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(a.calls.finalise).toBe(1);
    expect(useUndo.getState().entries).toEqual([]);
    expect(heldImageIds().size).toBe(0);
    expect(await runUndo(a.id)).toBe(false);
    expect(a.calls.undo).toBe(0);
  });

  it('an undo taken is never finalised; a dismissed one is final at once', async () => {
    const a = offer('a');
    const b = offer('b');
    expect(await runUndo(a.id)).toBe(true);
    await dismissUndo(b.id);
    await vi.advanceTimersByTimeAsync(UNDO_MS * 2);
    expect(a.calls).toEqual({ undo: 1, finalise: 0 });
    expect(b.calls).toEqual({ undo: 0, finalise: 1 });
  });

  it('pauses while the toast has focus and never resumes with less than a few seconds', async () => {
    const a = offer('a');
    await vi.advanceTimersByTimeAsync(UNDO_MS - 100);
    let changes = 0;
    const unwatch = useUndo.subscribe(() => changes++);
    pauseUndo(a.id);
    // the pause changes the store (so the autosave stores it), and it is stored with the time it had left,
    // not an expiry that a reload long after would find run out
    expect(changes).toBeGreaterThan(0);
    unwatch();
    await vi.advanceTimersByTimeAsync(UNDO_MS * 3);
    expect(a.calls.finalise).toBe(0);
    expect(savedUndos()).toEqual([{ left: 100, saved: { label: 'a' } }]);
    resumeUndo(a.id);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(a.calls.finalise).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(a.calls.finalise).toBe(1);
  });

  it('a failed undo stays offered with its reason', async () => {
    const id = offerUndo({
      label: 'x',
      heldImages: ['k'],
      saved: null,
      undo: () => Promise.reject(new Error('storage gone')),
      finalise: () => undefined,
    });
    expect(await runUndo(id)).toBe(false);
    expect(useUndo.getState().entries.find((e) => e.id === id)).toMatchObject({
      state: 'failed',
      error: 'storage gone',
    });
    expect(heldImageIds().has('k')).toBe(true);
    await dismissUndo(id);
  });

  it('an undo under way is not run again: a second Ctrl+Z or click meanwhile is refused, and Ctrl+Z takes the next one', async () => {
    const older = offer('older');
    let undone = 0;
    let finish = () => undefined as void;
    const slow = offerUndo({
      label: 'slow',
      heldImages: [],
      saved: null,
      undo: () => {
        undone++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      finalise: () => undefined,
    });
    expect(newestUndoable()?.id).toBe(slow);
    const first = runUndo(slow);
    expect(await runUndo(slow)).toBe(false);
    expect(undone).toBe(1);
    // the newest not already being undone
    expect(newestUndoable()?.id).toBe(older.id);
    finish();
    expect(await first).toBe(true);
    expect(useUndo.getState().entries.map((e) => e.label)).toEqual(['older']);
    await dismissUndo(older.id);
    expect(newestUndoable()).toBeUndefined();
  });

  it('an undo under way does not run out when its toast loses the pointer, nor end when it is dismissed, meanwhile', async () => {
    let finish = () => undefined as void;
    let finalised = 0;
    const id = offerUndo({
      label: 'slow',
      heldImages: [],
      saved: null,
      undo: () => new Promise<void>((resolve) => (finish = resolve)),
      finalise: () => void finalised++,
    });
    pauseUndo(id);
    const undoing = runUndo(id);
    resumeUndo(id);
    await vi.advanceTimersByTimeAsync(UNDO_MS * 2);
    await dismissUndo(id);
    expect(finalised).toBe(0);
    finish();
    expect(await undoing).toBe(true);
  });
});
