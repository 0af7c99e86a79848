import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UndoOffer } from '../src/state/undo';
import { broughtSpec } from './fixtures/brought-spec';

vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage, worker } = await import('./fake-worker');
const { customBackboneContext, forgetBackbone, rememberBackbone } = await import('../src/state/custom-backbone');
const { registerBackbone } = await import('../src/core/backbones/registry');
const {
  keepImportedModel,
  keepSavedModel,
  keepStartingPoint,
  forgetImportedModel,
  forgetSavedModel,
  forgetStartingPoint,
} = await import('../src/state/model-store');
const { closeDatabases } = await import('../src/core/storage/databases');
const { LOCAL_KEYS } = await import('../src/core/storage/local');

const spec = broughtSpec('custom-mine-abc-stem-48-0_1', 'my_cnn (yours, features from stem)');

let offers: UndoOffer[];
let storage: ReturnType<typeof installLocalStorage>;
beforeEach(() => {
  resetWorker();
  storage = installLocalStorage();
  offers = [];
  customBackboneContext.connect({
    selected: () => 'mobilenet-v1-0.25',
    select: async () => undefined,
    listChanged: () => undefined,
    loadWith: async () => undefined,
    markSelected: () => undefined,
    loaded: () => null,
    error: () => null,
    locked: () => null,
    offerUndo: (offer) => void offers.push(offer as UndoOffer),
  });
  registerBackbone({ ...spec });
  rememberBackbone({ ...spec });
});
afterEach(async () => {
  await Promise.all([forgetSavedModel(), forgetStartingPoint(), forgetImportedModel()]);
  await closeDatabases();
});

describe('removing a brought backbone', () => {
  it('says only that it went when nothing was made on it', async () => {
    await keepSavedModel({ zip: new Uint8Array(1), backboneId: 'mobilenet-v1-0.25', result: {} as never, savedAt: '' });
    await forgetBackbone(spec.id);
    expect(offers.map((o) => o.label)).toEqual([`Removed ${spec.name}`]);
  });

  it('names what was made on it and can no longer be used', async () => {
    await keepSavedModel({ zip: new Uint8Array(1), backboneId: spec.id, result: {} as never, savedAt: '' });
    await keepStartingPoint({ backboneId: spec.id, modelName: 'cats', labels: [], hiddenUnits: 0 } as never);
    await keepImportedModel({ zip: new Uint8Array(1), name: 'head.zip', savedAt: '', headOnlyFor: spec.id });
    await forgetBackbone(spec.id);
    const [label] = offers.map((o) => o.label);
    expect(label).toMatch(new RegExp(`^Removed ${spec.name.replace(/[()]/g, '\\$&')}`));
    expect(label).toMatch(/the trained model/i);
    expect(label).toMatch(/the starting point/);
    expect(label).toMatch(/imported head/);
    expect(label).toMatch(/Undo|bring its files again/);
  });

  it('once final, forgets its weights only when storage took the list without it: else the next visit lists it, and loads it', async () => {
    const forgotten: string[] = [];
    worker.forgetBackboneFiles = async (id: string) => void forgotten.push(id);
    await forgetBackbone(spec.id);
    storage.full.on = true;
    await offers[0].finalise?.();
    expect(forgotten).toEqual([]);
    expect(storage.store.get(LOCAL_KEYS.customBackbones)).toContain(spec.id);
    storage.full.on = false;
    await offers[0].finalise?.();
    expect(forgotten).toEqual([spec.id]);
    expect(storage.store.get(LOCAL_KEYS.customBackbones)).not.toContain(spec.id);
  });
});
