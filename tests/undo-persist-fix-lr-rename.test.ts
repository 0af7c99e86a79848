import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { closeDatabases } = await import('../src/core/storage/databases');

const image = (id: string) => ({ id, file: new File([new Uint8Array([1])], `${id}.png`), url: '' });
const curve = { status: 'done' as const, points: [{ lr: 1e-3, loss: 1 }], suggestion: 1e-4 };
let disconnect: () => void;

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useProject.setState({
    locked: null,
    notice: null,
    classes: [
      { id: 'c1', name: 'cats', images: [image('a'), image('b')] },
      { id: 'c2', name: 'dogs', images: [image('d')] },
    ],
  });
  disconnect = connectStores();
  useLrSuggestion.setState(curve);
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

describe("the learning-rate finder's curve", () => {
  it('stays when a class is renamed: the same images under the same labels', () => {
    useProject.getState().renameClass('c1', 'kittens');
    expect(useProject.getState().classes[0].name).toBe('kittens');
    expect(useLrSuggestion.getState()).toMatchObject(curve);
  });

  it('goes when an image moves to another class, or goes', () => {
    useProject.getState().moveImages(['a'], 'c2');
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'idle', points: [], suggestion: null });
    useLrSuggestion.setState(curve);
    useProject.getState().removeImages(['d']);
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'idle', suggestion: null });
  });

  it('goes when a class is added, removed or the classes change order (the labels are other ones)', () => {
    useProject.getState().addClass('birds');
    expect(useLrSuggestion.getState().suggestion).toBeNull();
    useLrSuggestion.setState(curve);
    useProject.getState().removeClass(useProject.getState().classes[2].id);
    expect(useLrSuggestion.getState().suggestion).toBeNull();
    useLrSuggestion.setState(curve);
    useProject.setState((s) => ({ classes: [...s.classes].reverse() }));
    expect(useLrSuggestion.getState().suggestion).toBeNull();
  });
});
