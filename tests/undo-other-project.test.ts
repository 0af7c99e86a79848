import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installLocalStorage } from './fake-worker';
import {
  backToProject,
  currentProject,
  generations,
  sameProject,
  setGenerations,
} from '../src/state/project-generations';
import {
  dismissUndo,
  newestUndoable,
  NoLongerUndoable,
  offerUndo,
  pauseUndo,
  runUndo,
  savedUndos,
  UNDO_MS,
  useUndo,
  type UndoOffer,
} from '../src/state/undo';

const entry = (id: string) => useUndo.getState().entries.find((e) => e.id === id);
/** the toasts the page shows: those of the project on it */
const shown = () =>
  useUndo
    .getState()
    .entries.filter((e) => !e.otherProject)
    .map((e) => e.label);

function offer(label: string, more: Partial<UndoOffer> = {}) {
  const calls = { undo: 0, finalise: 0 };
  const id = offerUndo({
    label,
    heldImages: [],
    saved: { label },
    undo: () => void calls.undo++,
    finalise: () => void calls.finalise++,
    ...more,
  });
  return { id, calls };
}

/** an undo that works only in the project on the page (a deletion, a move) */
const here = (label: string, more: Partial<UndoOffer> = {}) => offer(label, { project: currentProject(), ...more });

/**
 * New project or Open project: another project takes the page's place, its undo offered as
 * project-replace.ts offers it (in no one project: it works from any); returns the one replaced
 */
function replace(label = 'Started a new project') {
  const before = generations();
  setGenerations({ current: before.issued + 1, issued: before.issued + 1 });
  const { id } = offer(label, { saved: { kind: 'replace', replaced: before.current } });
  return { earlier: before.current, id };
}

beforeEach(() => {
  installLocalStorage();
  setGenerations({ current: 1, issued: 1 });
  useUndo.setState({ entries: [] });
  vi.useFakeTimers();
});
afterEach(async () => {
  for (const e of useUndo.getState().entries) await dismissUndo(e.id);
  vi.useRealTimers();
});

describe("a replaced project's undos are put away until it is back", () => {
  it('are not shown, nor taken by Ctrl+Z, while another project is on the page; they come back with it', async () => {
    const deletion = here('Deleted class cats');
    const { earlier, id: started } = replace();
    expect(shown()).toEqual(['Started a new project']);
    expect(entry(deletion.id)?.otherProject).toBe(true);
    expect(newestUndoable()?.id).toBe(started);
    await dismissUndo(started);
    // nothing else on the page to undo: Ctrl+Z does not reach into the replaced project
    expect(newestUndoable()).toBeUndefined();
    // nor does a click that was under way: nothing is tried, nothing is said to have failed
    expect(await runUndo(deletion.id)).toBe(false);
    expect(deletion.calls.undo).toBe(0);
    expect(entry(deletion.id)?.state).toBe('pending');
    expect(entry(deletion.id)?.error).toBeUndefined();
    backToProject(earlier);
    expect(shown()).toEqual(['Deleted class cats']);
    expect(entry(deletion.id)?.otherProject).toBeFalsy();
    expect(newestUndoable()?.id).toBe(deletion.id);
    expect(await runUndo(deletion.id)).toBe(true);
    expect(deletion.calls.undo).toBe(1);
  });

  it('an undo that works in any project (a brought backbone removed) stays in view across them', () => {
    const removal = offer('Removed the backbone My net');
    replace();
    expect(shown()).toEqual(['Removed the backbone My net', 'Started a new project']);
    expect(entry(removal.id)?.otherProject).toBeFalsy();
  });

  it('an undo revived in a project not on the page is put away at once, and not said', () => {
    const said = useUndo.getState().said;
    const revived = offer('Deleted 2 images from cats', { saved: { kind: 'remove', made: 7 } });
    expect(entry(revived.id)?.otherProject).toBe(true);
    expect(useUndo.getState().said).toEqual(said);
    const mine = offer('Moved 1 image to dogs', { saved: { kind: 'move', made: 1 } });
    expect(entry(mine.id)?.otherProject).toBeFalsy();
  });

  it('their time runs while they are put away: what is not back in time is made final', async () => {
    const deletion = here('Deleted class cats');
    await vi.advanceTimersByTimeAsync(UNDO_MS - 5_000);
    replace();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(deletion.calls.finalise).toBe(1);
    expect(entry(deletion.id)).toBeUndefined();
  });

  it('one held by the pointer or the focus as its toast went away runs again (nothing would let it go)', async () => {
    const deletion = here('Deleted class cats');
    pauseUndo(deletion.id);
    replace();
    await vi.advanceTimersByTimeAsync(UNDO_MS);
    expect(deletion.calls.finalise).toBe(1);
  });

  it('one refused before its project was replaced runs out while put away (no toast is left to close it), and is stored so', async () => {
    let refuse = true;
    const moved = here('Moved 1 image to dogs', {
      undo: () => {
        if (refuse) throw new Error('Training is running: undo once it has stopped');
      },
    });
    expect(await runUndo(moved.id)).toBe(false);
    const { earlier } = replace();
    // its reason stored with its time: the page a reload brings shows it refused once its project is back
    expect(savedUndos()[0]).toEqual({
      expiresAt: expect.any(Number),
      refused: 'Training is running: undo once it has stopped',
      saved: { label: 'Moved 1 image to dogs' },
    });
    await vi.advanceTimersByTimeAsync(UNDO_MS - 1_000);
    // back in time: shown refused again, its reason kept, with no time to run out while it shows
    backToProject(earlier);
    expect(entry(moved.id)).toMatchObject({ state: 'failed', error: 'Training is running: undo once it has stopped' });
    await vi.advanceTimersByTimeAsync(UNDO_MS * 4);
    expect(moved.calls.finalise).toBe(0);
    expect(savedUndos()[0]).toEqual({
      refused: 'Training is running: undo once it has stopped',
      saved: { label: 'Moved 1 image to dogs' },
    });
    refuse = false;
    expect(await runUndo(moved.id)).toBe(true);
    // and put away again, it is made final once its time is out
    const again = here('Deleted 1 image', {
      undo: () => {
        throw new Error('busy');
      },
    });
    await runUndo(again.id);
    replace();
    await vi.advanceTimersByTimeAsync(UNDO_MS);
    expect(again.calls.finalise).toBe(1);
  });
});

