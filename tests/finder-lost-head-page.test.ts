import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo, BackendInfo, LrFinderAnswer } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { useProject } = await import('../src/state/project');
const { keepChoice, storedChoice } = await import('../src/state/backend-plan');
const { closeDatabases } = await import('../src/core/storage/databases');

const initial = {
  backbone: useBackbone.getState(),
  finder: useLrSuggestion.getState(),
  project: useProject.getState(),
};
const probes = (webgl: boolean) => [
  { name: 'webgl', ok: webgl, ...(!webgl && { note: 'failed training a head: WebGL context lost' }) },
  { name: 'wasm', ok: true },
];
const state = (head: BackendInfo['head'], webgl = true): BackendInfo => ({
  active: 'wasm',
  reason: 'start',
  probes: probes(webgl),
  signature: 'sig',
  head,
});
const curve = { points: [{ lr: 1e-3, loss: 1 }], suggestion: 1e-4, steepest: 1e-4, diverged: false };
let disconnect: () => void;

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useBackbone.setState({ ...initial.backbone, backend: state({ name: 'webgl', reason: 'chosen by you' }) }, true);
  useLrSuggestion.setState(initial.finder, true);
  useProject.setState(
    {
      ...initial.project,
      classes: ['a', 'b'].map((id) => ({ id, name: id, images: [{ id: `${id}1`, file: new Blob() }] })),
    } as never,
    true,
  );
  useBackbone.setState({ loaded: { id: 'x' } as BackboneInfo, status: 'ready' });
  disconnect = connectStores();
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

describe('a head backend the learning-rate finder lost', () => {
  it('leaves the page: the backend state is shown as the worker has it, and the hand pick is not kept', async () => {
    keepChoice('sig', { head: 'webgl' });
    const after = state(null, false);
    worker.findLearningRate = async (): Promise<LrFinderAnswer> => ({
      ...curve,
      headLost: { from: 'webgl', backend: after },
    });
    await useLrSuggestion.getState().run();
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'done', suggestion: 1e-4 });
    expect(useBackbone.getState().backend).toEqual(after);
    expect(storedChoice()?.head).toBeNull();
  });

  it('a sweep whose head backend held leaves both as they were', async () => {
    keepChoice('sig', { head: 'webgl' });
    const before = useBackbone.getState().backend;
    worker.findLearningRate = async (): Promise<LrFinderAnswer> => curve;
    await useLrSuggestion.getState().run();
    expect(useLrSuggestion.getState().status).toBe('done');
    expect(useBackbone.getState().backend).toBe(before);
    expect(storedChoice()?.head).toBe('webgl');
  });
});
