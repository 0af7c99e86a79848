import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UndoOffer } from '../src/state/undo';
import { broughtSpec } from './fixtures/brought-spec';

vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage, worker } = await import('./fake-worker');
const {
  addCarriedBackbone,
  customBackboneContext,
  forgetBackbone,
  registerSavedBackbones,
  rememberBackbone,
  savedSpecs,
} = await import('../src/state/custom-backbone');
const { findBackboneSpec, registerBackbone, unregisterBackbone } = await import('../src/core/backbones/registry');
const { closeDatabases } = await import('../src/core/storage/databases');

const spec = broughtSpec('custom-mine-abc-stem-48-0_1', 'mine');
const listed = () => savedSpecs().map((s) => s.id);

let offers: UndoOffer[];
let forgotten: string[];
let unlistedKept: string[][];
beforeEach(() => {
  resetWorker();
  installLocalStorage();
  offers = [];
  forgotten = [];
  unlistedKept = [];
  worker.forgetBackboneFiles = async (id: string) => void forgotten.push(id);
  worker.forgetUnlistedBackbones = async (ids: string[]) => void unlistedKept.push(ids);
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
  unregisterBackbone(spec.id);
  await closeDatabases();
});

describe('a brought backbone removed with an undo', () => {
  it('stays in the stored list until the undo is final: a reload meanwhile keeps its weights and offers the undo again', async () => {
    await forgetBackbone(spec.id);
    expect(findBackboneSpec(spec.id)).toBeUndefined();
    expect(listed()).toContain(spec.id);
    // the page a reload brings: its weights not forgotten, the backbone unlisted until the undo is decided
    registerSavedBackbones();
    expect(unlistedKept.at(-1)).toContain(spec.id);
    expect(findBackboneSpec(spec.id)).toBeUndefined();
    expect(offers).toHaveLength(2);
  });

  it('made final: leaves the list and the cache', async () => {
    await forgetBackbone(spec.id);
    await offers[0].finalise();
    expect(listed()).not.toContain(spec.id);
    expect(forgotten).toEqual([spec.id]);
  });

  it('undone: listed and kept', async () => {
    await forgetBackbone(spec.id);
    await offers[0].undo();
    expect(findBackboneSpec(spec.id)).toBeDefined();
    expect(listed()).toContain(spec.id);
    expect(forgotten).toEqual([]);
  });

  it('brought again by an opened project before the undo ran out: registered again, and kept when it does', async () => {
    await forgetBackbone(spec.id);
    worker.bringBackbone = async () => ({ ...spec });
    expect(await addCarriedBackbone({ spec, modelJson: {}, shards: [] } as never)).toBeNull();
    expect(findBackboneSpec(spec.id)).toBeDefined();
    await offers[0].finalise();
    expect(listed()).toContain(spec.id);
    expect(forgotten).toEqual([]);
  });
});
