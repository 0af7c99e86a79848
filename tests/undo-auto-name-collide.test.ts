import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

// A class named "Class N" by the page (Add class, a loose drop) could take the name of a deleted
// class whose undo was still offered: the undo then poured the deleted class's images into it, and
// two sets of images silently shared one label.

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { projectStoresEachTest } = await import('./store-harness');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo } = await import('../src/state/undo');
const { deleteClass } = await import('../src/state/project-undo');
const { addDropped } = await import('../src/ui/folderAdding');
const { reinsert } = await import('../src/state/put-back');

const file = (n: string) => new File([new Uint8Array([1, 2, 3])], n, { type: 'image/jpeg' });
const image = (id: string) => ({ id, file: file(`${id}.jpg`), url: '' });
const layout = () =>
  useProject.getState().classes.map((c) => `${c.name}: ${c.images.map((i) => i.file.name).join(' ')}`);
const lastUndo = () => useUndo.getState().entries.at(-1)!.id;
const undoOf = (label: RegExp) => useUndo.getState().entries.find((e) => label.test(e.label))!.id;

projectStoresEachTest({
  project: () => ({
    adding: null,
    classes: [
      { id: 'c1', name: 'cats', images: [image('a')] },
      { id: 'c2', name: 'dogs', images: [image('d')] },
      { id: 'c3', name: 'Class 3', images: [image('x1'), image('x2')] },
    ],
  }),
});

describe('undoing the deletion of a class named like the one the page names next', () => {
  it('a loose drop made "Class 3" meanwhile: the undo brings the deleted class back beside it, not into it', async () => {
    deleteClass('c3');
    await addDropped({
      files: [
        { file: file('new1.jpg'), folders: [] },
        { file: file('new2.jpg'), folders: [] },
      ],
      unreadable: [],
    });
    expect(layout()).toEqual(['cats: a.jpg', 'dogs: d.jpg', 'Class 3: new1.jpg new2.jpg']);
    // the drop is offered back too (state/add-undo.ts): the deletion's undo is the one taken here
    expect(useUndo.getState().entries.map((e) => e.label)).toEqual([
      'Deleted class Class 3 (2 images)',
      'Added 2 images to Class 3 (a new class)',
    ]);
    expect(await runUndo(undoOf(/^Deleted class/))).toBe(true);
    expect(layout()).toEqual(['cats: a.jpg', 'dogs: d.jpg', 'Class 4: x1.jpg x2.jpg', 'Class 3: new1.jpg new2.jpg']);
    // the deleted class comes back under another name: said, so the person is not left to find it
    expect(useProject.getState().notice).toMatch(/"Class 3" came back as "Class 4"/);
  });

  it('Add class made "Class 3" meanwhile and images went into it: they stay apart', async () => {
    deleteClass('c3');
    const made = useProject.getState().addClass();
    await useProject.getState().addImages(made, [file('mine.jpg')]);
    expect(await runUndo(lastUndo())).toBe(true);
    expect(layout()).toEqual(['cats: a.jpg', 'dogs: d.jpg', 'Class 4: x1.jpg x2.jpg', 'Class 3: mine.jpg']);
  });

  it('a class the person named still takes back the images of a deleted class of its name', async () => {
    deleteClass('c2');
    const again = useProject.getState().addClass('Dogs');
    await useProject.getState().addImages(again, [file('new.jpg')]);
    expect(await runUndo(lastUndo())).toBe(true);
    expect(layout()).toEqual(['cats: a.jpg', 'Class 3: x1.jpg x2.jpg', 'Dogs: d.jpg new.jpg']);
  });

  it("a class that was there and was renamed to the deleted one's name keeps its own images apart", async () => {
    deleteClass('c1');
    useProject.getState().renameClass('c2', 'cats');
    expect(await runUndo(lastUndo())).toBe(true);
    // merged, the dogs' image and the cats' were one class "cats" with the dogs' gone, and "Undone" was all it said
    expect(layout()).toEqual(['Class 4: a.jpg', 'cats: d.jpg', 'Class 3: x1.jpg x2.jpg']);
    expect(useProject.getState().notice).toBe(
      'The class "cats" came back as "Class 4": another class is named "cats" now',
    );
  });
});

describe('reinsert, on its own', () => {
  const place = (id: string, name: string) => ({ id, name, index: 0, after: null, before: null });
  it('gives a put-back class of an automatic name a free one, past the names it meets', () => {
    const out = reinsert(
      [
        { id: 'n3', name: 'Class 3', images: [] },
        { id: 'n4', name: 'class 4', images: [] },
      ],
      [],
      [place('old', 'Class 3')],
    );
    expect(out.map((c) => [c.id, c.name])).toEqual([
      ['old', 'Class 5'],
      ['n3', 'Class 3'],
      ['n4', 'class 4'],
    ]);
  });

  it('two deleted classes named alike come back as two classes, not one', () => {
    const out = reinsert([], [], [place('a', 'Class 2'), { ...place('b', 'Class 2'), index: 1, after: 'a' }]);
    expect(out.map((c) => [c.id, c.name])).toEqual([
      ['a', 'Class 2'],
      ['b', 'Class 3'],
    ]);
  });
});
