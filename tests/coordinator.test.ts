import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores, clearTrained, emptyProject } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useModelInUse } = await import('../src/state/model-in-use');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');

const initial = {
  training: useTraining.getState(),
  backbone: useBackbone.getState(),
  project: useProject.getState(),
  model: useModelInUse.getState(),
};
const info = (id: string, blocks: number) =>
  ({
    id,
    blocks: Array.from({ length: blocks }, (_, i) => ({ name: `block ${i}` })),
    source: 'local',
  }) as unknown as BackboneInfo;
let disconnect: () => void;

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useTraining.setState(initial.training, true);
  useBackbone.setState(initial.backbone, true);
  useProject.setState(initial.project, true);
  useModelInUse.setState(initial.model, true);
  worker.loadBackbone = async (id: string) => info(id, id === 'small' ? 2 : 5);
  disconnect = connectStores();
});
afterEach(() => disconnect());

const trained = () => {
  useTraining.setState({ status: 'done', result: { valAccuracy: 0.9 } as never });
  useModelInUse.setState({ model: { kind: 'trained', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'x' } });
};

describe('coordinator: reactions between stores', () => {
  it('another backbone starts training over: head-only settings, no model from the old one', async () => {
    await useBackbone.getState().select('big');
    useTraining.getState().updateSettings({ unfreeze: 3, frozenBlocks: ['block 0'] });
    trained();
    await useBackbone.getState().select('other');
    expect(useTraining.getState()).toMatchObject({ result: null, status: 'idle' });
    expect(useModelInUse.getState().model).toBeNull();
    expect(useTraining.getState().settings).toMatchObject({ unfreeze: 0, frozenBlocks: [] });
  });

  it('the same backbone again keeps the freeze choice where it fits, and an imported model survives', async () => {
    await useBackbone.getState().select('big');
    useTraining.getState().updateSettings({ unfreeze: 3 });
    useModelInUse.setState({
      model: { kind: 'imported', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'm.zip' },
    });
    await useBackbone.getState().select('big');
    expect(useTraining.getState().settings.unfreeze).toBe(3);
    expect(useModelInUse.getState().model?.kind).toBe('imported');
  });

  it('a run locks the project and the backbone, and its end unlocks them', async () => {
    useTraining.setState({ status: 'training' });
    expect(useProject.getState().locked).toMatch(/./);
    expect(useBackbone.getState().locked).toMatch(/./);
    useProject.getState().renameClass('x', 'y');
    expect(useProject.getState().notice).toBe(useProject.getState().locked);
    await useBackbone.getState().select('big');
    expect(useBackbone.getState().loaded).toBeNull(); // refused while locked
    useTraining.setState({ status: 'stopped' });
    expect(useProject.getState().locked).toBeNull();
    expect(useBackbone.getState().locked).toBeNull();
  });

  it('continuing an imported model: its backbone is loaded, its classes join, the next runs train its head', async () => {
    await useBackbone.getState().select('big');
    useProject.getState().addClass('cats');
    useTraining.getState().updateSettings({ unfreeze: 2, hiddenUnits: 0 });
    useTraining.setState({ result: { valAccuracy: 0.5 } as never });
    useModelInUse.setState({
      model: { kind: 'imported', labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'center', name: 'm.zip' },
    });
    const spec = { id: 'imported-m', name: 'm', inputSize: 224 };
    const start = { modelName: 'm.zip', labels: ['cats', 'dogs'], hiddenUnits: 16 };
    worker.continueImported = async () => ({ ...info('imported-m', 0), spec, start });
    await useModelInUse.getState().continueImported();
    expect(useBackbone.getState()).toMatchObject({ selected: 'imported-m', loaded: { id: 'imported-m' } });
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats', 'dogs']);
    expect(useTraining.getState()).toMatchObject({ result: null, settings: { hiddenUnits: 16, unfreeze: 0 } });
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

  it('a new project empties the classes and puts the settings back to their defaults', () => {
    useProject.getState().addClass('cats');
    useTraining.getState().updateSettings({ epochs: 3, unfreeze: 2, frozenBlocks: ['block 1'] });
    useProject.getState().setNotice('something');
    emptyProject();
    expect(useProject.getState()).toMatchObject({ classes: [], notice: null });
    expect(useTraining.getState().settings).toEqual({ ...DEFAULT_SETTINGS, frozenBlocks: [] });
  });
});
