import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { classesHolding, closeUndoPage, lastUndo, layout, openUndoPage } = await import('./helpers-project-undo');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo } = await import('../src/state/undo');
const { deleteImages, moveImages } = await import('../src/state/project-undo');

const entry = (id: string) => useUndo.getState().entries.find((e) => e.id === id);
let disconnect: () => void;
// each test its own project: the orders kept for one do not carry into the next
let project = 700;

beforeEach(() => {
  project++;
  disconnect = openUndoPage(project, classesHolding({ cats: ['a', 'b', 'c'], dogs: ['d'] }));
});
afterEach(() => closeUndoPage(disconnect));

describe('undoing a move after some of the moved images were deleted', () => {
  it('moves back the ones still there and says how many were deleted since', async () => {
    moveImages(['a', 'b', 'c'], 'c2');
    const move = lastUndo();
    deleteImages(['b']);
    expect(await runUndo(move)).toBe(true);
    expect(layout()).toEqual(['cats: a c', 'dogs: d']);
    expect(useProject.getState().notice).toBe(
      'Undone: Moved 3 images to dogs, except 1 image deleted since, which was not moved back.',
    );
    // the deletion's own undo still brings b back, where it was deleted from
    expect(await runUndo(lastUndo())).toBe(true);
    expect(layout()).toEqual(['cats: a c', 'dogs: d b']);
  });

  it('all of them deleted: refused with the reason, and nothing else is touched', async () => {
    moveImages(['a', 'b'], 'c2');
    const move = lastUndo();
    deleteImages(['a', 'b']);
    expect(await runUndo(move)).toBe(false);
    expect(entry(move)?.error).toBe('the images it moved were deleted since: undo that deletion first');
    expect(layout()).toEqual(['cats: c', 'dogs: d']);
    // the deletion undone first, the move is undone whole
    expect(await runUndo(lastUndo())).toBe(true);
    expect(await runUndo(move)).toBe(true);
    expect(layout()).toEqual(['cats: a b c', 'dogs: d']);
    expect(useProject.getState().notice).toBeNull();
  });
});
