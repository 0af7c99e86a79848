import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POOLED_BOUNDARY } from '../src/core/backbones/backbone';
import { FeatureCache } from '../src/core/features/cache';
import { closeDatabases, openDatabase } from '../src/core/storage/databases';
import { featureStore } from '../src/worker/feature-store';

beforeEach(async () => {
  await closeDatabases();
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => closeDatabases());

const stored = async () => (await openDatabase('features')).count('rows');

describe('the feature store when browser storage is full', () => {
  it('drops its stored rows and writes none until storage has room, and keeps every feature in memory', async () => {
    const cache = new FeatureCache();
    const table = `mobilenet-v1-0.25|${POOLED_BOUNDARY}|center`;
    cache.table(table).set('a', new Float32Array([1, 2]));
    cache.table(table).set('b', new Float32Array([3, 4]));
    const store = featureStore(cache);
    await store.load(['a', 'b']);
    expect(await store.save()).toBe(2);
    expect(await stored()).toBe(2);

    await store.storing(false);
    expect(await stored()).toBe(0);
    // a run reading its table meanwhile still finds every row
    expect([...cache.table(table).get('a')!]).toEqual([1, 2]);
    expect(cache.table(table).size).toBe(2);
    cache.table(table).set('c', new Float32Array([5, 6]));
    expect(await store.save()).toBe(0);
    expect(await stored()).toBe(0);

    await store.storing(true);
    expect(await store.save()).toBe(3);
    expect(await stored()).toBe(3);
  });
});
