import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo, BackendSwitch } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { closeDatabases } = await import('../src/core/storage/databases');

const initial = { backbone: useBackbone.getState(), finder: useLrSuggestion.getState() };
const info = (id: string, where = 'x') =>
  ({ id, blocks: [], source: 'local', where, paramCount: 1 }) as unknown as BackboneInfo;
const done = { status: 'done' as const, points: [{ lr: 1e-3, loss: 1 }], suggestion: 1e-4 };
let disconnect: () => void;

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useBackbone.setState(initial.backbone, true);
  useLrSuggestion.setState(initial.finder, true);
  worker.loadBackbone = async (id: string) => info(id);
  disconnect = connectStores();
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

describe("the learning-rate finder's curve and a backend switch", () => {
  it('stays: the same backbone on another backend gives the same features; another backbone still clears it', async () => {
    await useBackbone.getState().select('big');
    useLrSuggestion.setState(done);
    // the worker loads the backbone it holds again on the other backend
    worker.switchBackend = async (name: string): Promise<BackendSwitch> => ({
      backend: { active: name, reason: 'chosen by you', probes: [], signature: 'sig', head: null },
      reloaded: { backbone: info('big', 'moved') },
    });
    await useBackbone.getState().pickBackend('webgl');
    expect(useBackbone.getState().lastLoad).toMatchObject({ before: { id: 'big' }, loaded: { where: 'moved' } });
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'done', suggestion: 1e-4 });

    await useBackbone.getState().select('other');
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'idle', points: [], suggestion: null });
  });
});
