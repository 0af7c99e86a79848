import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportBundle } from '../src/core/export/bundle';
import type { TrainSummary } from '../src/worker/protocol';

vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker } = await import('./fake-worker');
const { keepSavedModel, loadSavedModel, forgetSavedModel } = await import('../src/state/model-store');
const { exportForSaved } = await import('../src/state/saved-export');
const { closeDatabases } = await import('../src/core/storage/databases');

const KEPT = Uint8Array.of(1, 2, 3);
const CONVERTED = Uint8Array.of(4, 5, 6, 7);
const missing = { refused: 'No model.onnx: its converter could not be loaded (offline).', retry: true as const };

/** what the worker reads out of a kept zip: its ONNX and TFLite converted now, or refused again */
const bundle = (converted: boolean) =>
  ({
    files: {},
    zip: converted ? CONVERTED : KEPT,
    headZip: new Uint8Array(),
    onnx: converted ? { file: 'model.onnx' } : missing,
    tflite: converted ? { file: 'model.tflite' } : missing,
    ...(converted && { converted: true }),
  }) as unknown as ExportBundle;

/** each test's own record: the store builds once per kept record */
let savedAt = 0;
async function keep(): Promise<string> {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, ++savedAt)).toISOString();
  await keepSavedModel({ zip: KEPT, result: { valAccuracy: 0.9 } as unknown as TrainSummary, savedAt: at });
  return at;
}

/** a write the store may make after the download resolves, given its time */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeEach(resetWorker);
afterEach(async () => {
  vi.restoreAllMocks();
  await forgetSavedModel();
  await closeDatabases();
});

describe('a kept model converted as it is downloaded', () => {
  it('is kept converted, so the next visit does not convert it again', async () => {
    const at = await keep();
    worker.exportOfZip = async () => bundle(true);
    expect((await exportForSaved()).zip).toEqual(CONVERTED);
    await vi.waitFor(async () => expect((await loadSavedModel())?.zip).toEqual(CONVERTED));
    const saved = await loadSavedModel();
    expect(saved?.savedAt).toBe(at);
    expect(saved?.result).toMatchObject({ valAccuracy: 0.9 });
  });

  it('is kept as it was while its converters still do not load', async () => {
    await keep();
    worker.exportOfZip = async () => bundle(false);
    await exportForSaved();
    await settle();
    expect((await loadSavedModel())?.zip).toEqual(KEPT);
  });

  it('is still downloaded when storage has no room to keep it converted', async () => {
    await keep();
    worker.exportOfZip = async () => bundle(true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    expect((await exportForSaved()).zip).toEqual(CONVERTED);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringMatching(/converted model was not kept/)));
    vi.mocked(IDBObjectStore.prototype.put).mockRestore();
    expect((await loadSavedModel())?.zip).toEqual(KEPT);
  });

  it('does not write over a model kept in its place while it was converted', async () => {
    await keep();
    let newer = '';
    worker.exportOfZip = async () => {
      newer = await keep();
      return bundle(true);
    };
    await exportForSaved();
    await settle();
    const saved = await loadSavedModel();
    expect(saved?.savedAt).toBe(newer);
    expect(saved?.zip).toEqual(KEPT);
  });
});
