import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../src/worker/client', () => import('./fake-worker'));
const { worker, resetWorker } = await import('./fake-worker');
const { useModelInUse } = await import('../src/state/model-in-use');

const photo = (name: string) => new File([new Uint8Array([1])], name, { type: 'image/jpeg' });

beforeEach(() => {
  resetWorker();
  useModelInUse.setState({ prediction: null, predictError: null, classifying: null });
});

describe('Try it (model-in-use predict)', () => {
  it('says which image it is classifying, and the newest image answers even when an earlier one finishes last', async () => {
    const answers: Record<string, (p: unknown) => void> = {};
    worker.predict = (file: File) => new Promise((resolve) => (answers[file.name] = resolve)) as never;
    const first = useModelInUse.getState().predict(photo('cat.jpg'));
    expect(useModelInUse.getState().classifying).toBe('cat.jpg');
    const second = useModelInUse.getState().predict(photo('dog.jpg'));
    expect(useModelInUse.getState().classifying).toBe('dog.jpg');
    answers['dog.jpg']({ classes: ['cat', 'dog'], probabilities: [0.1, 0.9] });
    await second;
    answers['cat.jpg']({ classes: ['cat', 'dog'], probabilities: [0.8, 0.2] });
    await first;
    const s = useModelInUse.getState();
    expect(s.classifying).toBeNull();
    expect(s.prediction).toMatchObject({ name: 'dog.jpg', probabilities: [0.1, 0.9] });
  });

  it('a dropped file the browser could not read is said in Try it (it was ignored without a word)', () => {
    useModelInUse.getState().cannotRead('photo.jpg');
    expect(useModelInUse.getState()).toMatchObject({
      classifying: null,
      predictError: 'photo.jpg: the browser could not read it (moved, or no permission)',
    });
  });

  it('a failed answer names the file and clears the wait', async () => {
    worker.predict = async () => {
      throw new Error('not a readable image');
    };
    await useModelInUse.getState().predict(photo('broken.jpg'));
    expect(useModelInUse.getState()).toMatchObject({
      classifying: null,
      prediction: null,
      predictError: 'broken.jpg: not a readable image',
    });
  });
});
