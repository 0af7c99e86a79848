import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { projectStoresEachTest } = await import('./store-harness');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo, savedUndos } = await import('../src/state/undo');
const { deleteClass, deleteImages, moveImages, replaceProject, reviveUndos, projectUndoContext } =
  await import('../src/state/project-undo');
const { emptyProject } = await import('../src/state/coordinator');
const { keepLastModel } = await import('../src/core/storage/model-writer');
const {
  keepImportedModel,
  keepStartingPoint,
  loadImportedModel,
  loadPreviousModel,
  loadSavedModel,
  loadStartingPoint,
} = await import('../src/state/model-store');
const { forgetTrained } = await import('../src/state/trained-stash');
const { MAX_PROJECT_IMAGES } = await import('../src/core/project/project-limits');
const { useTraining } = await import('../src/state/training');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
const image = (id: string) => ({ id, file: file(`${id}.png`), url: '' });
const layout = () => useProject.getState().classes.map((c) => `${c.name}: ${c.images.map((i) => i.id).join(' ')}`);
const lastUndo = () => useUndo.getState().entries.at(-1)!.id;
const undoOf = (label: RegExp) => useUndo.getState().entries.find((e) => label.test(e.label))!.id;
/** the writes the page left running (fire and forget) have ended */
const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

projectStoresEachTest({
  project: () => ({
    classes: [
      { id: 'c1', name: 'cats', images: [image('a'), image('b'), image('c')] },
      { id: 'c2', name: 'dogs', images: [image('d')] },
    ],
  }),
});

