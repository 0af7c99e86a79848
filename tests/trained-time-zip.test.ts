import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker } = await import('./fake-worker');
const { useModelInUse } = await import('../src/state/model-in-use');
const { useTraining } = await import('../src/state/training');
const { noteTrained, storedModelInfo, trainedAt, forgetSavedModel } = await import('../src/state/model-store');
const { modelsForZip } = await import('../src/ui/project-carried');
const { readTrained, trainedBytes } = await import('../src/state/result-file');
const { trainedWhen } = await import('../src/state/trained-when');
const { closeDatabases } = await import('../src/core/storage/databases');
const { trainSummary } = await import('./fixtures/train-summary');

const TRAINED = new Date(2026, 11, 6, 19, 49, 10);
const OPENED = new Date(2026, 11, 6, 19, 51, 30);
const info = { labels: ['a', 'b'], inputSize: 224, cropMode: 'center' as const };

afterEach(async () => {
  vi.useRealTimers();
  resetWorker();
  useModelInUse.setState({ model: null });
  useTraining.setState({ result: null });
  await forgetSavedModel().catch(() => undefined);
  await closeDatabases();
});

describe("a model's training time", () => {
  it('is kept once: a later note of the same run does not move it', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const result = trainSummary({ classes: ['a', 'b'] });
    vi.setSystemTime(TRAINED);
    noteTrained(result);
    vi.setSystemTime(OPENED);
    noteTrained(result);
    expect(trainedAt(result)).toBe(TRAINED.toISOString());
  });

  it('survives a project zip written minutes later and opened again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const result = trainSummary({ classes: ['a', 'b'] });
    vi.setSystemTime(TRAINED);
    noteTrained(result);
    // the model a run handed over answers; the zip is written and opened two minutes later
    vi.setSystemTime(OPENED);
    worker.exportModel = async () => ({ zip: Uint8Array.of(1), files: { 'model.json': Uint8Array.of(2) } });
    useTraining.setState({ result });
    useModelInUse.setState({ model: { kind: 'trained', ...info, name: 'trained here' } });
    const { trained } = await modelsForZip();
    expect(trained?.saved.savedAt).toBe(TRAINED.toISOString());
    // as Open project reads it back: named by when it was trained, not when it was opened
    const back = readTrained(trainedBytes(trained!.saved));
    const name = storedModelInfo({ zip: trained!.zip, ...back }, info).name;
    expect(name).toBe(trainedWhen(TRAINED.toISOString()));
    expect(name).not.toBe(trainedWhen(OPENED.toISOString()));
  });

  it("is what the worker keeps the run's model with", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const result = trainSummary({ classes: ['a', 'b'] });
    vi.setSystemTime(TRAINED);
    noteTrained(result);
    vi.setSystemTime(OPENED);
    const asked: unknown[] = [];
    worker.exportModel = async (...args: unknown[]) => {
      asked.push(args);
      return { zip: Uint8Array.of(1), files: {} };
    };
    const { saveTrainedModel } = await import('../src/state/model-store');
    await saveTrainedModel(result);
    expect(asked).toEqual([[true, TRAINED.toISOString()]]);
  });
});
