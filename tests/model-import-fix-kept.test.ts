import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredImport } from '../src/state/model-store';

vi.mock('../src/worker/client', () => import('./fake-worker'));

/** the import slot of model storage, in memory: each keep or forget refused while its flag is set */
const slot = vi.hoisted(() => ({
  kept: undefined as StoredImport | undefined,
  refuseKeep: false,
  refuseForget: false,
}));
vi.mock('../src/state/model-store', async (actual) => ({
  ...(await actual<typeof import('../src/state/model-store')>()),
  keepImportedModel: async (value: StoredImport) => {
    if (slot.refuseKeep) return 'browser storage is full';
    slot.kept = value;
    return null;
  },
  loadImportedModel: async () => slot.kept,
  forgetImportedModel: async () => {
    if (slot.refuseForget) throw new Error('the disk is gone');
    slot.kept = undefined;
  },
}));

const { worker, resetWorker } = await import('./fake-worker');
const { useModelInUse, modelInUseContext } = await import('../src/state/model-in-use');

const initial = useModelInUse.getState();
const file = (name: string) => new File([Uint8Array.of(1, 2, 3)], name);
let offers: { label: string }[] = [];

beforeEach(() => {
  resetWorker();
  useModelInUse.setState(initial, true);
  Object.assign(slot, { kept: undefined, refuseKeep: false, refuseForget: false });
  offers = [];
  Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  worker.importModel = async () => ({ labels: ['a', 'b'], inputSize: 224, cropMode: 'center', source: 'studio' });
  worker.useTrained = async () => true;
  modelInUseContext.connect({
    loadedBackboneId: () => 'Y',
    replacing: () => null,
    backboneAdopted: () => undefined,
    continuing: () => undefined,
    running: () => false,
    offerUndo: (offer) => void offers.push(offer),
  });
});
afterEach(() => {
  modelInUseContext.connect(null);
  vi.restoreAllMocks();
});

const A = 'a.zip (Transfer Studio model)';
const B = 'b.zip (Transfer Studio model)';

describe('an import storage refuses to keep', () => {
  it('forgets the import kept before it, so a reload does not bring that one back, and says so', async () => {
    await useModelInUse.getState().importModel(file('a.zip'));
    expect(slot.kept?.name).toBe(A);
    slot.refuseKeep = true;
    await useModelInUse.getState().importModel(file('b.zip'));
    const s = useModelInUse.getState();
    expect(s.model?.name).toBe(B);
    expect(slot.kept).toBeUndefined();
    expect(s.importNotKept).toBe(
      `${B} answers now, but a reload will not bring it back: browser storage is full. ${A}, kept before it, was forgotten, so a reload will not bring that one back either.`,
    );
    // the undo still makes a.zip answer (and keeps it again)
    expect(offers.map((o) => o.label)).toEqual([`${B} took the place of ${A}`]);
  });

  it('says a reload may bring back the one before when it cannot be forgotten either', async () => {
    await useModelInUse.getState().importModel(file('a.zip'));
    Object.assign(slot, { refuseKeep: true, refuseForget: true });
    await useModelInUse.getState().importModel(file('b.zip'));
    expect(slot.kept?.name).toBe(A);
    expect(useModelInUse.getState().importNotKept).toBe(
      `${B} answers now, but a reload will not bring it back: browser storage is full. A reload may bring back ${A} instead (the disk is gone).`,
    );
  });

  it('leaves a head waiting in storage for another backbone where it is', async () => {
    const head = { zip: Uint8Array.of(9), name: 'head.zip', savedAt: '2026-01-01T00:00:00.000Z', headOnlyFor: 'X' };
    slot.kept = head;
    slot.refuseKeep = true;
    await useModelInUse.getState().importModel(file('b.zip'));
    expect(slot.kept).toBe(head);
    expect(useModelInUse.getState().importNotKept).toBe(
      `${B} answers now, but a reload will not bring it back: browser storage is full.`,
    );
  });

  it('"Use the model trained here" forgets a stale import left in storage, and does not offer it back as the one it replaced', async () => {
    useModelInUse
      .getState()
      .show({ kind: 'trained', labels: ['a', 'b'], inputSize: 224, cropMode: 'center', name: 'trained here' });
    await useModelInUse.getState().importModel(file('a.zip'));
    Object.assign(slot, { refuseKeep: true, refuseForget: true });
    await useModelInUse.getState().importModel(file('b.zip'));
    expect(slot.kept?.name).toBe(A);
    offers = [];
    Object.assign(slot, { refuseKeep: false, refuseForget: false });
    await useModelInUse.getState().backToTrained();
    const s = useModelInUse.getState();
    expect(s.model?.name).toBe('trained here');
    expect(s.importNotKept).toBeNull();
    expect(slot.kept).toBeUndefined();
    expect(offers).toEqual([]);
  });
});