describe('project undo puts the project back through the project store (putBack)', () => {
  const before = ['cats: a b c', 'dogs: d'];

  it('deleted images and a deleted class come back at their old places', async () => {
    deleteImages(['b']);
    deleteClass('c2');
    expect(layout()).toEqual(['cats: a c']);
    await runUndo(lastUndo());
    await runUndo(lastUndo());
    expect(layout()).toEqual(before);
  });

  it('deleted images do not come back past the images a project holds; deleting others first lets them', async () => {
    deleteClass('c2');
    const fill = Array.from({ length: MAX_PROJECT_IMAGES - 3 }, (_, i) => image(`f${i}`));
    useProject.getState().addClass('full');
    const full = useProject.getState().classes.at(-1)!.id;
    useProject.setState((s) => ({ classes: s.classes.map((c) => (c.id === full ? { ...c, images: fill } : c)) }));
    expect(await runUndo(lastUndo())).toBe(false);
    expect(useUndo.getState().entries.at(-1)!.error).toBe(
      'the project holds 10,000 images now and can hold at most 10,000: delete 1 first',
    );
    deleteImages(['f0']);
    const dogs = useUndo.getState().entries[0].id;
    expect(await runUndo(dogs)).toBe(true);
    expect(layout()[1]).toBe('dogs: d');
  });

  it('a deletion is undone only into its own project: put away after Open project, back and done once that is undone', async () => {
    deleteClass('c2');
    const deletion = lastUndo();
    await replaceProject('Opened other.zip', () =>
      useProject.setState({ classes: [{ id: 'o1', name: 'birds', images: [image('x')] }] }),
    );
    const opening = lastUndo();
    // a run on the opened project: it cannot be put back under it
    useProject.setState({ locked: 'run' });
    expect(await runUndo(opening)).toBe(false);
    expect(useUndo.getState().entries.find((e) => e.id === opening)).toMatchObject({
      state: 'failed',
      error: 'A run is using the project that replaced it: undo when the run has ended.',
    });
    expect(layout()).toEqual(['birds: x']);
    useProject.setState({ locked: null });
    // no toast for it while the opened project is on the page; reached all the same, nothing is tried
    const deletionEntry = () => useUndo.getState().entries.find((e) => e.id === deletion);
    expect(deletionEntry()).toMatchObject({ otherProject: true, state: 'pending' });
    expect(await runUndo(deletion)).toBe(false);
    expect(deletionEntry()).toMatchObject({ otherProject: true, state: 'pending' });
    expect(layout()).toEqual(['birds: x']);
    await runUndo(opening);
    expect(layout()).toEqual(['cats: a b c']);
    expect(deletionEntry()?.otherProject).toBeFalsy();
    expect(await runUndo(deletion)).toBe(true);
    expect(layout()).toEqual(before);
  });

  it('after a reload the undos still tell the projects apart: the deletion made before Open project stays put away', async () => {
    deleteClass('c2');
    await replaceProject('Opened other.zip', () =>
      useProject.setState({ classes: [{ id: 'o1', name: 'birds', images: [image('x')] }] }),
    );
    // the page goes away with both undos pending; the next page brings them back from what was stored
    const stored = JSON.parse(JSON.stringify(savedUndos()));
    useUndo.setState({ entries: [] });
    projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => stored });
    await reviveUndos();
    const [deletion, opening] = useUndo.getState().entries.map((e) => e.id);
    expect(useUndo.getState().entries.map((e) => !!e.otherProject)).toEqual([true, false]);
    expect(await runUndo(deletion)).toBe(false);
    expect(layout()).toEqual(['birds: x']);
    await runUndo(opening);
    expect(await runUndo(deletion)).toBe(true);
    // (their image files would come from storage, which this test's autosave never wrote)
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats', 'dogs']);
  });

  it('moved images go back to the class they came from, at their old index', async () => {
    moveImages(['a', 'c'], 'c2');
    expect(layout()).toEqual(['cats: b', 'dogs: d a c']);
    await runUndo(lastUndo());
    expect(layout()).toEqual(before);
  });

  it('a move whose class was deleted since brings that class back where it was, and its deletion then fills it again', async () => {
    useProject.getState().addClass('birds');
    moveImages(['a'], 'c2');
    deleteClass('c1');
    expect(layout()).toEqual(['dogs: d a', 'birds: ']);
    expect(await runUndo(undoOf(/^Moved/))).toBe(true);
    expect(layout()).toEqual(['cats: a', 'dogs: d', 'birds: ']);
    expect(await runUndo(undoOf(/^Deleted class/))).toBe(true);
    expect(layout()).toEqual([...before, 'birds: ']);
  });

  it('a move whose images were deleted since is refused with what to do, and done once that deletion is undone', async () => {
    moveImages(['a'], 'c2');
    deleteImages(['a']);
    const move = undoOf(/^Moved/);
    expect(await runUndo(move)).toBe(false);
    expect(useUndo.getState().entries.find((e) => e.id === move)!.error).toBe(
      'the images it moved were deleted since: undo that deletion first',
    );
    await runUndo(undoOf(/^Deleted/));
    expect(await runUndo(move)).toBe(true);
    expect(layout()).toEqual(before);
  });

  it('stacked deletions undone oldest first give back the same classes and images in the same order', async () => {
    useProject.getState().addClass('birds');
    deleteImages(['b']);
    deleteClass('c1');
    await runUndo(undoOf(/^Deleted 1 image/));
    await runUndo(undoOf(/^Deleted class cats/));
    expect(layout()).toEqual([...before, 'birds: ']);
    // two single images, then two classes
    deleteImages(['b']);
    deleteImages(['c']);
    await runUndo(undoOf(/^Deleted 1 image/));
    await runUndo(undoOf(/^Deleted 1 image/));
    expect(layout()).toEqual([...before, 'birds: ']);
    deleteImages(['c']);
    deleteImages(['b']);
    await runUndo(undoOf(/^Deleted 1 image/));
    await runUndo(undoOf(/^Deleted 1 image/));
    expect(layout()).toEqual([...before, 'birds: ']);
    deleteClass('c1');
    deleteClass('c2');
    await runUndo(undoOf(/^Deleted class cats/));
    await runUndo(undoOf(/^Deleted class dogs/));
    expect(layout()).toEqual([...before, 'birds: ']);
  });

  it('a deleted class undone after one of the same name was added goes into that class, not beside it', async () => {
    deleteClass('c2');
    const again = useProject.getState().addClass('Dogs');
    await useProject.getState().addImages(again, [file('new.png')]);
    expect(await runUndo(lastUndo())).toBe(true);
    const classes = useProject.getState().classes;
    expect(classes.map((c) => c.name)).toEqual(['cats', 'Dogs']);
    expect(classes[1].images.map((i) => i.file.name)).toEqual(['d.png', 'new.png']);
  });
});

/** storage has no room for a replacement's stash (the rest is written) */
function stashRefusedForSpace() {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
    if (String(key).startsWith('stash-')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.call(this, value, key);
  });
}

