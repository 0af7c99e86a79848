import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo, savedUndos } = await import('../src/state/undo');
const { moveImages, reviveUndos, projectUndoContext } = await import('../src/state/project-undo');
const { setGenerations } = await import('../src/state/project-generations');
const { closeDatabases } = await import('../src/core/storage/databases');

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
const image = (id: string) => ({ id, file: file(`${id}.png`), url: '' });
const layout = () => useProject.getState().classes.map((c) => `${c.name}: ${c.images.map((i) => i.id).join(' ')}`);
const lastUndo = () => useUndo.getState().entries.at(-1)!.id;
const entry = (id: string) => useUndo.getState().entries.find((e) => e.id === id);
let disconnect: () => void;
// each test its own project: the orders kept for one do not carry into the next
let project = 100;

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  project++;
  setGenerations({ current: project, issued: project });
  Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
  useUndo.setState({ entries: [] });
  useProject.setState({
    locked: null,
    notice: null,
    classes: [
      { id: 'c1', name: 'cats', images: [image('a'), image('b'), image('c')] },
      { id: 'c2', name: 'dogs', images: [image('d')] },
      { id: 'c3', name: 'birds', images: [] },
    ],
  });
  disconnect = connectStores();
});
afterEach(async () => {
  disconnect();
  vi.restoreAllMocks();
  await closeDatabases();
});

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
    useProject.setState({
      classes: [
        { id: 'c1', name: 'cats', images: [image('b'), image('c')] },
        { id: 'c2', name: 'dogs', images: [image('d')] },
        { id: 'c3', name: 'birds', images: [image('a')] },
      ],
    });
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

  it('refused, then the page reloaded a minute later: offered again, not made final', async () => {
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
    // the refused one is offered afresh; the other ran out while the page was away
    expect(labels).toEqual(['Moved 1 image to dogs']);
    expect(useUndo.getState().entries[0].expiresAt).toBeGreaterThan(now + 60_000);
  });
});
