import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainSummary } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { useOtherModel } = await import('../src/state/other-model');
const { useUndo } = await import('../src/state/undo');
const ms = await import('../src/state/model-store');
const { keepLastModel } = await import('../src/core/storage/model-writer');
const { closeDatabases } = await import('../src/core/storage/databases');

/**
 * A head-only import waits in storage for its backbone (X) while another (Y) is loaded: switching
 * between the models trained on Y leaves it waiting, as a run does (it used to be forgotten, with no
 * undo offered).
 */
const initial = { backbone: useBackbone.getState(), training: useTraining.getState(), model: useModelInUse.getState() };
const HEAD = 'head.zip (Transfer Studio model)';
const head = { zip: Uint8Array.of(9), name: HEAD, savedAt: '2026-01-01T00:00:00.000Z', headOnlyFor: 'X' };
const result = (valAccuracy: number) =>
  ({ valAccuracy, classes: ['a', 'b'], images: { train: 8, val: 2 }, history: [] }) as unknown as TrainSummary;
let disconnect: () => void;

beforeEach(async () => {
  resetWorker();
  installLocalStorage();
  useBackbone.setState(initial.backbone, true);
  useTraining.setState(initial.training, true);
  useModelInUse.setState(initial.model, true);
  useUndo.setState({ entries: [] });
  worker.loadBackbone = async (id: string) => ({ id, blocks: [], source: 'local' }) as never;
  worker.importModel = async () => ({ labels: ['a', 'b'], inputSize: 224, cropMode: 'center', source: 'studio' });
  disconnect = connectStores();
  await useBackbone.getState().select('Y');
  await ms.keepImportedModel(head);
});
afterEach(async () => {
  await new Promise((r) => setTimeout(r, 20));
  disconnect();
  await ms.forgetImportedModel();
  await closeDatabases();
});

describe('a head waiting for its backbone', () => {
  it('stays through "Use that model instead"', async () => {
    await keepLastModel({
      zip: Uint8Array.of(1),
      result: result(0.5),
      savedAt: '2026-01-02T00:00:00Z',
      backboneId: 'Y',
    });
    await keepLastModel({
      zip: Uint8Array.of(2),
      result: result(0.6),
      savedAt: '2026-01-03T00:00:00Z',
      backboneId: 'Y',
    });
    useTraining.setState({ status: 'done', result: (await ms.loadSavedModel())!.result });
    await useOtherModel.getState().refresh();
    await useOtherModel.getState().switchToOther();
    expect(useOtherModel.getState().error).toBeNull();
    expect(useTraining.getState().result?.valAccuracy).toBe(0.5);
    expect(await ms.loadImportedModel()).toMatchObject({ name: HEAD, headOnlyFor: 'X' });
    expect(useUndo.getState().entries.map((e) => e.label)).not.toContainEqual(expect.stringMatching(/head\.zip/));
  });

  it('stays through "Use the model trained here"', async () => {
    await keepLastModel({
      zip: Uint8Array.of(2),
      result: result(0.6),
      savedAt: '2026-01-03T00:00:00Z',
      backboneId: 'Y',
    });
    // another import answers, one storage did not keep (the head stayed in its place)
    useModelInUse.setState({
      model: { kind: 'imported', labels: ['a', 'b'], inputSize: 224, cropMode: 'center', name: 'other.zip' },
    });
    await useModelInUse.getState().backToTrained();
    expect(useModelInUse.getState().model?.kind).toBe('restored');
    expect(await ms.loadImportedModel()).toMatchObject({ name: HEAD, headOnlyFor: 'X' });
    expect(useUndo.getState().entries.map((e) => e.label)).not.toContainEqual(expect.stringMatching(/head\.zip/));
  });
});