describe('an undo that does not say its project, refused in another one', () => {
  /** "Froze the whole backbone": its undo checks the project itself (training-undos.ts) */
  function checking() {
    const made = currentProject();
    const tries = { n: 0 };
    const o = offer('Froze the whole backbone', { undo: () => void (tries.n++, sameProject(made)) });
    return { ...o, tries };
  }

  it('says plainly which undo brings its project back, offers no Undo until then, and is offered afresh once it is back', async () => {
    const freeze = checking();
    const { earlier } = replace();
    expect(await runUndo(freeze.id)).toBe(false);
    expect(entry(freeze.id)).toMatchObject({
      state: 'failed',
      error: 'this belongs to the previous project: undo “Started a new project” first',
      withoutUndo: 'until its project is back',
    });
    expect(useUndo.getState().said?.text).toBe(
      'Froze the whole backbone: undo failed (this belongs to the previous project: undo “Started a new project” first)',
    );
    // Ctrl+Z takes the replacement's undo, not this one again
    expect(newestUndoable()?.label).toBe('Started a new project');
    expect(await runUndo(freeze.id)).toBe(false);
    expect(freeze.tries.n).toBe(1);
    backToProject(earlier);
    expect(entry(freeze.id)).toMatchObject({ state: 'pending', otherProject: undefined, withoutUndo: undefined });
    expect(await runUndo(freeze.id)).toBe(true);
  });

  it('learns its project there: put away with it when another takes its place', async () => {
    const freeze = checking();
    replace();
    await runUndo(freeze.id);
    replace('Opened other.zip');
    expect(entry(freeze.id)?.otherProject).toBe(true);
    await vi.advanceTimersByTimeAsync(UNDO_MS);
    expect(freeze.calls.finalise).toBe(1);
  });

  it('refused until its project is back, then the undo that would bring it back is closed: it says it can no longer be undone', async () => {
    const freeze = checking();
    const other = here('Deleted 1 image');
    const { id } = replace();
    expect(await runUndo(freeze.id)).toBe(false);
    expect(entry(freeze.id)?.withoutUndo).toBe('until its project is back');
    await dismissUndo(id);
    expect(entry(freeze.id)).toMatchObject({
      state: 'failed',
      error: 'it belongs to a project that was replaced',
      withoutUndo: 'for good',
    });
    expect(useUndo.getState().said?.text).toBe(
      'Froze the whole backbone: can no longer be undone (it belongs to a project that was replaced)',
    );
    // the replaced project's own undos, put away, are left to run out as before
    expect(entry(other.id)).toMatchObject({ state: 'pending', otherProject: true });
    // closed, it is made final
    await dismissUndo(freeze.id);
    expect(freeze.calls.finalise).toBe(1);
  });

  it('another undo still brings its project back: the refusal stands, naming it', async () => {
    const freeze = checking();
    const { earlier, id } = replace();
    expect(await runUndo(freeze.id)).toBe(false);
    // a second way back to the same project (an undo revived after a reload, say)
    offer('Opened other.zip', { saved: { kind: 'replace', replaced: earlier } });
    await dismissUndo(id);
    expect(entry(freeze.id)?.withoutUndo).toBe('until its project is back');
  });

  it('its project gone for good (no undo left to bring it back): it can no longer be undone', async () => {
    const freeze = checking();
    const { id } = replace();
    await dismissUndo(id);
    expect(await runUndo(freeze.id)).toBe(false);
    expect(entry(freeze.id)).toMatchObject({
      error: 'it belongs to a project that was replaced',
      withoutUndo: 'for good',
    });
    expect(useUndo.getState().said?.text).toBe(
      'Froze the whole backbone: can no longer be undone (it belongs to a project that was replaced)',
    );
  });
});

