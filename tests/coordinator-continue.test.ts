import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { clearTrained } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useModelInUse } = await import('../src/state/model-in-use');
const { restoreTrained } = await import('../src/state/restore-trained');
const { useUndo, runUndo } = await import('../src/state/undo');
const { loadStartingPoint } = await import('../src/state/model-store');
const { backboneInfo: info } = await import('./store-harness');
const { coordinatorStoresEachTest } = await import('./helpers-coordinator');

coordinatorStoresEachTest();

describe('coordinator: reactions between stores', () => {
  it('continuing an imported model: its backbone is loaded, its classes join, the next runs train its head', async () => {
    await useBackbone.getState().select('big');
    useProject.getState().addClass('cats');
    useTraining.getState().updateSettings({ unfreeze: 2, hiddenUnits: 0 });
    useTraining.setState({ result: { valAccuracy: 0.5 } as never });
    useModelInUse.setState({
      model: { kind: 'imported', labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'pad', name: 'm.zip' },
    });
    const spec = { id: 'imported-m', name: 'm', inputSize: 224 };
    const start = { modelName: 'm.zip', labels: ['cats', 'dogs'], hiddenUnits: 16 };
    let reads = 0;
    worker.continueImported = async () => {
      reads++;
      await new Promise((r) => setTimeout(r, 20));
      return { ...info('imported-m', 0), spec, start };
    };
    const first = useModelInUse.getState().continueImported();
    // the model's layers are being read: Try it says so, and a second press does not start another
    expect(useModelInUse.getState().switching).toBe('Making m.zip the starting point…');
    await useModelInUse.getState().continueImported();
    await first;
    expect(reads).toBe(1);
    expect(useModelInUse.getState().switching).toBeNull();
    expect(useBackbone.getState()).toMatchObject({ selected: 'imported-m', loaded: { id: 'imported-m' } });
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats', 'dogs']);
    // the imported head trains as it is: a hand recipe (the automatic one picks its own head shape),
    // on images cropped as the model crops them (its head learnt those features)
    expect(useTraining.getState()).toMatchObject({
      result: null,
      settings: { hiddenUnits: 16, unfreeze: 0, recipe: 'manual', cropMode: 'pad' },
    });
    expect(useModelInUse.getState().startFrom).toEqual({
      modelName: 'm.zip',
      labels: ['cats', 'dogs'],
      backboneId: 'imported-m',
      hiddenUnits: 16,
    });
    // a new project takes the model and the starting point with it
    clearTrained();
    expect(useModelInUse.getState()).toMatchObject({ model: null, startFrom: null });
  });

  it('continuing can be undone: settings, classes it added still empty, backbone and results come back', async () => {
    await useBackbone.getState().select('big');
    useProject.getState().addClass('cats');
    useTraining.getState().updateSettings({ unfreeze: 2, frozenBlocks: ['block 3'], hiddenUnits: 0, recipe: 'auto' });
    const before = useTraining.getState().settings;
    useTraining.setState({ status: 'done', result: { valAccuracy: 0.5 } as never });
    useModelInUse.setState({
      model: { kind: 'imported', labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'pad', name: 'm.zip' },
    });
    const spec = { id: 'imported-m', name: 'm', inputSize: 224 };
    const start = { modelName: 'm.zip', labels: ['cats', 'dogs', 'birds'], hiddenUnits: 16 };
    worker.continueImported = async () => ({ ...info('imported-m', 0), spec, start });
    await useModelInUse.getState().continueImported();
    expect(useTraining.getState().settings.cropMode).toBe('pad');
    expect(useUndo.getState().entries.at(-1)!.label).toBe('Continuing m.zip');
    // the person dropped images on one of the classes it added: that class stays
    const birds = useProject.getState().classes.find((c) => c.name === 'birds')!;
    await useProject
      .getState()
      .addImages(birds.id, [new File([new Uint8Array([1, 2, 3])], 'b.png', { type: 'image/png' })]);
    // an empty class the person added themselves is theirs
    useProject.getState().addClass('mine');
    // a run meanwhile: the undo waits for its end
    useTraining.setState({ status: 'training' });
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(false);
    expect(useUndo.getState().entries.at(-1)!).toMatchObject({ state: 'failed', error: expect.stringMatching(/run/) });
    useTraining.setState({ status: 'stopped' });
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats', 'birds', 'mine']);
    expect(useBackbone.getState().loaded?.id).toBe('big');
    expect(useTraining.getState().settings).toEqual(before);
    expect(useModelInUse.getState().startFrom).toBeNull();
  });

  it('continuing a head-only model on the loaded backbone: the undo shows the hidden results again', async () => {
    await useBackbone.getState().select('big');
    const result = { valAccuracy: 0.5, history: [] } as never;
    // a run's model storage could not keep: its downloads come from the worker's model, not storage's older one
    const notKept = 'Not kept for the next visit: storage is full';
    useTraining.setState({ status: 'done', result, resultStored: false, notKept });
    const spec = { id: 'big', name: 'big', inputSize: 224 };
    const start = { modelName: 'h.zip', labels: ['a'], hiddenUnits: 8 };
    worker.continueImported = async () => ({ ...info('big', 5), spec, start });
    await useModelInUse.getState().continueImported();
    expect(useTraining.getState().result).toBeNull();
    // epochs typed under Continue's hand recipe, then Continue undone
    useTraining.getState().updateSettings({ epochs: 20 });
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(useTraining.getState()).toMatchObject({ result, resultStored: false, notKept });
    expect(await useTraining.getState().modelKept()).toBe(false);
    expect(useProject.getState().classes).toEqual([]);
    // the automatic recipe it had (left unset) is back by name: a project zip's JSON keeps it
    expect(useTraining.getState().settings.recipe).toBe('auto');
  });

  it('continuing is not undone over newer work: a later continue first, never once another model answered', async () => {
    await useBackbone.getState().select('big');
    const spec = { id: 'big', name: 'big', inputSize: 224 };
    const start = (modelName: string, hiddenUnits: number) => ({ modelName, labels: ['a'], hiddenUnits });
    worker.continueImported = async () => ({ ...info('big', 5), spec, start: start('one.zip', 8) });
    await useModelInUse.getState().continueImported();
    const first = useUndo.getState().entries.at(-1)!.id;
    worker.continueImported = async () => ({ ...info('big', 5), spec, start: start('two.zip', 16) });
    await useModelInUse.getState().continueImported();
    const second = useUndo.getState().entries.at(-1)!.id;
    expect(await runUndo(first)).toBe(false);
    expect(useUndo.getState().entries.find((e) => e.id === first)?.error).toMatch(/later Continue training/);
    expect(useTraining.getState().settings.hiddenUnits).toBe(16);
    expect(await runUndo(second)).toBe(true);
    expect(useTraining.getState().settings.hiddenUnits).toBe(8);
    // the first continue is the starting point again, its head back in the worker
    expect(useModelInUse.getState().startFrom?.modelName).toBe('one.zip');
    // a model answered since (a run's, an import): the first continue stays
    useModelInUse.getState().show({ kind: 'trained', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'r' });
    expect(await runUndo(first)).toBe(false);
    // for good: the model it would give back is gone, so the toast no longer offers Undo
    expect(useUndo.getState().entries.find((e) => e.id === first)).toMatchObject({
      error: 'Another model has answered since.',
      withoutUndo: 'for good',
    });
    expect(useTraining.getState().settings.hiddenUnits).toBe(8);
  });

  it('"Start from scratch instead" is offered back: the head it started from comes back to the worker and storage', async () => {
    await useBackbone.getState().select('big');
    const spec = { id: 'big', name: 'big', inputSize: 224 };
    const start = { modelName: 'h.zip', labels: ['a'], hiddenUnits: 8, featureSize: 4 };
    worker.continueImported = async () => ({ ...info('big', 5), spec, start });
    const heads: unknown[] = [];
    worker.setHeadStart = async (backboneId: string, head: unknown) => void heads.push([backboneId, head]);
    await useModelInUse.getState().continueImported();
    const startFrom = useModelInUse.getState().startFrom;
    await vi.waitFor(async () => expect(await loadStartingPoint()).toBeDefined());
    await useModelInUse.getState().leaveStartingPoint();
    expect(useModelInUse.getState().startFrom).toBeNull();
    expect(await loadStartingPoint()).toBeUndefined();
    const offer = useUndo.getState().entries.at(-1)!;
    expect(offer.label).toBe('Started from scratch instead of continuing h.zip');
    expect(await runUndo(offer.id)).toBe(true);
    expect(useModelInUse.getState().startFrom).toEqual(startFrom);
    expect(heads).toEqual([['big', start]]);
    expect((await loadStartingPoint())?.start).toEqual(start);
    // the continue taken back after a Start from scratch: that Start from scratch's undo is moot
    await useModelInUse.getState().leaveStartingPoint();
    const scratch = useUndo.getState().entries.at(-1)!.id;
    useModelInUse.setState({ startFrom: null });
    await useModelInUse.getState().putStartingPoint(null);
    expect(await runUndo(scratch)).toBe(false);
    expect(useUndo.getState().entries.find((e) => e.id === scratch)?.error).toMatch(/starting point has changed/);
    expect(useModelInUse.getState().startFrom).toBeNull();
  });

  it('a starting point kept for another backbone than the loaded one is put in place when that backbone is picked; a stale read stays out', async () => {
    const { keepStartingPoint, forgetStartingPoint } = await import('../src/state/model-store');
    const heads: string[] = [];
    worker.setHeadStart = async (backboneId: string) => void heads.push(backboneId);
    await useBackbone.getState().select('big');
    const start = { modelName: 'h.zip', labels: ['a'], hiddenUnits: 8, featureSize: 4 } as never;
    // an opened project's (or a reload's) starting point made on "other" waits while "big" is loaded
    await keepStartingPoint({ modelName: 'h.zip', labels: ['a'], backboneId: 'other', hiddenUnits: 8, start });
    restoreTrained();
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().startFrom).toBeNull();
    await useBackbone.getState().select('other');
    await vi.waitFor(() => expect(useModelInUse.getState().startFrom?.backboneId).toBe('other'));
    expect(heads).toEqual(['other']);
    // picked again, it is in place already: not put again (which would refuse the undos guarding it)
    await useBackbone.getState().select('big');
    await useBackbone.getState().select('other');
    await new Promise((r) => setTimeout(r, 50));
    expect(heads).toEqual(['other']);

    // read while its backbone loads, then the starting point changed (a replaced project): it stays out
    useModelInUse.getState().startFromScratch();
    await keepStartingPoint({ modelName: 'h.zip', labels: ['a'], backboneId: 'big', hiddenUnits: 8, start });
    let finishLoad = () => {};
    worker.loadBackbone = (id: string) => new Promise((resolve) => (finishLoad = () => resolve(info(id, 5))));
    const loading = useBackbone.getState().select('big');
    restoreTrained();
    await new Promise((r) => setTimeout(r, 20));
    useModelInUse.getState().startFromScratch();
    finishLoad();
    await loading;
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().startFrom).toBeNull();
    expect(heads).toEqual(['other']);
    await forgetStartingPoint();
  });
});
