import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { clearTrained } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { keepModelRecord, LAST_MODEL_KEY } = await import('../src/core/storage/model-writer');
const { restoreTrained, adoptProjectModels } = await import('../src/state/restore-trained');
const { usePersistence } = await import('../src/state/persist');
const { backboneInfo: info } = await import('./store-harness');
const { coordinatorStoresEachTest, trained } = await import('./helpers-coordinator');

coordinatorStoresEachTest();

describe('coordinator: reactions between stores', () => {
  it('the same backbone reloaded on another backend brings its saved model back; another backbone does not', async () => {
    worker.importModel = async () => ({ labels: ['a'], inputSize: 224, cropMode: 'center' });
    // the worker loads the backbone it holds again on the other backend (worker/studio-backbone.ts moveToActive)
    worker.switchBackend = async (name: string) => ({
      backend: { active: name },
      reloaded: { backbone: { ...useBackbone.getState().loaded! } },
    });
    await useBackbone.getState().select('big');
    const result = { valAccuracy: 0.9, history: [] };
    await keepModelRecord(LAST_MODEL_KEY, { zip: new Uint8Array(4), result, savedAt: new Date().toISOString() }, 'x');
    // a result whose model is not known to be in storage (its save failed or never ran) is not looked for there
    trained();
    await useBackbone.getState().switchBackend('webgl');
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().model).toBeNull();
    // the model read back after a reload is
    useTraining.getState().restoreResult(result as never);
    await useBackbone.getState().switchBackend('cpu');
    await vi.waitFor(() => expect(useModelInUse.getState().model?.kind).toBe('restored'));
    expect(useTraining.getState().result).toMatchObject(result);
    // Train pressed while the model is read back: the run keeps the charts, the old model stays out
    worker.importModel = () =>
      new Promise((resolve) => setTimeout(() => resolve({ labels: ['a'], inputSize: 224, cropMode: 'center' }), 30));
    await useBackbone.getState().switchBackend('wasm');
    useTraining.setState({ status: 'training' });
    await new Promise((r) => setTimeout(r, 80));
    expect(useModelInUse.getState().model).toBeNull();
    expect(useTraining.getState().result).toBeNull();
    useTraining.setState({ status: 'stopped' });
    trained();
    await useBackbone.getState().select('other');
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().model).toBeNull();
    expect(useTraining.getState().result).toBeNull();
  });

  it("a project's model read back while its backbone loads stays out once the project is replaced (its undo, New project)", async () => {
    const imported: number[] = [];
    worker.importModel = async (zip: Uint8Array) => {
      imported.push(zip.length);
      return { labels: ['p'], inputSize: 224, cropMode: 'center', source: 'studio' };
    };
    let finishLoad = () => {};
    worker.loadBackbone = (id: string) => new Promise((resolve) => (finishLoad = () => resolve(info(id, 5))));
    const loading = useBackbone.getState().select('big');
    const adopted = adoptProjectModels({ imported: { zip: new Uint8Array(7), name: 'the model in p2.zip' } });
    await new Promise((r) => setTimeout(r, 20));
    // the replacement is undone while the project's backbone still loads
    clearTrained();
    finishLoad();
    await loading;
    await adopted;
    expect(imported).toEqual([]);
    expect(useModelInUse.getState().model).toBeNull();
  });

  it('the model trained on a backbone comes back with its results when that backbone is picked again', async () => {
    // no model imported over it from an earlier test
    await (await import('../src/state/model-store')).forgetImportedModel();
    worker.importModel = async () => ({ labels: ['a'], inputSize: 224, cropMode: 'center' });
    await useBackbone.getState().select('big');
    const result = { valAccuracy: 0.9, history: [] };
    await keepModelRecord(
      LAST_MODEL_KEY,
      { zip: new Uint8Array(4), result, savedAt: new Date().toISOString(), backboneId: 'big' },
      'x',
    );
    trained();
    await useBackbone.getState().select('other');
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().model).toBeNull();
    expect(useTraining.getState().result).toBeNull();
    // a reload while the other backbone is loaded leaves it in storage
    restoreTrained();
    await new Promise((r) => setTimeout(r, 50));
    expect(useModelInUse.getState().model).toBeNull();
    await useBackbone.getState().select('big');
    await vi.waitFor(() => expect(useModelInUse.getState().model?.kind).toBe('restored'));
    expect(useTraining.getState().result).toMatchObject(result);
  });

  it('an imported head-only model waits for its backbone: no error on every reload, and it answers when that backbone is back', async () => {
    const { forgetImportedModel, loadImportedModel } = await import('../src/state/model-store');
    await forgetImportedModel();
    let imports = 0;
    // the worker refuses a head made for another backbone than the one loaded, as the real one does
    worker.importModel = async () => {
      imports++;
      if (useBackbone.getState().loaded?.id !== 'big')
        throw new Error('This is a head-only export for the backbone big');
      return { labels: ['h'], inputSize: 224, cropMode: 'center', source: 'studio', headOnlyFor: 'big' };
    };
    await useBackbone.getState().select('big');
    await useModelInUse.getState().importModel(new File([new Uint8Array(5)], 'head.zip'));
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', headOnlyFor: 'big' });
    expect((await loadImportedModel())?.headOnlyFor).toBe('big');
    // on another backbone it cannot run: it leaves Try it (an imported whole model would stay)
    await useBackbone.getState().select('other');
    expect(useModelInUse.getState().model).toBeNull();
    // a reload there leaves it waiting in storage, without trying it and saying it failed
    const before = imports;
    usePersistence.setState({ restoreNote: null });
    restoreTrained();
    await new Promise((r) => setTimeout(r, 50));
    expect(imports).toBe(before);
    expect(usePersistence.getState().restoreNote).toBeNull();
    expect(useModelInUse.getState().model).toBeNull();
    // its backbone picked again: it answers again
    await useBackbone.getState().select('big');
    await vi.waitFor(() => expect(useModelInUse.getState().model).toMatchObject({ kind: 'imported', labels: ['h'] }));
    await forgetImportedModel();
  });

  it("a project zip's head-only model made on another backbone says so once, then waits for that backbone", async () => {
    const { forgetImportedModel, loadImportedModel } = await import('../src/state/model-store');
    const { headForOtherBackbone } = await import('../src/core/model-import/head-only');
    await useBackbone.getState().select('other');
    worker.importModel = async () => {
      if (useBackbone.getState().loaded?.id !== 'big') throw new Error(headForOtherBackbone('big'));
      return { labels: ['h'], inputSize: 224, cropMode: 'center', source: 'studio', headOnlyFor: 'big' };
    };
    usePersistence.setState({ restoreNote: null });
    await adoptProjectModels({ imported: { zip: new Uint8Array(6), name: 'the model in p.zip' } });
    // a wait, not a failure: said in Try it, not on the autosave's error line
    expect(useModelInUse.getState().importNotKept).toBe(
      'The model in p.zip is a head for the backbone big: it answers once that backbone is loaded.',
    );
    expect(usePersistence.getState().restoreNote).toBeNull();
    expect((await loadImportedModel())?.headOnlyFor).toBe('big');
    usePersistence.setState({ restoreNote: null });
    restoreTrained();
    await new Promise((r) => setTimeout(r, 50));
    expect(usePersistence.getState().restoreNote).toBeNull();
    await useBackbone.getState().select('big');
    await vi.waitFor(() => expect(useModelInUse.getState().model).toMatchObject({ name: 'the model in p.zip' }));
    expect(useModelInUse.getState().importNotKept).toBeNull();
    await forgetImportedModel();
  });

  it("a project zip's head-only model read while another model came (the project replaced) writes and says nothing", async () => {
    const { forgetImportedModel, keepImportedModel, loadImportedModel } = await import('../src/state/model-store');
    const { headForOtherBackbone } = await import('../src/core/model-import/head-only');
    await useBackbone.getState().select('other');
    let refuse!: () => void;
    worker.importModel = () =>
      new Promise((_, no) => (refuse = () => no(new Error(headForOtherBackbone('big'))))) as never;
    const adopting = adoptProjectModels({ imported: { zip: new Uint8Array(6), name: 'the model in p.zip' } });
    await vi.waitFor(() => expect(refuse).toBeDefined());
    // meanwhile the project was replaced (its undo): another project's import is in storage, another model answers
    const theirs = { zip: new Uint8Array(2), name: 'theirs.zip', savedAt: 'theirs' };
    await keepImportedModel(theirs);
    useModelInUse.getState().show({ kind: 'trained', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'x' });
    refuse();
    await adopting;
    // it overwrote the other project's import, marked as a head for 'big', and said so over that project
    expect((await loadImportedModel())?.name).toBe('theirs.zip');
    expect((await loadImportedModel())?.headOnlyFor).toBeUndefined();
    expect(useModelInUse.getState().importNotKept).toBeNull();
    await forgetImportedModel();
  });

  it('Try it says which model is being read back, and waits for it', async () => {
    const { forgetImportedModel, keepImportedModel } = await import('../src/state/model-store');
    await keepImportedModel({ zip: new Uint8Array(3), name: 'tm.zip (Teachable Machine model)', savedAt: '' });
    const waiting: (() => void)[] = [];
    worker.importModel = () =>
      new Promise((resolve) => waiting.push(() => resolve({ labels: ['x'], inputSize: 224, cropMode: 'center' })));
    await useBackbone.getState().select('big');
    const seen = new Set<string | null>();
    const stop = useModelInUse.subscribe((s) => seen.add(s.switching));
    restoreTrained();
    // the worker answers each model read back (a trained one left by the tests before may come first)
    await vi.waitFor(() => {
      waiting.splice(0).forEach((answer) => answer());
      expect(useModelInUse.getState().model?.kind).toBe('imported');
    });
    stop();
    expect(seen).toContain('Reading back tm.zip (Teachable Machine model)…');
    expect(useModelInUse.getState().switching).toBeNull();
    await forgetImportedModel();
  });
});