describe('a replaced project', () => {
  const keep = (valAccuracy: number) =>
    keepLastModel({ zip: new Uint8Array(2), result: { valAccuracy }, savedAt: new Date().toISOString() });

  it('takes its trained model and the one before it along, and its undo brings both back', async () => {
    await keep(0.5);
    await keep(0.9);
    await replaceProject('Started a new project', emptyProject);
    expect(await loadSavedModel()).toBeUndefined();
    expect(await loadPreviousModel()).toBeUndefined();
    expect(useUndo.getState().entries.at(-1)!.label).toBe('Started a new project');
    await runUndo(lastUndo());
    expect((await loadSavedModel())?.result.valAccuracy).toBe(0.9);
    expect((await loadPreviousModel())?.result.valAccuracy).toBe(0.5);
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats', 'dogs']);
  });

  it("keeps continue-training's starting point: its undo brings it back into storage", async () => {
    await keepStartingPoint({
      modelName: 'tm.zip',
      labels: ['cats', 'dogs'],
      backboneId: 'mobilenet-v2',
      hiddenUnits: 0,
      start: {} as never,
    });
    await replaceProject('Started a new project', emptyProject);
    expect(await loadStartingPoint()).toBeUndefined();
    expect(await runUndo(lastUndo())).toBe(true);
    await settled();
    expect((await loadStartingPoint())?.modelName).toBe('tm.zip');
  });

  it('is put back once when its Undo is pressed twice quickly', async () => {
    await keep(0.9);
    await replaceProject('Started a new project', emptyProject);
    useProject.getState().addClass('birds');
    const id = lastUndo();
    const first = runUndo(id);
    expect(await runUndo(id)).toBe(false);
    expect(await first).toBe(true);
    await settled();
    expect(useUndo.getState().entries.map((e) => e.label)).toEqual(['Went back to the earlier project']);
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats', 'dogs']);
    expect((await loadSavedModel())?.result.valAccuracy).toBe(0.9);
  });

  it('says what storage had no room to put back when the replacement is undone, where it was dropped silently', async () => {
    await keep(0.9);
    await replaceProject('Started a new project', emptyProject);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'model') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    expect(await runUndo(lastUndo())).toBe(true);
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats', 'dogs']);
    expect(useProject.getState().notice).toMatch(/^Browser storage had no room to put back its trained model \(/);
  });

  it('an empty project is offered back for a model imported onto it, and only then', async () => {
    // nothing trained left in storage by the tests before
    await forgetTrained();
    useProject.setState({ classes: [] });
    await replaceProject('Opened a.zip', emptyProject);
    expect(useUndo.getState().entries).toEqual([]);
    await keepImportedModel({ zip: new Uint8Array(3), name: 'tm.zip', savedAt: '' });
    await replaceProject('Opened b.zip', emptyProject);
    expect(await loadImportedModel()).toBeUndefined();
    expect(useUndo.getState().entries.at(-1)!.label).toBe('Opened b.zip');
    await runUndo(lastUndo());
    expect((await loadImportedModel())?.name).toBe('tm.zip');
  });

  it('a project with no classes yet but settings or a backbone picked is offered back too', async () => {
    await forgetTrained();
    useProject.setState({ classes: [] });
    useTraining.getState().updateSettings({ epochs: 77 });
    await replaceProject('Opened c.zip', emptyProject);
    expect(useTraining.getState().settings.epochs).toBe(DEFAULT_SETTINGS.epochs);
    expect(useUndo.getState().entries.at(-1)!.label).toBe('Opened c.zip');
    await runUndo(lastUndo());
    await vi.waitFor(() => expect(useTraining.getState().settings.epochs).toBe(77));
    // the project that replaced it had only settings of its own: its undo offers it back in turn
    await replaceProject('Opened d.zip', () => {
      emptyProject();
      useTraining.getState().updateSettings({ epochs: 5 });
    });
    await runUndo(lastUndo());
    expect(useTraining.getState().settings.epochs).toBe(77);
    expect(useUndo.getState().entries.at(-1)!.label).toBe('Went back to the earlier project');
  });

  it('says so when storage has no room to keep its model for the undo, instead of promising it', async () => {
    await keep(0.9);
    stashRefusedForSpace();
    await replaceProject('Started a new project', emptyProject);
    expect(useUndo.getState().entries.at(-1)!.label).toBe(
      'Started a new project (its trained model could not be kept for the undo: browser storage is full)',
    );
  });

  it('says so of its run history too, with no model (it went unsaid: the undo brought the project back without it)', async () => {
    const { keepRuns } = await import('../src/state/model-store');
    await keepRuns([{ n: 1 }] as never);
    stashRefusedForSpace();
    await replaceProject('Started a new project', emptyProject);
    expect(useUndo.getState().entries.at(-1)!.label).toBe(
      'Started a new project (its run history could not be kept for the undo: browser storage is full)',
    );
  });
});
