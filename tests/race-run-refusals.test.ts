import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { useInsight } = await import('../src/state/dataset-insight');
const { closeDatabases } = await import('../src/core/storage/databases');

const initial = {
  training: useTraining.getState(),
  project: useProject.getState(),
  lr: useLrSuggestion.getState(),
  insight: useInsight.getState(),
};
const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
let disconnect: () => void;
let asked: string[];

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useTraining.setState(initial.training, true);
  useProject.setState(initial.project, true);
  useLrSuggestion.setState(initial.lr, true);
  useInsight.setState(initial.insight, true);
  asked = [];
  for (const call of ['findLearningRate', 'health', 'embedding'])
    worker[call] = async () => {
      asked.push(call);
      throw new Error('answered');
    };
  disconnect = connectStores();
  const cats = useProject.getState().addClass('cats');
  const dogs = useProject.getState().addClass('dogs');
  useProject.getState().addImages(cats, [file('a.png'), file('b.png')]);
  useProject.getState().addImages(dogs, [file('c.png'), file('d.png')]);
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

describe('what uses the backbone is refused by the stores while a run is going', () => {
  // the panels lock these a frame after the run starts (useRunning); a press in that frame reached the worker
  it.each(['warming', 'extracting', 'training'] as const)('the learning-rate finder (%s)', async (status) => {
    useTraining.setState({ status });
    await useLrSuggestion.getState().run();
    expect(asked).toEqual([]);
    expect(useLrSuggestion.getState()).toMatchObject({
      status: 'error',
      error: 'A training run is using the backbone: find the learning rate once it has ended.',
    });
  });

  it('the health check and the feature map', async () => {
    useTraining.setState({ status: 'training' });
    await useInsight.getState().checkHealth();
    await useInsight.getState().showEmbedding();
    expect(asked).toEqual([]);
    expect(useInsight.getState().health).toMatchObject({
      status: 'error',
      error: 'A training run is using the backbone: check the dataset once it has ended.',
    });
    expect(useInsight.getState().embedding).toMatchObject({
      status: 'error',
      error: 'A training run is using the backbone: show the feature map once it has ended.',
    });
  });

  it('a result shown before stays shown beside the refusal', async () => {
    const report = { issues: [] } as never;
    worker.health = async () => report;
    await useInsight.getState().checkHealth();
    expect(useInsight.getState().health).toMatchObject({ status: 'done', report });
    useTraining.setState({ status: 'training' });
    await useInsight.getState().checkHealth();
    expect(useInsight.getState().health).toMatchObject({ report, error: expect.stringMatching(/^A training run/) });
  });

  it('once the run has ended they reach the worker again', async () => {
    useTraining.setState({ status: 'done' });
    await useLrSuggestion.getState().run();
    await useInsight.getState().checkHealth();
    await useInsight.getState().showEmbedding();
    expect(asked.sort()).toEqual(['embedding', 'findLearningRate', 'health']);
  });
});
