import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

// Adding images is offered back (state/add-undo.ts): the same folder dropped twice doubled every
// class, and nothing but deleting the copies one by one took it back.

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { projectStoresEachTest } = await import('./store-harness');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo, savedUndos, dismissUndo } = await import('../src/state/undo');
const { deleteImages, moveImages, reviveUndos, projectUndoContext } = await import('../src/state/project-undo');
const { addImagesUndoable } = await import('../src/state/add-undo');
const { addDropped, mergedNotice } = await import('../src/ui/folderAdding');
const { worker } = await import('./fake-worker');

const file = (n: string) => new File([new Uint8Array([1, 2, 3])], n, { type: 'image/jpeg' });
const image = (id: string) => ({ id, file: file(`${id}.jpg`), url: '' });
const layout = () =>
  useProject.getState().classes.map((c) => `${c.name}: ${c.images.map((i) => i.file.name).join(' ')}`);
const labels = () => useUndo.getState().entries.map((e) => e.label);
const lastUndo = () => useUndo.getState().entries.at(-1)!.id;
/** a drop of folders, each with its files */
const folders = (byFolder: Record<string, string[]>) => ({
  files: Object.entries(byFolder).flatMap(([folder, names]) =>
    names.map((n) => ({ file: file(n), folders: [folder] })),
  ),
  unreadable: [],
});

projectStoresEachTest({
  project: () => ({ adding: null, classes: [{ id: 'c1', name: 'cats', images: [image('a')] }] }),
});

