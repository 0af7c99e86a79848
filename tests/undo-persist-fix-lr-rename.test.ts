import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { lrProject } from './fixtures/lr-project';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { projectStoresEachTest } = await import('./store-harness');
const { useProject } = await import('../src/state/project');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');

const curve = { status: 'done' as const, points: [{ lr: 1e-3, loss: 1 }], suggestion: 1e-4 };

projectStoresEachTest({ project: lrProject });
beforeEach(() => useLrSuggestion.setState(curve));

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
