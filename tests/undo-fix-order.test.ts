import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { classesHolding, closeUndoPage, file, image, lastUndo, layout, openUndoPage, settled } =
  await import('./helpers-project-undo');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo } = await import('../src/state/undo');
const { deleteClass, deleteImages, moveImages, replaceProject, reviveUndos, projectUndoContext } =
  await import('../src/state/project-undo');

const before = ['cats: a b c', 'dogs: d'];
let disconnect: () => void;
// each test its own project (a reload's page starts with no order kept for it)
let project = 200;

beforeEach(() => {
  project++;
  disconnect = openUndoPage(project, classesHolding({ cats: ['a', 'b', 'c'], dogs: ['d'] }));
});
afterEach(async () => {
  await settled();
  await closeUndoPage(disconnect);
});

/** the page a reload brings: the project as stored (without b), and b's deletion's undo */
async function reloadedWithout(stored: unknown[], classes: ReturnType<typeof useProject.getState>['classes']) {
  useProject.setState({ classes });
  projectUndoContext.connect({
    ...projectUndoContext.get(),
    loadSavedUndos: () => stored,
    storedFiles: async (ids: string[]) => new Map(ids.map((id) => [id, file(`${id}.png`)])),
  });
  await reviveUndos();
}

const bDeleted = () => ({
  expiresAt: Date.now() + 10_000,
  saved: {
    kind: 'remove',
    label: 'Deleted 1 image from cats',
    classes: [],
    images: [
      {
        id: 'b',
        name: 'b.png',
        type: 'image/png',
        classId: 'c1',
        className: 'cats',
        index: 1,
        after: 'a',
        before: 'c',
      },
    ],
    homes: [{ id: 'c1', name: 'cats', index: 0, after: null, before: 'c2' }],
    made: project,
  },
});

describe('undone deletions come back in their order', () => {
  it('b deleted, the page reloaded, then c deleted: undone oldest first, a b c', async () => {
    await reloadedWithout([bDeleted()], classesHolding({ cats: ['a', 'c'], dogs: ['d'] }));
    const revived = lastUndo();
    deleteImages(['c']);
    const second = lastUndo();
    expect(await runUndo(revived)).toBe(true);
    expect(await runUndo(second)).toBe(true);
    expect(layout()).toEqual(before);
  });

  it('the same for a move after the reload, and for a whole class deleted after it', async () => {
    await reloadedWithout([bDeleted()], classesHolding({ cats: ['a', 'c'], dogs: ['d'] }));
    const revived = lastUndo();
    moveImages(['c'], 'c2');
    const moved = lastUndo();
    deleteClass('c1');
    const deleted = lastUndo();
    expect(await runUndo(revived)).toBe(true);
    expect(await runUndo(moved)).toBe(true);
    expect(await runUndo(deleted)).toBe(true);
    expect(layout()).toEqual(before);
  });

  it('b deleted, another project opened and edited, then put back; c deleted: undone oldest first, a b c', async () => {
    deleteImages(['b']);
    const first = lastUndo();
    await replaceProject('Opened other.zip', () =>
      useProject.setState({ classes: [{ id: 'o1', name: 'birds', images: [image('x'), image('y')] }] }),
    );
    deleteImages(['x']);
    const opened = useUndo.getState().entries.find((e) => e.label === 'Opened other.zip')!.id;
    expect(await runUndo(opened)).toBe(true);
    deleteImages(['c']);
    const second = lastUndo();
    expect(await runUndo(first)).toBe(true);
    expect(await runUndo(second)).toBe(true);
    expect(layout()).toEqual(before);
  });

  it('two deletions revived after a reload, the later stored first, then a third: a b c', async () => {
    const cDeleted = {
      expiresAt: Date.now() + 10_000,
      saved: {
        ...bDeleted().saved,
        images: [
          {
            id: 'c',
            name: 'c.png',
            type: 'image/png',
            classId: 'c1',
            className: 'cats',
            index: 2,
            after: 'b',
            before: null,
          },
        ],
      },
    };
    await reloadedWithout([cDeleted, bDeleted()], classesHolding({ cats: ['a'], dogs: ['d'] }));
    const [c, b] = useUndo.getState().entries.map((e) => e.id);
    deleteImages(['a']);
    const a = lastUndo();
    expect(await runUndo(b)).toBe(true);
    expect(await runUndo(c)).toBe(true);
    expect(await runUndo(a)).toBe(true);
    expect(layout()).toEqual(before);
  });
});