describe('adding images is offered back', () => {
  it('the same folder dropped twice: the undo takes out the second copy only', async () => {
    await addDropped(folders({ dogs: ['d1.jpg', 'd2.jpg'] }));
    await addDropped(folders({ dogs: ['d1.jpg', 'd2.jpg'] }));
    expect(layout()).toEqual(['cats: a.jpg', 'dogs: d1.jpg d2.jpg d1.jpg d2.jpg']);
    expect(labels()).toEqual(['Added 2 images to dogs (a new class)', 'Added 2 images to dogs']);
    expect(await runUndo(lastUndo())).toBe(true);
    expect(layout()).toEqual(['cats: a.jpg', 'dogs: d1.jpg d2.jpg']);
    // the first copy's own undo is still there, and takes the class it made with it
    expect(await runUndo(lastUndo())).toBe(true);
    expect(layout()).toEqual(['cats: a.jpg']);
  });

  it('a drop of several folders is one undo, named by the classes that took them', async () => {
    const forgotten: string[] = [];
    worker.forget = (async (ids: string[]) => void forgotten.push(...ids)) as never;
    await addDropped(folders({ cats: ['c1.jpg'], dogs: ['d1.jpg'], birds: ['b1.jpg', 'b2.jpg'], fish: ['f.jpg'] }));
    expect(labels()).toEqual(['Added 5 images to cats, birds, dogs, … (3 new)']);
    expect(await runUndo(lastUndo())).toBe(true);
    expect(layout()).toEqual(['cats: a.jpg']);
    // nothing brings them back: their cached features go from the worker
    expect(forgotten).toHaveLength(5);
  });

  it('a class the adding made keeps what was moved into it since; the images it added go wherever they are now', async () => {
    await addDropped(folders({ dogs: ['d1.jpg', 'd2.jpg'] }));
    const dogs = useProject.getState().classes[1];
    moveImages(['a'], dogs.id);
    moveImages([dogs.images[0].id], 'c1');
    expect(layout()).toEqual(['cats: d1.jpg', 'dogs: d2.jpg a.jpg']);
    const [adding, ...moves] = useUndo.getState().entries.map((e) => e.id);
    // the move of one of its images is still offered back: it goes first (undone after, it found them gone)
    expect(await runUndo(adding)).toBe(false);
    expect(useUndo.getState().entries[0].error).toBe('1 of its images was moved since: undo that move first');
    for (const id of moves) await dismissUndo(id);
    expect(await runUndo(adding)).toBe(true);
    expect(layout()).toEqual(['cats: ', 'dogs: a.jpg']);
  });

  it('images of it deleted since: the deletion is undone first; deleted for good, the rest is taken out and said', async () => {
    await addDropped(folders({ dogs: ['d1.jpg', 'd2.jpg', 'd3.jpg'] }));
    const [d1, d2] = useProject.getState().classes[1].images.map((i) => i.id);
    deleteImages([d1]);
    const [adding, deletion] = useUndo.getState().entries.map((e) => e.id);
    expect(await runUndo(adding)).toBe(false);
    expect(useUndo.getState().entries[0].error).toBe('1 of its images was deleted since: undo that deletion first');
    await dismissUndo(deletion);
    deleteImages([d2]);
    await dismissUndo(lastUndo());
    expect(await runUndo(adding)).toBe(true);
    expect(layout()).toEqual(['cats: a.jpg']);
    expect(useProject.getState().notice).toBe(
      'Undone: Added 3 images to dogs (a new class), except 2 images deleted since, which were not there to take out.',
    );
  });

  it('every image of it deleted for good: it can no longer be undone', async () => {
    await addImagesUndoable('c1', [file('b.jpg')]);
    const b = useProject.getState().classes[0].images[1].id;
    deleteImages([b]);
    await dismissUndo(lastUndo());
    expect(await runUndo(lastUndo())).toBe(false);
    expect(useUndo.getState().entries[0]).toMatchObject({
      error: 'its images were deleted since',
      withoutUndo: 'for good',
    });
  });

  it("a class's chosen files are offered back; loose images dropped outside a class take their new class with them", async () => {
    await addImagesUndoable('c1', [file('b.jpg'), file('c.jpg')]);
    expect(labels()).toEqual(['Added 2 images to cats']);
    await addDropped({ files: [{ file: file('x.jpg'), folders: [] }], unreadable: [] });
    expect(labels()[1]).toBe('Added 1 image to Class 2 (a new class)');
    expect(useProject.getState().notice).toMatch(/became a new class, "Class 2": give it its name/);
    expect(await runUndo(lastUndo())).toBe(true);
    // what the adding said goes with its images: "give it its name" of a class that is gone
    expect(useProject.getState().notice).toBeNull();
    expect(await runUndo(lastUndo())).toBe(true);
    expect(layout()).toEqual(['cats: a.jpg']);
  });

  it('a folder that joins a class spelt in other capitals says so, beside the toast naming that class', async () => {
    await addDropped(folders({ Cats: ['c1.jpg'] }));
    expect(layout()).toEqual(['cats: a.jpg c1.jpg']);
    expect(labels()).toEqual(['Added 1 image to cats']);
    expect(useProject.getState().notice).toBe(
      'Folder “Cats” joined the class “cats” (a name in other capitals is the same class)',
    );
    await addDropped(folders({ CATS: ['c2.jpg'], Dogs: ['d.jpg'], cats: ['c3.jpg'] }));
    // the folders of one name in this drop are said as before; only "CATS" took another spelling
    expect(useProject.getState().notice).toMatch(
      /\. Folder “CATS” joined the class “cats” \(a name in other capitals is the same class\)$/,
    );
    expect(layout()).toEqual(['cats: a.jpg c1.jpg c2.jpg c3.jpg', 'Dogs: d.jpg']);
    expect(labels().at(-1)).toBe('Added 3 images to cats, Dogs (Dogs new)');
    expect(
      mergedNotice([
        { folder: 'Forest', into: 'forest' },
        { folder: 'SEA', into: 'sea' },
      ]),
    ).toBe('Folders joined the classes of their names in other capitals: “Forest” → “forest”, “SEA” → “sea”');
  });

  it('nothing added, nothing offered', async () => {
    const notes = new File(['notes'], 'readme.txt', { type: 'text/plain' });
    await addDropped({ files: [{ file: notes, folders: ['notes'] }], unreadable: [] });
    expect(labels()).toEqual([]);
  });

  it('a notice said since the adding stays when it is undone', async () => {
    await addDropped({ files: [{ file: file('x.jpg'), folders: [] }], unreadable: [] });
    useProject.getState().setNotice('Something else happened');
    expect(await runUndo(lastUndo())).toBe(true);
    expect(useProject.getState().notice).toBe('Something else happened');
  });

  it('refused while a run uses the project, saying so, and nothing is taken out', async () => {
    await addImagesUndoable('c1', [file('b.jpg')]);
    useProject.setState({ locked: 'Training is using the images' });
    expect(await runUndo(lastUndo())).toBe(false);
    expect(useUndo.getState().entries[0].error).toBe('a run is using these images: undo it once the run has ended');
    expect(layout()).toEqual(['cats: a.jpg b.jpg']);
    useProject.setState({ locked: null });
    expect(await runUndo(lastUndo())).toBe(true);
    expect(layout()).toEqual(['cats: a.jpg']);
  });

  it('after a reload the undo still takes out what was added', async () => {
    await addDropped(folders({ dogs: ['d1.jpg'] }));
    // (the undos earlier tests left pending are held by the page too: this one is the newest)
    const stored = JSON.parse(JSON.stringify(savedUndos().slice(-1)));
    useUndo.setState({ entries: [] });
    projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => stored });
    await reviveUndos();
    expect(labels()).toEqual(['Added 1 image to dogs (a new class)']);
    expect(await runUndo(lastUndo())).toBe(true);
    expect(layout()).toEqual(['cats: a.jpg']);
  });
});
