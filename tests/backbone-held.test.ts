import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { broughtSpec } from './fixtures/brought-spec';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { useCustomBackbone } = await import('../src/state/custom-backbone');
const { unregisterBackbone } = await import('../src/core/backbones/registry');
const { backboneInfo, connectedStoresEachTest } = await import('./store-harness');
const { backboneStepStatus } = await import('../src/ui/layout/StepNav');

connectedStoresEachTest([useTraining, useBackbone, useModelInUse]);
const info = (id: string) => backboneInfo(id);

const trained = () => {
  useTraining.setState({ status: 'done', result: { valAccuracy: 0.9 } as never });
  useModelInUse.setState({ model: { kind: 'trained', labels: ['a'], inputSize: 224, cropMode: 'center', name: 'x' } });
};

/** a worker whose loads of `failing` fail until it is back online */
function loads(failing: string) {
  const online = { on: false };
  worker.loadBackbone = async (id: string) => {
    if (id === failing && !online.on) throw new Error('offline');
    return info(id);
  };
  return online;
}

describe('a pick that failed, while the worker kept the backbone before it', () => {
  it('the next load replaces that backbone: the model trained on it goes from the page as the worker dropped it', async () => {
    const online = loads('other');
    await useBackbone.getState().select('big');
    trained();
    await useBackbone.getState().select('other');
    expect(useBackbone.getState()).toMatchObject({ status: 'error', loaded: null, held: { id: 'big' } });
    // the worker still holds big and its model: nothing is cleared yet
    expect(useTraining.getState().result).not.toBeNull();
    online.on = true;
    await useBackbone.getState().select('other');
    expect(useBackbone.getState().lastLoad).toMatchObject({ before: { id: 'big' }, loaded: { id: 'other' } });
    // before, this read as the first load: Evaluate and "model ready" stayed for a model the worker threw away
    expect(useTraining.getState().result).toBeNull();
    expect(useModelInUse.getState().model).toBeNull();
  });

  it('the backbone it held, picked again, keeps its model (the worker answers with it as it is)', async () => {
    loads('other');
    await useBackbone.getState().select('big');
    trained();
    await useBackbone.getState().select('other');
    await useBackbone.getState().select('big');
    expect(useBackbone.getState()).toMatchObject({ status: 'ready', loaded: { id: 'big' } });
    expect(useBackbone.getState().lastLoad).toMatchObject({ kept: true });
    expect(useTraining.getState().result).toMatchObject({ valAccuracy: 0.9 });
    expect(useModelInUse.getState().model).toMatchObject({ kind: 'trained' });
  });

  it('a first load that failed holds nothing: the next success is the first backbone in', async () => {
    const online = loads('big');
    await useBackbone.getState().select('big');
    expect(useBackbone.getState()).toMatchObject({ status: 'error', held: null });
    online.on = true;
    await useBackbone.getState().select('big');
    expect(useBackbone.getState().lastLoad).toEqual({ before: null, loaded: info('big') });
  });
});

describe('a brought backbone removed while it loads', () => {
  it('the Model step names it without its spec (the header crashed)', () => {
    const spec = broughtSpec('custom-gone-abc-stem-48-0_1', 'gone');
    unregisterBackbone(spec.id);
    expect(() => backboneStepStatus({ status: 'ready', loaded: { id: spec.id } })).not.toThrow();
    expect(backboneStepStatus({ status: 'ready', loaded: { id: spec.id } })).toBe('a removed backbone');
    expect(backboneStepStatus({ status: 'ready', loaded: { id: 'mobilenet-v1-0.25' } })).not.toMatch(/removed/);
  });
});

describe('"Use this backbone" with a pick made while it loads', () => {
  it('the pick loads after it and stays selected (it was dropped)', async () => {
    const spec = broughtSpec('custom-mine-abc-stem-48-0_1', 'mine');
    const order: string[] = [];
    let answer!: () => void;
    worker.useCustomBackbone = () =>
      new Promise((resolve) => (answer = () => (order.push('brought'), resolve({ ...info(spec.id), spec }))));
    worker.loadBackbone = async (id: string) => (order.push(`load ${id}`), info(id));
    const adopting = useCustomBackbone.getState().adopt({} as never);
    await vi.waitFor(() => expect(useBackbone.getState().status).toBe('loading'));
    const picked = useBackbone.getState().select('big');
    answer();
    await Promise.all([adopting, picked]);
    expect(order).toEqual(['brought', 'load big']);
    expect(useBackbone.getState()).toMatchObject({ status: 'ready', selected: 'big', loaded: { id: 'big' } });
  });

  it('with no pick meanwhile, the brought backbone is the selected one', async () => {
    const spec = broughtSpec('custom-mine2-abc-stem-48-0_1', 'mine2');
    worker.useCustomBackbone = async () => ({ ...info(spec.id), spec });
    await useCustomBackbone.getState().adopt({} as never);
    expect(useBackbone.getState()).toMatchObject({ status: 'ready', selected: spec.id, loaded: { id: spec.id } });
    expect(useCustomBackbone.getState().error).toBeNull();
  });
});
