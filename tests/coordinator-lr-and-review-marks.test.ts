import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { resolveSettings } = await import('../src/core/train/settings');
const { parseProjectRecord } = await import('../src/core/project/record');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { useUndo, runUndo } = await import('../src/state/undo');
const { coordinatorStoresEachTest } = await import('./helpers-coordinator');

coordinatorStoresEachTest();

describe('coordinator: reactions between stores', () => {
  it("the review's 'train again' marks stay when a run that ended with no model gives the earlier result back", async () => {
    const { useInsight } = await import('../src/state/dataset-insight');
    const before = { valAccuracy: 0.8 } as never;
    useTraining.setState({ result: before });
    const marks = { i1: { what: 'moved' as const, from: 'c1' } };
    useInsight.setState({ changed: marks });
    // the run starts (its result goes), then ends with nothing of its own: the earlier result comes back
    useTraining.setState({ result: null });
    useTraining.setState({ result: before });
    expect(useInsight.getState().changed).toEqual(marks);
    // a new run's result does clear them
    useTraining.setState({ result: { valAccuracy: 0.9 } as never });
    expect(useInsight.getState().changed).toEqual({});
  });

  it('a learning-rate curve goes when the images or the backbone change (its rate was for other data)', async () => {
    const done = { status: 'done' as const, points: [{ lr: 1e-3, loss: 1 }], suggestion: 1e-4 };
    useLrSuggestion.setState(done);
    useProject.getState().addClass('birds');
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'idle', points: [], suggestion: null });
    useLrSuggestion.setState(done);
    await useBackbone.getState().select('big');
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'idle', suggestion: null });
    // while it runs: its answer is for images that are no longer the project's, and goes when it returns
    let answer!: (r: object) => void;
    worker.findLearningRate = () => new Promise((resolve) => (answer = resolve));
    useProject.getState().addClass('cats');
    const sweep = useLrSuggestion.getState().run();
    expect(useLrSuggestion.getState().status).toBe('extracting');
    useProject.getState().addClass('fish');
    answer({ points: done.points, suggestion: 1e-4, diverged: false });
    await sweep;
    expect(useLrSuggestion.getState()).toMatchObject({
      status: 'idle',
      suggestion: null,
      notice: 'The images changed while the finder ran: run it again.',
    });
    useLrSuggestion.setState({ status: 'idle', points: [], suggestion: null, notice: null });
    // Stop while it extracts is a stop, not an error
    worker.findLearningRate = async () => {
      throw new Error('stopped');
    };
    await useLrSuggestion.getState().run();
    expect(useLrSuggestion.getState()).toMatchObject({ status: 'idle', stopped: true, error: null });
  });

  it("the learning-rate finder's rate is used: a head-only run's automatic recipe gives way to a hand one", async () => {
    const typed = useTraining.getState().settings.learningRate;
    useLrSuggestion.setState({ suggestion: 0.0031234 });
    useLrSuggestion.getState().apply();
    // the automatic recipe would have trained with its own rate and ignored this one
    expect(useTraining.getState().settings).toMatchObject({ learningRate: 0.0031, recipe: 'manual' });
    // the rate it replaced, and the automatic recipe, are offered back
    const offer = useUndo.getState().entries.at(-1)!;
    expect(offer.label).toBe(`Learning rate set to 0.0031 (was ${typed} with the automatic head recipe)`);
    // epochs typed meanwhile (a hand recipe's field), then the rate undone: the automatic recipe back
    useTraining.getState().updateSettings({ epochs: 20 });
    expect(await runUndo(offer.id)).toBe(true);
    expect(useTraining.getState().settings.learningRate).toBe(typed);
    // by name: unset, it was lost in a project zip's JSON, and the typed epochs there read as a hand recipe
    expect(useTraining.getState().settings.recipe).toBe('auto');
    const throughZip = parseProjectRecord(
      JSON.parse(
        JSON.stringify({ version: 1, classes: [], settings: useTraining.getState().settings, backboneId: 'x' }),
      ),
    );
    expect(resolveSettings(throughZip.settings).recipe).toBe('auto');
    useLrSuggestion.getState().apply();
    useTraining.getState().updateSettings({ unfreeze: 2, recipe: 'auto' });
    useLrSuggestion.setState({ suggestion: 0.0005 });
    useLrSuggestion.getState().apply();
    // while blocks train it is a hand recipe too (as a rate typed then is): frozen again, the head keeps
    // that rate instead of the automatic recipe silently choosing its own
    expect(useTraining.getState().settings).toMatchObject({ learningRate: 0.0005, recipe: 'manual' });
  });
});
