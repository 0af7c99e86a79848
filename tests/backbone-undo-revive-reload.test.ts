import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BroughtBackbonePage } from './helpers-brought-backbone';
import { broughtSpec } from './fixtures/brought-spec';

vi.mock('../src/worker/client', () => import('./fake-worker'));

const { broughtBackbonePage } = await import('./helpers-brought-backbone');
const { forgetBackbone, registerSavedBackbones, savedSpecs } = await import('../src/state/custom-backbone');
const { parseSaved, parseSavedBackbone } = await import('../src/state/saved-undo');
const { findBackboneSpec, unregisterBackbone } = await import('../src/core/backbones/registry');
const { LOCAL_KEYS } = await import('../src/core/storage/local');
const { closeDatabases } = await import('../src/core/storage/databases');

const spec = broughtSpec('custom-mine-abc-stem-48-0_2', 'mine');
const listed = () => savedSpecs().map((s) => s.id);

let page: BroughtBackbonePage;
/** the page a reload brings: nothing registered but what the stored list gives */
const reload = () => {
  unregisterBackbone(spec.id);
  page.offers = [];
  registerSavedBackbones();
};
const storedEntry = () =>
  (JSON.parse(page.store.get(LOCAL_KEYS.customBackbones) ?? '[]') as { id: string; removing?: unknown }[]).find(
    (s) => s.id === spec.id,
  );

beforeEach(() => {
  page = broughtBackbonePage(spec, spec.id);
});
afterEach(async () => {
  vi.restoreAllMocks();
  unregisterBackbone(spec.id);
  await closeDatabases();
});

describe('a brought backbone removed, its undo pending across a reload', () => {
  it('stores a removal that reads back as it was written', async () => {
    await forgetBackbone(spec.id);
    const saved = page.offers[0].offer.saved;
    expect(saved).toMatchObject({ kind: 'backbone', id: spec.id, label: 'Removed mine', wasSelected: true });
    expect(parseSavedBackbone(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
    expect(parseSavedBackbone(storedEntry()?.removing)).toEqual(saved);
    // stored with the project too, where the project's revival leaves it to the backbone list
    expect(parseSaved(saved)).toBeNull();
    expect(parseSavedBackbone({ kind: 'backbone', id: spec.id })).toBeNull();
  });

  it('with time left: stays unlisted, its weights kept, the undo offered for the time left; undone, listed again', async () => {
    await forgetBackbone(spec.id);
    expect(page.selected).toBe('mobilenet-v1-0.25');
    const removedAt = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(removedAt + 5_000);
    reload();
    expect(findBackboneSpec(spec.id)).toBeUndefined();
    expect(page.unlistedKept.at(-1)).toContain(spec.id);
    expect(page.forgotten).toEqual([]);
    expect(page.offers).toHaveLength(1);
    expect(page.offers[0].offer.label).toBe('Removed mine');
    expect(page.offers[0].ms).toBeLessThanOrEqual(10_000);
    expect(page.offers[0].ms).toBeGreaterThanOrEqual(8_000);

    await page.offers[0].offer.undo();
    expect(findBackboneSpec(spec.id)).toBeDefined();
    expect(page.selected).toBe(spec.id);
    expect(storedEntry()).toBeDefined();
    expect(storedEntry()?.removing).toBeUndefined();
    // and the next reload lists it with no undo
    reload();
    expect(findBackboneSpec(spec.id)).toBeDefined();
    expect(page.offers).toEqual([]);
  });

  it('with its time run out while away: made final, the list rewritten and its weights forgotten', async () => {
    await forgetBackbone(spec.id);
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_000);
    reload();
    await Promise.resolve();
    expect(page.offers).toEqual([]);
    expect(findBackboneSpec(spec.id)).toBeUndefined();
    expect(listed()).not.toContain(spec.id);
    expect(page.forgotten).toEqual([spec.id]);
    expect(page.unlistedKept.at(-1)).not.toContain(spec.id);
  });

  it('a page away only for the reload gets that time back, as the project undos do', async () => {
    await forgetBackbone(spec.id);
    const removedAt = Date.now();
    // left 1 s after the removal, back 20 s later: 14 s of its 15 s were still to run
    page.store.set(LOCAL_KEYS.pageLeftAt, JSON.stringify(removedAt + 1_000));
    vi.spyOn(Date, 'now').mockReturnValue(removedAt + 21_000);
    reload();
    expect(page.offers).toHaveLength(1);
    expect(page.forgotten).toEqual([]);
    expect(findBackboneSpec(spec.id)).toBeUndefined();
  });
});
