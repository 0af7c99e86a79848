import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredImport } from '../src/state/model-store';
import { STORAGE_SILENT } from '../src/core/storage/model-writer';

vi.mock('../src/worker/client', () => import('./fake-worker'));

/** the import slot of model storage, in memory: a keep stores the value, then answers `answer` */
const slot = vi.hoisted(() => ({ kept: undefined as StoredImport | undefined, answer: null as string | null }));
vi.mock('../src/state/model-store', async (actual) => ({
  ...(await actual<typeof import('../src/state/model-store')>()),
  keepImportedModel: async (value: StoredImport) => {
    slot.kept = value;
    return slot.answer;
  },
  loadImportedModel: async () => slot.kept,
  forgetImportedModel: async () => {
    slot.kept = undefined;
  },
}));

const { resetWorker, worker } = await import('./fake-worker');
const { useModelInUse, modelInUseContext } = await import('../src/state/model-in-use');

const initial = useModelInUse.getState();
const file = (name: string) => new File([Uint8Array.of(1, 2, 3)], name);

beforeEach(() => {
  resetWorker();
  useModelInUse.setState(initial, true);
  Object.assign(slot, { kept: undefined, answer: null });
  Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  worker.importModel = async () => ({ labels: ['a', 'b'], inputSize: 224, cropMode: 'center', source: 'studio' });
  modelInUseContext.connect({
    loadedBackboneId: () => 'Y',
    replacing: () => null,
    backboneAdopted: () => undefined,
    continuing: () => undefined,
    running: () => false,
    offerUndo: () => undefined,
  });
});
afterEach(() => {
  modelInUseContext.connect(null);
  vi.restoreAllMocks();
});

const B = 'b.zip (Transfer Studio model)';

describe('an import whose keep gave up while the write may still land', () => {
  it('forgets nothing when storage did not answer: the write may land, and a reload may bring it back', async () => {
    await useModelInUse.getState().importModel(file('a.zip'));
    slot.answer = STORAGE_SILENT;
    await useModelInUse.getState().importModel(file('b.zip'));
    expect(slot.kept?.name).toBe(B);
    const note = useModelInUse.getState().importNotKept;
    expect(note).not.toContain('kept before it');
    expect(note).toBe(`${B} answers now, but a reload may not bring it back: ${STORAGE_SILENT}.`);
  });

  it('never forgets the stored import when it is the one just kept, whatever the reason given', async () => {
    await useModelInUse.getState().importModel(file('a.zip'));
    slot.answer = 'browser storage is full';
    await useModelInUse.getState().importModel(file('b.zip'));
    expect(slot.kept?.name).toBe(B);
    // its write landed after all: a reload brings it back, so nothing is said
    expect(useModelInUse.getState().importNotKept).toBeNull();
  });
});
