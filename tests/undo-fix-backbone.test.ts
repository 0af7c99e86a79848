import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BroughtBackbonePage } from './helpers-brought-backbone';
import { broughtSpec } from './fixtures/brought-spec';

vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { broughtBackbonePage } = await import('./helpers-brought-backbone');
const { addCarriedBackbone, forgetBackbone, registerSavedBackbones, savedSpecs } =
  await import('../src/state/custom-backbone');
const { findBackboneSpec, unregisterBackbone } = await import('../src/core/backbones/registry');
const { closeDatabases } = await import('../src/core/storage/databases');

const spec = broughtSpec('custom-mine-abc-stem-48-0_1', 'mine');
const listed = () => savedSpecs().map((s) => s.id);

let page: BroughtBackbonePage;
beforeEach(() => {
  page = broughtBackbonePage(spec, 'mobilenet-v1-0.25');
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
    expect(page.unlistedKept.at(-1)).toContain(spec.id);
    expect(findBackboneSpec(spec.id)).toBeUndefined();
    expect(page.offers).toHaveLength(2);
  });

  it('made final: leaves the list and the cache', async () => {
    await forgetBackbone(spec.id);
    await page.offers[0].offer.finalise();
    expect(listed()).not.toContain(spec.id);
    expect(page.forgotten).toEqual([spec.id]);
  });

  it('undone: listed and kept', async () => {
    await forgetBackbone(spec.id);
    await page.offers[0].offer.undo();
    expect(findBackboneSpec(spec.id)).toBeDefined();
    expect(listed()).toContain(spec.id);
    expect(page.forgotten).toEqual([]);
  });

  it('brought again by an opened project before the undo ran out: registered again, and kept when it does', async () => {
    await forgetBackbone(spec.id);
    worker.bringBackbone = async () => ({ ...spec });
    expect(await addCarriedBackbone({ spec, modelJson: {}, shards: [] } as never)).toBeNull();
    expect(findBackboneSpec(spec.id)).toBeDefined();
    await page.offers[0].offer.finalise();
    expect(listed()).toContain(spec.id);
    expect(page.forgotten).toEqual([]);
  });
});
