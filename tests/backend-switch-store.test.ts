import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo, BackendInfo, BackendSwitch } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { useBackbone } = await import('../src/state/backbone');
const { keepChoice, storedChoice } = await import('../src/state/backend-plan');

const probes = ['webgpu', 'webgl', 'wasm', 'cpu'].map((name) => ({ name, ok: true }));
const state = (active: string, head: string | null = null): BackendInfo => ({
  active,
  reason: 'start',
  probes,
  signature: 'sig',
  head: head ? { name: head, reason: 'chosen by you' } : null,
});
const fromFiles = (id: string) =>
  ({ id, blocks: [], source: 'files', where: 'model.json', paramCount: 1 }) as BackboneInfo;
const initial = useBackbone.getState();

/** a worker that answers switches with `answer`, logging every call */
function switches(answer: (name: string) => BackendSwitch) {
  const calls: string[] = [];
  worker.switchBackend = async (
    name: string,
    _why: string,
    base: string,
    onProgress: (f: number, d: string) => void,
  ) => {
    calls.push(`switchBackend ${name} ${base}`);
    onProgress(0.5, 'model.json');
    return answer(name);
  };
  for (const other of ['init', 'loadBackbone', 'loadBackboneFiles']) worker[other] = async () => void calls.push(other);
  return calls;
}

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useBackbone.setState(initial, true);
  useBackbone.setState({ backend: state('webgpu'), loaded: fromFiles('mobilenet-v1-0.25'), status: 'ready' });
});

describe('a backend picked by hand', () => {
  it("moves the loaded backbone in one worker call: one from the user's files is not loaded again by id", async () => {
    const moved = { ...fromFiles('mobilenet-v1-0.25'), paramCount: 2 };
    const calls = switches((name) => ({ backend: state(name), reloaded: { backbone: moved } }));
    const before = useBackbone.getState().loaded;
    const shown: string[] = [];
    const stop = useBackbone.subscribe((s) => shown.push(s.status));
    await useBackbone.getState().pickBackend('webgl');
    stop();
    expect(calls).toEqual(['switchBackend webgl /models/']);
    expect(shown).toContain('loading');
    expect(useBackbone.getState()).toMatchObject({
      status: 'ready',
      error: null,
      backend: { active: 'webgl' },
      loaded: moved,
      lastLoad: { before, loaded: moved },
    });
  });

  it('while the page shows none (another pick failed) but the worker moved its own: that one is selected and loaded', async () => {
    const held = fromFiles('mobilenet-v1-0.25');
    switches((name) => ({ backend: state(name), reloaded: { backbone: held } }));
    useBackbone.setState({ selected: 'mobilenet-v2-0.35', loaded: null, status: 'error', error: 'offline' });
    await useBackbone.getState().pickBackend('webgl');
    // the page said V2 ticked with V1 loaded, and kept the model the move had dropped
    expect(useBackbone.getState()).toMatchObject({
      status: 'ready',
      error: null,
      selected: 'mobilenet-v1-0.25',
      loaded: held,
      lastLoad: { before: held, loaded: held },
    });
  });

  it('that the backbone cannot follow keeps the backbone and the backend it lives on, and is not remembered', async () => {
    switches(() => ({ backend: state('webgpu'), reloaded: { error: 'offline: no copy of its files' } }));
    const before = useBackbone.getState().loaded;
    await useBackbone.getState().pickBackend('webgl');
    expect(useBackbone.getState()).toMatchObject({
      status: 'ready',
      loaded: before,
      lastLoad: null,
      backend: { active: 'webgpu' },
      backendError: null,
      error: 'The backbone could not be loaded onto webgl, so it stays on webgpu: offline: no copy of its files',
    });
    expect(storedChoice()).toBeNull();
  });

  it('remembers the head as the worker answered: one it dropped is not picked again on the next visit', async () => {
    keepChoice('sig', { head: 'webgl' });
    useBackbone.setState({ backend: state('webgpu', 'webgl') });
    // the head's backend made the active one: head-only runs train where the features are extracted
    switches((name) => ({ backend: state(name), reloaded: null }));
    await useBackbone.getState().pickBackend('webgl');
    expect(useBackbone.getState().backend?.head).toBeNull();
    expect(storedChoice()).toEqual({ signature: 'sig', backend: 'webgl', head: null });
  });

  it('a head still elsewhere is remembered with the backend', async () => {
    switches((name) => ({ backend: state(name, 'webgpu'), reloaded: null }));
    await useBackbone.getState().pickBackend('wasm');
    expect(storedChoice()).toEqual({ signature: 'sig', backend: 'wasm', head: 'webgpu' });
  });

  it('a backbone chosen during the move loads after it', async () => {
    let answer = () => {};
    const order: string[] = [];
    worker.switchBackend = () =>
      new Promise<BackendSwitch>((resolve) => {
        answer = () => (order.push('moved'), resolve({ backend: state('webgl'), reloaded: null }));
      });
    worker.loadBackbone = async (id: string) => (order.push(`load ${id}`), fromFiles(id));
    const switching = useBackbone.getState().switchBackend('webgl');
    const picked = useBackbone.getState().select('other');
    await new Promise((r) => setTimeout(r, 10));
    answer();
    await Promise.all([switching, picked]);
    expect(order).toEqual(['moved', 'load other']);
    expect(useBackbone.getState().loaded?.id).toBe('other');
  });
});
