import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** a busy machine can be slow to settle */
const SLOW = { timeout: 30_000 };

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { restoreProject, settleSaves, startAutosave, usePersistence } = await import('../src/state/persist');
const { withTimeAwayBack, AWAY_GIVEN_BACK_MS } = await import('../src/state/time-away');
const { useProject } = await import('../src/state/project');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { connectStores } = await import('../src/state/coordinator');
let disconnect: () => void;
const { closeDatabases, openDatabase } = await import('../src/core/storage/databases');
const { LEGACY, writeLegacyStorage } = await import('./fixtures/legacy-storage');

const page = new EventTarget();
Object.assign(globalThis, {
  addEventListener: page.addEventListener.bind(page),
  removeEventListener: page.removeEventListener.bind(page),
});
if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: {} });

const initial = {
  training: useTraining.getState(),
  model: useModelInUse.getState(),
  project: useProject.getState(),
  persist: usePersistence.getState(),
};
let local: ReturnType<typeof installLocalStorage>;

beforeEach(async () => {
  await closeDatabases();
  globalThis.indexedDB = new IDBFactory();
  resetWorker();
  worker.importModel = async () => ({ labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'center' });
  local = installLocalStorage();
  useTraining.setState(initial.training, true);
  useModelInUse.setState(initial.model, true);
  useProject.setState(initial.project, true);
  usePersistence.setState(initial.persist, true);
  disconnect = connectStores();
});
/** startAutosave, stopped after the test whatever happened in it: a failed wait left one saving into the next tests */
const autosaves: (() => void)[] = [];
const autosave = (delayMs: number) => {
  const stop = startAutosave(delayMs);
  autosaves.push(stop);
  return stop;
};
afterEach(async () => {
  for (const stop of autosaves.splice(0)) stop();
  disconnect();
  vi.restoreAllMocks();
  await closeDatabases();
});

const names = () => useProject.getState().classes.map((c) => c.name);
const pending = (savedAt: string) =>
  JSON.stringify({
    ...LEGACY.record,
    classes: [{ ...LEGACY.record.classes[0], name: 'kittens' }, LEGACY.record.classes[1]],
    savedAt,
  });

