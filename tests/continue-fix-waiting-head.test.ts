import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useModelInUse } = await import('../src/state/model-in-use');
const { useUndo, runUndo } = await import('../src/state/undo');
const { forgetImportedModel, keepImportedModel, loadImportedModel } = await import('../src/state/model-store');
const { closeDatabases } = await import('../src/core/storage/databases');

const initial = { backbone: useBackbone.getState(), model: useModelInUse.getState() };
const HEAD = 'head.zip (Transfer Studio model)';
const head = { zip: Uint8Array.of(1), name: HEAD, savedAt: '2026-01-01T00:00:00.000Z', headOnlyFor: 'X' };
const trained = { kind: 'trained' as const, labels: ['a'], inputSize: 224, cropMode: 'center' as const, name: 'run' };

let disconnect: () => void;
beforeEach(async () => {
  resetWorker();
  installLocalStorage();
  useBackbone.setState(initial.backbone, true);
  useModelInUse.setState(initial.model, true);
  worker.loadBackbone = async (id: string) => ({ id, blocks: [], source: 'local' }) as never;
  disconnect = connectStores();
  await useBackbone.getState().select('Y');
  // a head-only import made on X, waiting in storage while Y is loaded
  await keepImportedModel(head);
});
afterEach(async () => {
  // a backbone load starts a starting-point restore in the background: let it end while connected
  await new Promise((r) => setTimeout(r, 20));
  disconnect();
  await forgetImportedModel();
  await closeDatabases();
});

describe('a head-only import waiting for its backbone stays in storage', () => {
  it('through a run on another backbone (nothing to offer back: it was not in use)', async () => {
    const offers = useUndo.getState().entries.length;
    useModelInUse.getState().show(trained);
    await useModelInUse.getState().runEnded();
    expect(await loadImportedModel()).toMatchObject({ name: HEAD, headOnlyFor: 'X' });
    expect(useUndo.getState().entries.length).toBe(offers);
  });

  it('an import in use still leaves storage for a run, offered back', async () => {
    worker.importModel = async () => ({
      labels: ['a'],
      source: 'teachable-machine',
      inputSize: 224,
      cropMode: 'center',
    });
    await useModelInUse.getState().importModel(new File([Uint8Array.of(2)], 'tm.zip'));
    useModelInUse.getState().show(trained);
    await useModelInUse.getState().runEnded();
    expect(await loadImportedModel()).toBeUndefined();
    expect(useUndo.getState().entries.at(-1)!.label).toBe(
      'The model trained here took the place of tm.zip (Teachable Machine model)',
    );
  });

  it('another import takes its place in storage: offered back, the undo puts it back to wait', async () => {
    worker.importModel = async () => ({
      labels: ['a'],
      source: 'teachable-machine',
      inputSize: 224,
      cropMode: 'center',
    });
    await useModelInUse.getState().importModel(new File([Uint8Array.of(2)], 'tm.zip'));
    expect(await loadImportedModel()).toMatchObject({ name: 'tm.zip (Teachable Machine model)' });
    const offer = useUndo.getState().entries.at(-1)!;
    expect(offer.label).toBe(
      `tm.zip (Teachable Machine model) took the place in storage of ${HEAD}, which waited for its backbone`,
    );
    // its backbone is not loaded: the worker would refuse the head, so it is only kept again
    worker.importModel = async () => {
      throw new Error('not on this backbone');
    };
    expect(await runUndo(offer.id)).toBe(true);
    expect(await loadImportedModel()).toMatchObject({ name: HEAD, headOnlyFor: 'X' });
    expect(useModelInUse.getState()).toMatchObject({
      model: { name: 'tm.zip (Teachable Machine model)' },
      importNotKept: `tm.zip (Teachable Machine model) answers now, but a reload will not bring it back: ${HEAD} waits in storage for its backbone again.`,
    });
  });
});
