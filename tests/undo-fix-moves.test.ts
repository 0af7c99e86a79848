import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { classesHolding, closeUndoPage, lastUndo, layout, openUndoPage } = await import('./helpers-project-undo');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo, savedUndos } = await import('../src/state/undo');
const { moveImages, reviveUndos, projectUndoContext } = await import('../src/state/project-undo');

const entry = (id: string) => useUndo.getState().entries.find((e) => e.id === id);
let disconnect: () => void;
// each test its own project: the orders kept for one do not carry into the next
let project = 100;

beforeEach(() => {
  project++;
  disconnect = openUndoPage(project, classesHolding({ cats: ['a', 'b', 'c'], dogs: ['d'], birds: [] }));
});
afterEach(() => closeUndoPage(disconnect));

describe('two moves of one image, undone oldest first (the toasts top to bottom)', () => {
  const before = ['cats: a b c', 'dogs: d', 'birds: '];

  it('moved to dogs, then to birds: the first undo is refused until the second is undone', async () => {
    moveImages(['a'], 'c2');
    const first = lastUndo();
    moveImages(['a'], 'c3');
    const second = lastUndo();
    expect(await runUndo(first)).toBe(false);
    expect(entry(first)).toMatchObject({
      state: 'failed',
      error: 'a.png was moved again since: undo that move first',
    });
    // it did not put a into cats, where dogs' training would have labelled it wrong
    expect(layout()).toEqual(['cats: b c', 'dogs: d', 'birds: a']);
    expect(await runUndo(second)).toBe(true);
    expect(layout()).toEqual(['cats: b c', 'dogs: d a', 'birds: ']);
    expect(await runUndo(first)).toBe(true);
    expect(layout()).toEqual(before);
  });

  it('moved to dogs, then back to cats by hand: the same, and the image ends where it began', async () => {
    moveImages(['a'], 'c2');
    const first = lastUndo();
    moveImages(['a'], 'c1');
    const second = lastUndo();
    expect(await runUndo(first)).toBe(false);
    expect(await runUndo(second)).toBe(true);
    expect(await runUndo(first)).toBe(true);
    expect(layout()).toEqual(before);
  });

  it('several of its images moved again: says how many', async () => {
    moveImages(['a', 'b'], 'c2');
    const first = lastUndo();
    moveImages(['a', 'b'], 'c3');
    expect(await runUndo(first)).toBe(false);
    expect(entry(first)?.error).toBe('2 of its images were moved again since: undo those moves first');
  });

  it('an image moved away and back into the class this move put it in is undone', async () => {
    moveImages(['a'], 'c2');
    const first = lastUndo();
    moveImages(['a'], 'c3');
    moveImages(['a'], 'c2');
    expect(await runUndo(first)).toBe(true);
    expect(layout()[0]).toBe('cats: a b c');
  });

  it('a move stored before the class it put images in was kept is undone as before', async () => {
    useProject.setState({ classes: classesHolding({ cats: ['b', 'c'], dogs: ['d'], birds: ['a'] }) });
    const stored = [
      {
        expiresAt: Date.now() + 10_000,
        saved: {
          kind: 'move',
          label: 'Moved 1 image to dogs',
          moves: [{ id: 'a', fromClassId: 'c1', index: 0, after: null, before: 'b' }],
          made: project,
        },
      },
    ];
    projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => stored });
    await reviveUndos();
    expect(await runUndo(lastUndo())).toBe(true);
    expect(layout()).toEqual(before);
  });

  it('refused, then the page reloaded a minute later: shown refused again, with its reason, not made final', async () => {
    moveImages(['a'], 'c2');
    const first = lastUndo();
    moveImages(['a'], 'c3');
    expect(await runUndo(first)).toBe(false);
    // (this page's own, not the earlier tests' undos still held)
    const stored = JSON.parse(
      JSON.stringify(savedUndos().filter((u) => (u.saved as { made?: number }).made === project)),
    );
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 60_000);
    useUndo.setState({ entries: [] });
    projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => stored });
    await reviveUndos();
    const labels = useUndo.getState().entries.map((e) => e.label);
    // the refused one comes back refused (it was offered afresh, as if never refused, and ran out 15 s
    // later); the other ran out while the page was away
    expect(labels).toEqual(['Moved 1 image to dogs']);
    expect(useUndo.getState().entries[0]).toMatchObject({
      state: 'failed',
      error: 'a.png was moved again since: undo that move first',
    });
  });
});
