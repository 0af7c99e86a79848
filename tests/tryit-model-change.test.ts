import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelInfo } from '../src/state/model-in-use';
import type { Prediction } from '../src/worker/protocol';

vi.mock('../src/worker/client', () => import('./fake-worker'));
const { worker, resetWorker } = await import('./fake-worker');
const { useModelInUse } = await import('../src/state/model-in-use');
const { closeDatabases } = await import('../src/core/storage/databases');

const initial = useModelInUse.getState();
const photo = (name: string) => new File([new Uint8Array([1])], name, { type: 'image/jpeg' });
const trained = (name: string): ModelInfo => ({
  kind: 'trained',
  labels: ['a', 'b'],
  inputSize: 224,
  cropMode: 'center',
  name,
});
const catAnswer: Prediction = { classes: ['a', 'b'], probabilities: [0.9, 0.1] };

/** the worker answers Try it when the test says */
function answerLater() {
  const answer: { give?: (p: Prediction) => void; fail?: (err: Error) => void } = {};
  worker.predict = () =>
    new Promise((resolve, reject) => {
      answer.give = resolve;
      answer.fail = reject;
    }) as never;
  return answer;
}

beforeEach(() => {
  resetWorker();
  useModelInUse.setState(initial, true);
});
afterEach(() => closeDatabases());

describe('Try it: an answer asked of a model another one replaced meanwhile stays out', () => {
  it("an import while a photo is answered: the model before's class bars do not show under the imported model's name", async () => {
    worker.importModel = async () => ({
      labels: ['x', 'y', 'z'],
      inputSize: 224,
      cropMode: 'center',
      source: 'studio',
    });
    useModelInUse.getState().show(trained('trained here'));
    const answer = answerLater();
    const asked = useModelInUse.getState().predict(photo('cat.jpg'));
    await useModelInUse.getState().importModel(new File([new Uint8Array(3)], 'b.zip'));
    expect(useModelInUse.getState()).toMatchObject({
      model: { kind: 'imported', name: 'b.zip (Transfer Studio model)' },
      classifying: null,
      prediction: null,
    });
    answer.give!(catAnswer);
    await asked;
    // the photo gets no answer: said, so it is not taken for one still coming
    const dropped = 'cat.jpg: another model came while it was classified; choose it again.';
    expect(useModelInUse.getState()).toMatchObject({ classifying: null, prediction: null, predictError: dropped });
  });

  it("a run's final model took its first one's place while a photo was answered: the first one's failure is not said", async () => {
    useModelInUse.getState().show(trained('trained here (first model)'));
    const answer = answerLater();
    const asked = useModelInUse.getState().predict(photo('photo.jpg'));
    expect(useModelInUse.getState().classifying).toBe('photo.jpg');
    useModelInUse.getState().show(trained('trained here'));
    // the wait goes with the model it was for
    expect(useModelInUse.getState().classifying).toBeNull();
    answer.fail!(new Error('Layer dense_Dense1 is already disposed.'));
    await asked;
    expect(useModelInUse.getState()).toMatchObject({
      classifying: null,
      prediction: null,
      predictError: 'photo.jpg: another model came while it was classified; choose it again.',
    });
    // the next photo is answered by the final model
    worker.predict = async () => catAnswer;
    await useModelInUse.getState().predict(photo('photo.jpg'));
    expect(useModelInUse.getState().prediction).toMatchObject({ name: 'photo.jpg', probabilities: [0.9, 0.1] });
  });

  it('another backbone loaded while a photo is answered: the wait and the answer go with the model trained on the old one', async () => {
    useModelInUse.getState().show(trained('trained here'));
    const answer = answerLater();
    const asked = useModelInUse.getState().predict(photo('cat.jpg'));
    useModelInUse.getState().backboneReplaced('other');
    expect(useModelInUse.getState()).toMatchObject({ model: null, classifying: null });
    answer.give!(catAnswer);
    await asked;
    expect(useModelInUse.getState().prediction).toBeNull();
  });

  it('a dropped file that could not be read stays said when an answer for an image chosen before it comes', async () => {
    useModelInUse.getState().show(trained('trained here'));
    const answer = answerLater();
    const asked = useModelInUse.getState().predict(photo('cat.jpg'));
    useModelInUse.getState().cannotRead('moved.jpg');
    answer.give!(catAnswer);
    await asked;
    expect(useModelInUse.getState()).toMatchObject({
      classifying: null,
      prediction: null,
      predictError: 'moved.jpg: the browser could not read it (moved, or no permission)',
    });
  });
});
