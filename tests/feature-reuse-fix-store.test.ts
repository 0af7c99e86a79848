import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POOLED_BOUNDARY } from '../src/core/backbones/backbone';
import { FeatureCache } from '../src/core/features/cache';
import { closeDatabases, openDatabase } from '../src/core/storage/databases';
import { featureStore } from '../src/worker/feature-store';

/*
 * Files someone dropped under a listed backbone's id need not hold that backbone's weights: pooled
 * rows made by one set of weights must never reach a head trained on the other's.
 */

beforeEach(async () => {
  await closeDatabases();
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => closeDatabases());

const ID = 'mobilenet-v1-0.25';
const TABLE = FeatureCache.key(ID, POOLED_BOUNDARY, 'center');
const OTHER = FeatureCache.key('mobilenet-v2-1.0', POOLED_BOUNDARY, 'center');
const stored = async () => (await openDatabase('features')).count('rows');

/** a fresh worker (a reload): an empty cache and its own store over what the last visit stored */
function worker() {
  const cache = new FeatureCache();
  return { cache, store: featureStore(cache) };
}

describe('stored features and a backbone loaded from dropped files', () => {
  it("rows the listed weights made are not served to dropped files under the same id; other backbones' still are", async () => {
    const listed = worker();
    listed.cache.table(TABLE).set('a', new Float32Array([1, 2]));
    listed.cache.table(OTHER).set('a', new Float32Array([7, 8]));
    await listed.store.load(['a']);
    expect(await listed.store.save()).toBe(2);

    const dropped = worker();
    dropped.store.weightsDroppedUnder(ID);
    await dropped.store.load(['a']);
    expect(dropped.cache.peek(TABLE)?.has('a') ?? false).toBe(false);
    expect([...dropped.cache.table(OTHER).get('a')!]).toEqual([7, 8]);
    // and they stay stored for the listed weights' next visit
    expect(await stored()).toBe(2);
  });

  it("rows the dropped files made are never stored, and the listed weights' rows are stored once those are loaded in their place", async () => {
    const w = worker();
    w.store.weightsDroppedUnder(ID);
    await w.store.load(['a']);
    w.cache.table(TABLE).set('a', new Float32Array([5, 5]));
    expect(await w.store.save()).toBe(0);
    expect(await stored()).toBe(0);

    // the listed copy loaded in their place (the worker drops the replaced backbone's tables)
    w.cache.dropBackbone(ID);
    w.store.weightsDroppedUnder(null);
    w.cache.table(TABLE).set('a', new Float32Array([1, 2]));
    expect(await w.store.save()).toBe(1);

    const next = worker();
    await next.store.load(['a']);
    expect([...next.cache.table(TABLE).get('a')!]).toEqual([1, 2]);
  });

  it('rows skipped while dropped files were loaded are read again once the listed weights replace them', async () => {
    const listed = worker();
    listed.cache.table(TABLE).set('a', new Float32Array([1, 2]));
    await listed.store.load(['a']);
    expect(await listed.store.save()).toBe(1);

    const w = worker();
    w.store.weightsDroppedUnder(ID);
    await w.store.load(['a']);
    expect(w.cache.peek(TABLE)?.has('a') ?? false).toBe(false);
    // the listed copy loaded in their place: its stored rows serve it, not a fresh extraction
    w.cache.dropBackbone(ID);
    w.store.weightsDroppedUnder(null);
    expect(await w.store.load(['a'])).toBe(1);
    expect([...w.cache.table(TABLE).get('a')!]).toEqual([1, 2]);
    // nothing stored twice
    expect(await w.store.save()).toBe(0);
    expect(await stored()).toBe(1);
  });
});
