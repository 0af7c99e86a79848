import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => ({ studioWorker: () => ({}) }));
const { statusLine, statusWords } = await import('../src/ui/TrainPanel');
const { useTraining } = await import('../src/state/training');
type Result = NonNullable<ReturnType<typeof useTraining.getState>['result']>;

const done = (result: Partial<Result> | null) =>
  statusWords(statusLine({ ...useTraining.getState(), status: 'done', result: result as Result | null })).text;

describe('the Train step at the end of a run', () => {
  it('says the validation accuracy the run ended with, where the run ends', () => {
    expect(done({ valAccuracy: 0.7778, images: { train: 72, val: 18 } })).toBe(
      'Training finished: 77.8% of 18 validation images right',
    );
  });

  it('says only that it finished when there is no validation figure', () => {
    expect(done(null)).toBe('Training finished');
    expect(done({ valAccuracy: 0, images: { train: 4, val: 0 } })).toBe('Training finished');
  });
});
