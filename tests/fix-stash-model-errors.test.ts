import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelInfo } from '../src/state/model-in-use';

vi.mock('../src/worker/client', () => import('./fake-worker'));
const { worker, resetWorker } = await import('./fake-worker');
const { useModelInUse, modelInUseContext } = await import('../src/state/model-in-use');
const { closeDatabases } = await import('../src/core/storage/databases');

const initial = useModelInUse.getState();
const model = (kind: ModelInfo['kind'], name: string): ModelInfo => ({
  kind,
  labels: ['a', 'b'],
  inputSize: 224,
  cropMode: 'center',
  name,
});
const stale = {
  importError: 'x.zip: not a model zip',
  continueError: 'This model cannot be continued: no dense head',
  importNotKept: 'tm.zip answers now, but a reload will not bring it back: browser storage is full.',
};
const errors = () => {
  const { importError, continueError, importNotKept } = useModelInUse.getState();
  return { importError, continueError, importNotKept };
};
const none = { importError: null, continueError: null, importNotKept: null };
beforeEach(() => {
  resetWorker();
  useModelInUse.setState(initial, true);
  modelInUseContext.connect({
    loadedBackboneId: () => null,
    replacing: () => null,
    backboneAdopted: () => undefined,
    continuing: () => undefined,
    running: () => false,
    offerUndo: () => undefined,
  });
});
afterEach(async () => {
  modelInUseContext.connect(null);
  await closeDatabases();
});

describe("an import's or a continue's failure leaves Try it with the model it was about", () => {
  it('when a run or a stored model comes to answer', () => {
    useModelInUse.setState(stale);
    useModelInUse.getState().show(model('trained', 'trained here'));
    expect(errors()).toEqual(none);
    useModelInUse.setState(stale);
    useModelInUse.getState().show(model('restored', 'trained on 1/2/2024'));
    expect(errors()).toEqual(none);
  });

  it('when the import kept last visit answers again', () => {
    useModelInUse.setState(stale);
    useModelInUse.getState().restoreImported(model('imported', 'tm.zip'));
    expect(errors()).toEqual(none);
  });

  it('when the project is cleared (a new or opened project)', () => {
    useModelInUse.getState().show(model('trained', 'trained here'));
    useModelInUse.setState(stale);
    useModelInUse.getState().clear();
    expect(errors()).toEqual(none);
  });

  it('when the model trained here answers again', async () => {
    useModelInUse.getState().show(model('trained', 'trained here'));
    worker.useTrained = () => true;
    useModelInUse.setState({ model: model('imported', 'tm.zip'), continueError: stale.continueError });
    await useModelInUse.getState().backToTrained();
    expect(useModelInUse.getState().model?.name).toBe('trained here');
    expect(errors()).toEqual(none);
  });
});