describe('persist store: restore', () => {
  it("restores an existing user's project, trained model and interrupted run from the previous version's storage", async () => {
    await writeLegacyStorage();
    expect(await restoreProject()).toBe(true);
    expect(names()).toEqual(['cats', 'dogs']);
    const images = useProject.getState().classes.flatMap((c) => c.images);
    expect(await Promise.all(images.map(async (im) => [...new Uint8Array(await im.file.arrayBuffer())]))).toEqual([
      LEGACY.imageBytes.i1,
      LEGACY.imageBytes.i2,
    ]);
    expect(useTraining.getState().settings.epochs).toBe(7);
    expect(usePersistence.getState()).toMatchObject({ status: 'saved', error: null, savedImages: 2 });
    await vi.waitFor(() => expect(useModelInUse.getState().model?.kind).toBe('restored'), SLOW);
    await vi.waitFor(() => expect(useTraining.getState().interrupted?.settings.epochs).toBe(7), SLOW);
    expect(useTraining.getState().runs).toEqual(LEGACY.runs);
  });

  it('a model that could not be read back is said on a line of its own, which the next autosave keeps', async () => {
    await writeLegacyStorage();
    worker.importModel = async () => {
      // the worker's words end with a full stop: said once, not twice
      throw new Error('Its weights are damaged.');
    };
    expect(await restoreProject()).toBe(true);
    await vi.waitFor(
      () =>
        expect(usePersistence.getState().restoreNote).toBe(
          'The model trained last time could not be restored: Its weights are damaged. Train again.',
        ),
      SLOW,
    );
    // the next save says "saved" on the autosave's line: it erased the failure there within a second
    const stop = autosave(0);
    useProject.getState().addClass('birds');
    await vi.waitFor(() => expect(usePersistence.getState()).toMatchObject({ status: 'saved', savedImages: 2 }), SLOW);
    await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(usePersistence.getState().restoreNote).toMatch(/could not be restored/);
    // "Train again" done: the line goes with the new model (it stayed up, an alert, over it)
    useTraining.setState({ status: 'done', result: { valAccuracy: 0.8, history: [] } as never, resultStored: false });
    expect(usePersistence.getState().restoreNote).toBeNull();
  });

  it('an imported model answering, or a starting point, takes back only what was said of the kind lost', async () => {
    const { restoreContext } = await import('../src/state/restore-trained');
    usePersistence.setState({ restoreNote: null });
    const said = restoreContext.get();
    said.failed('The model trained last time could not be restored: damaged. Train again.', 'model');
    said.failed('The imported model could not be used: damaged. Import it again.', 'import');
    said.failed(
      'The starting point in the project zip was not kept: full. The next Train starts from scratch.',
      'start',
    );
    said.failed('The model trained last time could not be restored: damaged. Train again.', 'model');
    useModelInUse
      .getState()
      .show({ kind: 'imported', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'o.zip' });
    expect(usePersistence.getState().restoreNote).toBe(
      'The model trained last time could not be restored: damaged. Train again. The starting point in the project zip was not kept: full. The next Train starts from scratch.',
    );
    useModelInUse.setState({ startFrom: { modelName: 'o.zip', labels: ['a'], backboneId: 'b', hiddenUnits: 0 } });
    expect(usePersistence.getState().restoreNote).toBe(
      'The model trained last time could not be restored: damaged. Train again.',
    );
  });

  it('says the page cannot store anything when storage will not open (it said a copy of the project was kept)', async () => {
    const opening = vi.spyOn(globalThis.indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    });
    expect(await restoreProject()).toBe(false);
    const { status, error } = usePersistence.getState();
    expect(status).toBe('error');
    expect(error).toMatch(
      /^This browser does not let the page store anything \(a private window, or site data blocked/,
    );
    expect(error).toContain('use "Download project (zip)" to keep it');
    expect(error).not.toContain('a copy of it is kept');
    // the autosave's first failure keeps those words (it put "InvalidStateError" in their place)
    const stop = autosave(0);
    useProject.getState().addClass('cats');
    const tried = opening.mock.calls.length;
    // vi.waitFor's own 1 s was too little with three unit workers on two cores: this wait failed, the
    // autosave was left running, and its saves failed the next five tests of this file
    await vi.waitFor(() => expect(opening.mock.calls.length).toBeGreaterThan(tried), SLOW);
    // until that attempt has failed: 20 ms were not always enough under a loaded suite (the error was
    // still the attempt's null)
    await vi.waitFor(() => expect(usePersistence.getState().error).not.toBeNull(), SLOW);
    stop();
    expect(usePersistence.getState().error).toBe(error);
    vi.restoreAllMocks();
  });

  it('takes the record written as the page left when it is newer than the autosaved one', async () => {
    await writeLegacyStorage();
    local.store.set('transfer-studio-pending-record', pending('2026-11-01T10:05:00.000Z'));
    await restoreProject();
    expect(names()).toEqual(['kittens', 'dogs']);
    // its images are the autosaved ones
    expect(useProject.getState().classes[0]!.images.map((i) => i.id)).toEqual(['i1']);
  });

  it('keeps the autosaved record when the pending one is older (a later autosave already has the change)', async () => {
    await writeLegacyStorage();
    local.store.set('transfer-studio-pending-record', pending('2026-11-01T09:00:00.000Z'));
    await restoreProject();
    expect(names()).toEqual(['cats', 'dogs']);
  });
});

