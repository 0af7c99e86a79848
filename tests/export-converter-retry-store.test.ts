import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportBundle } from '../src/core/export/bundle';
import type { TrainSummary } from '../src/worker/protocol';

vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker } = await import('./fake-worker');
const { exportFor, keepSavedModel } = await import('../src/state/model-store');
const { exportForSaved } = await import('../src/state/saved-export');

const missing = (file: string) => ({
  refused: `No ${file}: its converter could not be loaded (offline). Try the download again`,
  retry: true as const,
});
const bundle = (converted: boolean) =>
  ({
    files: {},
    zip: new Uint8Array(),
    headZip: new Uint8Array(),
    onnx: converted ? { file: 'model.onnx' } : missing('model.onnx'),
    tflite: converted ? { file: 'model.tflite' } : missing('model.tflite'),
  }) as unknown as ExportBundle;

/** the worker's answers in turn: first with the converters missing, then with them */
function answers(...converted: boolean[]) {
  const asked: number[] = [];
  const next = async () => {
    asked.push(asked.length);
    return bundle(converted[asked.length - 1] ?? true);
  };
  return { asked, next };
}

beforeEach(resetWorker);

describe('a download whose converters could not be loaded', () => {
  it('builds the export again on the next press, then keeps the one that converted', async () => {
    const { asked, next } = answers(false, true);
    worker.exportModel = next;
    const result = {} as TrainSummary;
    expect((await exportFor(result)).onnx).toEqual(missing('model.onnx'));
    expect((await exportFor(result)).onnx).toEqual({ file: 'model.onnx' });
    expect((await exportFor(result)).onnx).toEqual({ file: 'model.onnx' });
    expect(asked).toHaveLength(2);
  });

  it('reads the saved model out of its zip again on the next press', async () => {
    const { asked, next } = answers(false, true);
    worker.exportOfZip = next;
    await keepSavedModel({
      zip: Uint8Array.of(1),
      result: {} as TrainSummary,
      savedAt: '2026-01-01T00:00:00.000Z',
    } as Parameters<typeof keepSavedModel>[0]);
    expect((await exportForSaved()).tflite).toEqual(missing('model.tflite'));
    expect((await exportForSaved()).tflite).toEqual({ file: 'model.tflite' });
    await exportForSaved();
    expect(asked).toHaveLength(2);
  });
});
