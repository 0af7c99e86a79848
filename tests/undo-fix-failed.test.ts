import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dismissUndo, offerUndo, pauseUndo, resumeUndo, runUndo, savedUndos, useUndo } from '../src/state/undo';

const REFUSAL = 'A run is using the project that replaced it: undo when the run has ended.';

/** an undo refused while a run uses the project that replaced it ("Opened other.zip") */
function refusing(label: string) {
  const calls = { finalise: 0 };
  let refuse = true;
  const id = offerUndo({
    label,
    heldImages: [],
    saved: { label },
    undo: () => {
      if (refuse) throw new Error(REFUSAL);
    },
    finalise: () => void calls.finalise++,
  });
  return { id, calls, allow: () => (refuse = false) };
}
const entry = (id: string) => useUndo.getState().entries.find((e) => e.id === id);
const storedAs = (label: string) => savedUndos().find((u) => (u.saved as { label: string }).label === label);

describe('a refused undo stays until it is taken or closed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('clicked with the pointer over its toast: the pointer leaving does not start its time again', async () => {
    const r = refusing('Opened a.zip');
    pauseUndo(r.id); // pointerenter
    expect(await runUndo(r.id)).toBe(false);
    resumeUndo(r.id); // pointerleave
    pauseUndo(r.id);
    resumeUndo(r.id);
    await vi.advanceTimersByTimeAsync(60_000); // the run goes on a minute
    expect(r.calls.finalise).toBe(0);
    // no longer shown (nor stored) as held by the pointer
    expect(entry(r.id)).toMatchObject({ state: 'failed', paused: false });
    expect(storedAs('Opened a.zip')).toEqual({ refused: REFUSAL, saved: { label: 'Opened a.zip' } });
    // taken once the run has ended
    r.allow();
    expect(await runUndo(r.id)).toBe(true);
    expect(r.calls.finalise).toBe(0);
  });

  // (it was stored with a fresh window: the page a reload brought offered it as if never refused, and made it final 15 s later)
  it('is stored refused, with its reason: the page a reload brings shows it refused, and does not finalise it', async () => {
    const r = refusing('Opened b.zip');
    expect(await runUndo(r.id)).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(storedAs('Opened b.zip')).toEqual({ refused: REFUSAL, saved: { label: 'Opened b.zip' } });
    await dismissUndo(r.id);
    expect(r.calls.finalise).toBe(1);
  });

  it('an undo that was never refused is still stored with its expiry', () => {
    const r = refusing('Opened c.zip');
    expect(storedAs('Opened c.zip')).toEqual({ expiresAt: entry(r.id)!.expiresAt, saved: { label: 'Opened c.zip' } });
    void dismissUndo(r.id);
  });
});