describe('an undo that failed for good offers no Undo again', () => {
  it('is kept with its reason, marked lasting, skipped by Ctrl+Z and not tried again', async () => {
    const older = offer('Deleted 1 image');
    let tries = 0;
    const gone = offer('Discarded the interrupted run', {
      undo: () => {
        tries++;
        throw new NoLongerUndoable('a run has started since, and its checkpoints took its place');
      },
    });
    expect(await runUndo(gone.id)).toBe(false);
    expect(entry(gone.id)).toMatchObject({
      state: 'failed',
      withoutUndo: 'for good',
      error: 'a run has started since, and its checkpoints took its place',
    });
    expect(useUndo.getState().said?.text).toBe(
      'Discarded the interrupted run: can no longer be undone (a run has started since, and its checkpoints took its place)',
    );
    expect(newestUndoable()?.id).toBe(older.id);
    expect(await runUndo(gone.id)).toBe(false);
    expect(tries).toBe(1);
    // closing it makes it final, as any other
    await dismissUndo(gone.id);
    expect(gone.calls.finalise).toBe(1);
  });

  it('is stored as lasting, and offered from what was stored it comes back without Undo, and stays', async () => {
    const gone = offer('Discarded the interrupted run', {
      undo: () => {
        throw new NoLongerUndoable('a run has started since, and its checkpoints took its place');
      },
    });
    await runUndo(gone.id);
    const stored = savedUndos().find((u) => (u.saved as { label: string }).label === 'Discarded the interrupted run');
    expect(stored).toEqual({
      refused: 'a run has started since, and its checkpoints took its place',
      withoutUndo: 'for good',
      saved: { label: 'Discarded the interrupted run' },
    });
    await dismissUndo(gone.id);
    // the page a reload brings (state/project-undo.ts reviveUndos gives the marks back so)
    let tries = 0;
    const again = offer('Discarded the interrupted run', {
      undo: () => void tries++,
      refusedBefore: stored!.refused,
      withoutUndoBefore: stored!.withoutUndo,
    });
    expect(entry(again.id)).toMatchObject({ state: 'failed', withoutUndo: 'for good' });
    expect(newestUndoable()).toBeUndefined();
    expect(await runUndo(again.id)).toBe(false);
    await vi.advanceTimersByTimeAsync(UNDO_MS * 4);
    expect(tries).toBe(0);
    expect(again.calls.finalise).toBe(0);
  });

  it('a failure that can pass stays open to another try', async () => {
    let refuse = true;
    const moved = offer('Moved 1 image to dogs', {
      undo: () => {
        if (refuse) throw new Error('Training is running: undo once it has stopped');
      },
    });
    expect(await runUndo(moved.id)).toBe(false);
    expect(entry(moved.id)?.withoutUndo).toBeUndefined();
    expect(newestUndoable()?.id).toBe(moved.id);
    refuse = false;
    expect(await runUndo(moved.id)).toBe(true);
  });
});
