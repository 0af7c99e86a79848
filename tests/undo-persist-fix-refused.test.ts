import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { classesHolding, closeUndoPage, lastUndo, layout, openUndoPage } = await import('./helpers-project-undo');
const { useUndo, runUndo, savedUndos, resumeUndo } = await import('../src/state/undo');
const { moveImages, reviveUndos, projectUndoContext } = await import('../src/state/project-undo');

const entry = (id: string) => useUndo.getState().entries.find((e) => e.id === id);
let disconnect: () => void;
let project = 800;

beforeEach(() => {
  project++;
  disconnect = openUndoPage(project, classesHolding({ cats: ['a', 'b'], dogs: ['d'], birds: [] }));
});
afterEach(async () => {
  vi.useRealTimers();
  await closeUndoPage(disconnect);
});

/** the page reloaded with this page's own undos as it stored them (not the earlier tests' still held) */
async function reload() {
  const stored = JSON.parse(
    JSON.stringify(savedUndos().filter((u) => (u.saved as { made?: number }).made === project)),
  );
  useUndo.setState({ entries: [] });
  projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => stored });
  await reviveUndos();
  return stored;
}

describe('an undo refused before a reload', () => {
  it('is stored with its reason, and comes back refused with it: no fresh window that runs out', async () => {
    moveImages(['a'], 'c2');
    const first = lastUndo();
    moveImages(['a'], 'c3');
    expect(await runUndo(first)).toBe(false);
    const stored = await reload();
    expect(stored[0]).toEqual({
      refused: 'a.png was moved again since: undo that move first',
      saved: expect.objectContaining({ label: 'Moved 1 image to dogs' }),
    });
    const again = useUndo.getState().entries[0].id;
    expect(entry(again)).toMatchObject({
      label: 'Moved 1 image to dogs',
      state: 'failed',
      error: 'a.png was moved again since: undo that move first',
    });
    expect(useUndo.getState().said?.text).toMatch(/^Moved 1 image to birds\. Undo is offered/);
    vi.useFakeTimers();
    resumeUndo(again);
    await vi.advanceTimersByTimeAsync(60_000);
    // still there, refused, with nothing left to run out
    expect(entry(again)?.state).toBe('failed');
    vi.useRealTimers();
    // stored again as refused, not with a window
    expect(savedUndos().find((u) => (u.saved as { made?: number }).made === project)).toMatchObject({
      refused: 'a.png was moved again since: undo that move first',
    });
    // what refused it goes (a moved back by hand): it is taken
    moveImages(['a'], 'c2');
    expect(await runUndo(again)).toBe(true);
    expect(layout()).toEqual(['cats: a b', 'dogs: d', 'birds: ']);
  });

  it('says so as it comes back, with the reason', async () => {
    moveImages(['b'], 'c2');
    const first = lastUndo();
    moveImages(['b'], 'c3');
    await runUndo(first);
    // only the refused one comes back: the other is made final here
    useUndo.setState({ entries: useUndo.getState().entries.filter((e) => e.id === first) });
    await reload();
    expect(useUndo.getState().said?.text).toBe(
      'Moved 1 image to dogs: undo failed before the page reloaded (b.png was moved again since: undo that move first). It stays until you undo it or close it.',
    );
  });
});
