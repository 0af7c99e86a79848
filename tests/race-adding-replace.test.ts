import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { useModelInUse } = await import('../src/state/model-in-use');
const { connectStores, emptyProject } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useUndo } = await import('../src/state/undo');
const { useTraining } = await import('../src/state/training');
const { replaceProject } = await import('../src/state/project-undo');
const { closeDatabases } = await import('../src/core/storage/databases');
const { zipLock } = await import('../src/ui/project-zip-flow');
const { openProjectZip } = await import('../src/ui/project-zip-open');

const image = (name: string) => new File([new Uint8Array([1, 2, 3])], name, { type: 'image/jpeg' });
const images = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => image(`${prefix}${i}.jpg`));
const counts = () => useProject.getState().classes.map((c) => [c.name, c.images.length]);

/** a drop of two folders, 600 images, added a window at a time; resolves once its first window is in */
async function dropping(): Promise<{ added: Promise<void> }> {
  const adding = useProject.getState().addFolders(
    new Map([
      ['cats', images('c', 300)],
      ['dogs', images('d', 300)],
    ]),
  );
  while (!useProject.getState().classes.length) await new Promise((r) => setTimeout(r, 1));
  expect(useProject.getState().adding).not.toBeNull();
  // wrapped: an async function returning the promise would wait for the whole drop
  return { added: adding };
}

/** Open project under way: its new project arrives when `putInPlace` is called */
async function openingUnderWay() {
  let putInPlace!: () => void;
  const arriving = new Promise<void>((r) => (putInPlace = r));
  const replacing = replaceProject('Opened p.zip', async () => {
    await arriving;
    emptyProject();
  });
  await new Promise((r) => setTimeout(r, 5));
  return { replacing, putInPlace };
}

describe('New project and Open project while a drop is being added', () => {
  let disconnect: () => void;
  beforeEach(() => {
    resetWorker();
    installLocalStorage();
    useUndo.setState({ entries: [] });
    useProject.setState({ classes: [], notice: null, adding: null, locked: null });
    disconnect = connectStores();
  });
  afterEach(async () => {
    disconnect();
    await closeDatabases();
  });

  it('the project bar locks them, saying why; Download stays', () => {
    expect(zipLock(false, false, true)).toEqual({
      replace: true,
      download: false,
      why: 'New project and Open project wait until the images being added are in.',
    });
    // a zip under way says its own reason
    expect(zipLock(true, false, true)?.why).toMatch(/zip is written/);
    expect(zipLock(false, false, false)).toBeNull();
  });

  it('replacing the project is refused: the rest of the drop went into the new project', async () => {
    const { added } = await dropping();
    await expect(replaceProject('Started a new project', emptyProject)).rejects.toThrow(
      /images are still being added/i,
    );
    await added;
    expect(counts()).toEqual([
      ['cats', 300],
      ['dogs', 300],
    ]);
    expect(useUndo.getState().entries).toEqual([]);
  });

  it('an opened zip says it waits for the drop, and replaces nothing', async () => {
    const { added } = await dropping();
    const said: { error: boolean; text: string }[] = [];
    // not a zip at all: the refusal comes before it is read
    const opening = openProjectZip('p.zip', new Blob(['not read']), (m) => said.push(m));
    await opening;
    await added;
    expect(said.at(-1)).toEqual({ error: true, text: expect.stringMatching(/^p\.zip: images are still being added/i) });
    expect(counts()).toEqual([
      ['cats', 300],
      ['dogs', 300],
    ]);
  });

  it('a drop or a picked folder still being read (before its adding starts) holds them too', async () => {
    useProject.getState().countIntake(1);
    await expect(replaceProject('Started a new project', emptyProject)).rejects.toThrow(
      /images are still being added/i,
    );
    useProject.getState().countIntake(-1);
    expect(useProject.getState().intake).toBe(0);
  });

  it('Train pressed while the project is being replaced waits: it trained the old images under the new project', async () => {
    useProject.getState().addClass('cats');
    const { replacing, putInPlace } = await openingUnderWay();
    await useTraining.getState().train();
    expect(useTraining.getState()).toMatchObject({
      status: 'idle',
      error: 'The project is being replaced: train once that is done.',
    });
    putInPlace();
    await replacing;
    // once in place, a run may start again (this empty project only lacks images)
    await useTraining.getState().train();
    expect(useTraining.getState().error).not.toMatch(/being replaced/);
  });

  it('Continue training and New project wait for each other: its classes, settings and backbone landed in the new project', async () => {
    useProject.getState().addClass('cats');
    useModelInUse.setState({
      model: { kind: 'imported', labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'center', name: 'm.zip' },
    });
    let read!: () => void;
    const reading = new Promise<void>((r) => (read = r));
    worker.continueImported = async () => {
      await reading;
      throw new Error('stopped here: the test only needs Continue under way');
    };
    const continuing = useModelInUse.getState().continueImported();
    await expect(replaceProject('Started a new project', emptyProject)).rejects.toThrow(
      /Continue training is still making the imported model the starting point/,
    );
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats']);
    read();
    await continuing;
    // the other way round: Continue pressed while the project is being replaced waits too
    const { replacing, putInPlace } = await openingUnderWay();
    worker.continueImported = vi.fn();
    await useModelInUse.getState().continueImported();
    expect(worker.continueImported).not.toHaveBeenCalled();
    expect(useModelInUse.getState().continueError).toBe(
      'The project is being replaced: continue training once that is done.',
    );
    putInPlace();
    await replacing;
  });
});
