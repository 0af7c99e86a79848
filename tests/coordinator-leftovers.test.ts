import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useTraining, RUN_LOCK } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useOtherModel } = await import('../src/state/other-model');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { connectedStoresEachTest } = await import('./store-harness');
const { useUndo } = await import('../src/state/undo');

connectedStoresEachTest([useTraining, useProject, useOtherModel]);

describe('what is left on the page once something else has happened', () => {
  it('Train pressed while the kept model is being put back does not start a run under it', async () => {
    const f = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
    const cats = useProject.getState().addClass('cats');
    const dogs = useProject.getState().addClass('dogs');
    useProject.getState().addImages(cats, [f('a.png'), f('b.png')]);
    useProject.getState().addImages(dogs, [f('c.png'), f('d.png')]);
    let trained = 0;
    worker.train = () => (trained++, new Promise(() => undefined));
    useOtherModel.setState({ swapping: true });
    await useTraining.getState().train();
    expect(trained).toBe(0);
    expect(useTraining.getState().status).toBe('idle');
    expect(useTraining.getState().error).toBe('The kept model is being put back: train once that is done.');
  });

  it("an edit refused during a run does not leave the lock's words on the page after the run", () => {
    useTraining.setState({ status: 'training' });
    expect(useProject.getState().locked).toBe(RUN_LOCK);
    // what a refused move or deletion does (state/project-undo.ts refused)
    useProject.getState().setNotice(RUN_LOCK);
    useTraining.setState({ status: 'done' });
    expect(useProject.getState().locked).toBeNull();
    expect(useProject.getState().notice).toBeNull();
    // another notice stays
    useTraining.setState({ status: 'training' });
    useProject.getState().setNotice('Skipped 2 files that are not images');
    useTraining.setState({ status: 'done' });
    expect(useProject.getState().notice).toBe('Skipped 2 files that are not images');
  });

  it("the finder's rate put into an emptied field says the field was empty, not NaN", () => {
    useTraining.getState().updateSettings({ learningRate: NaN, recipe: 'manual' });
    useLrSuggestion.setState({ suggestion: 0.0031 });
    useLrSuggestion.getState().apply();
    expect(useUndo.getState().entries.at(-1)!.label).toBe('Learning rate set to 0.0031 (the field was empty)');
  });
});