describe('persist store: autosave', () => {
  const file = (n: string) => new File([new Uint8Array(100)], n, { type: 'image/png' });
  const project = () =>
    useProject.setState({
      classes: [
        {
          id: 'a',
          name: 'A',
          images: [
            { id: 'a1', file: file('a1.png'), url: '' },
            { id: 'a2', file: file('a2.png'), url: '' },
          ],
        },
        { id: 'b', name: 'B', images: [{ id: 'b1', file: file('b1.png'), url: '' }] },
      ],
    });

  it('a full disk keeps what fits (a first image of every class first) and says what is not saved', async () => {
    let images = 0;
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'images' && ++images > 2)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const stop = autosave(0);
    project();
    await vi.waitFor(() => expect(usePersistence.getState().status).toBe('error'), SLOW);
    stop();
    expect(usePersistence.getState().savedImages).toBe(2);
    expect(usePersistence.getState().error).toMatch(
      /^Browser storage is full: 2 images are saved, 1 newer one is not \(they stay on the page/,
    );
    const d = await openDatabase('project');
    expect((await d.getAllKeys('images')).sort()).toEqual(['a1', 'b1']);
    expect((await d.get('meta', 'project')).classes.map((c: { name: string }) => c.name)).toEqual(['A', 'B']);
  });

  it('a run history that storage refuses is said on the page (it was only logged), and the next one kept clears it', async () => {
    const put = IDBObjectStore.prototype.put;
    let full = true;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (full && this.name === 'model') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const stop = autosave(0);
    const run = { n: 1, valAccuracy: 0.5 } as never;
    useTraining.setState({ runs: [run] });
    await vi.waitFor(
      () =>
        expect(usePersistence.getState().runsNotKept).toMatch(/^The run history is not kept for your next visit \(/),
      SLOW,
    );
    full = false;
    useTraining.setState({ runs: [run, { ...(run as object), n: 2 } as never] });
    await vi.waitFor(() => expect(usePersistence.getState().runsNotKept).toBeNull(), SLOW);
    stop();
  });

  it('a steady stream of changes (a held webcam record button) is saved while it goes on, not only once it ends', async () => {
    const stop = autosave(300);
    // images of its own: the module remembers what it wrote, and the next test's project must still be unwritten
    useProject.setState({ classes: [{ id: 's', name: 'S', images: [] }] });
    const d = await openDatabase('project');
    const started = Date.now();
    let n = 0;
    // a frame every 100 ms for 3.5 s, each one resetting the 300 ms wait
    while (Date.now() - started < 3500) {
      useProject.getState().addImages('s', [file(`frame${n++}.jpg`)], { pageMade: true });
      await new Promise((r) => setTimeout(r, 100));
    }
    const stored = (await d.get('meta', 'project')) as { classes: { images: unknown[] }[] } | undefined;
    // the last frames' save ends inside this test: ending in the next one, it set that test's status
    await settleSaves();
    stop();
    expect(stored?.classes[0].images.length ?? 0).toBeGreaterThan(2);
    expect(usePersistence.getState().status).toBe('saved');
  });

  it('while images are being added the autosave waits, saves once at the end, and a page leaving meanwhile keeps the record', async () => {
    const stop = autosave(0);
    useProject.setState({ adding: { done: 0, total: 3 } });
    project();
    useProject.getState().renameClass('a', 'A1');
    await new Promise((r) => setTimeout(r, 50));
    expect(usePersistence.getState().status).toBe('idle');
    const d = await openDatabase('project');
    expect(await d.get('meta', 'project')).toBeUndefined();
    // the page going away now still writes what it holds
    page.dispatchEvent(new Event('pagehide'));
    expect(JSON.parse(local.store.get('transfer-studio-pending-record')!).classes[0].name).toBe('A1');
    useProject.setState({ adding: null });
    await vi.waitFor(() => expect(usePersistence.getState().status).toBe('saved'), SLOW);
    stop();
    expect((await d.get('meta', 'project')).classes.map((c: { name: string }) => c.name)).toEqual(['A1', 'B']);
    // (the images an earlier test saved count as saved: the module keeps what it wrote)
    expect(await d.getAllKeys('images')).toContain('a2');
  });

  it('a change made as the page leaves goes to localStorage, and the next save clears it', async () => {
    const stop = autosave(60_000);
    project();
    page.dispatchEvent(new Event('pagehide'));
    const record = JSON.parse(local.store.get('transfer-studio-pending-record')!);
    expect(record.classes.map((c: { name: string }) => c.name)).toEqual(['A', 'B']);
    expect(local.store.has('transfer-studio-pending-undo')).toBe(true);
    stop();
    const again = autosave(0);
    useProject.getState().renameClass('a', 'A2');
    await vi.waitFor(() => expect(local.store.has('transfer-studio-pending-record')).toBe(false), SLOW);
    again();
  });

  it('the page going away is noted, and a reload gives pending undos their time away back', () => {
    const stop = autosave(60_000);
    const before = Date.now();
    page.dispatchEvent(new Event('pagehide'));
    expect(Number(local.store.get('transfer-studio-page-left-at'))).toBeGreaterThanOrEqual(before);
    stop();
    const leftAt = 1_000_000;
    const list = [
      { expiresAt: leftAt + 5_000, saved: 'a' },
      { expiresAt: leftAt - 1_000, saved: 'b' },
    ];
    // a 30-s reload: 5 s were left and 5 s are left; the one that had run out stays run out
    expect(withTimeAwayBack(list, leftAt, leftAt + 30_000)).toEqual([
      { expiresAt: leftAt + 35_000, saved: 'a' },
      { expiresAt: leftAt + 29_000, saved: 'b' },
    ]);
    // away longer (the tab closed yesterday), unknown or nonsense: the expiries stand
    expect(withTimeAwayBack(list, leftAt, leftAt + AWAY_GIVEN_BACK_MS + 1)).toBe(list);
    expect(withTimeAwayBack(list, null, leftAt + 30_000)).toBe(list);
    expect(withTimeAwayBack(list, leftAt, leftAt - 10)).toBe(list);
    expect(withTimeAwayBack(null, leftAt, leftAt + 30_000)).toBeNull();
  });
});
