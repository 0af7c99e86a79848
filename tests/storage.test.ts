import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idbArtifactCache } from '../src/core/backbones/idb-cache';
import { FeatureCache } from '../src/core/features/cache';
import { closeDatabases, DATABASES, databaseVersion, openDatabase } from '../src/core/storage/databases';
import { LOCAL_KEYS, readLocal, writeLocal } from '../src/core/storage/local';
import { featureStore } from '../src/worker/feature-store';
import { LEGACY, writeLegacyStorage } from './fixtures/legacy-storage';

beforeEach(async () => {
  await closeDatabases();
  globalThis.indexedDB = new IDBFactory(); // every test starts from an empty browser profile
});
afterEach(() => closeDatabases());

const bytes = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

describe('storage module against the databases the previous version wrote', () => {
  it('opens every legacy database without losing a record', async () => {
    await writeLegacyStorage();
    const project = await openDatabase('project');
    expect(project.version).toBe(databaseVersion('project'));
    expect(await project.get('meta', 'project')).toEqual(LEGACY.record);
    for (const [id, b] of Object.entries(LEGACY.imageBytes)) {
      const stored = (await project.get('images', id)) as { file: Blob };
      expect(await bytes(stored.file)).toEqual(b);
      expect(stored.file.type).toBe('image/png');
    }
    const model = await openDatabase('model');
    expect(await model.getAllKeys('model')).toEqual(expect.arrayContaining(['last', 'runs', 'interrupted', 'start']));
    expect([...((await model.get('model', 'last')) as { zip: Uint8Array }).zip]).toEqual(LEGACY.modelZip);
    expect(await model.get('model', 'runs')).toEqual(LEGACY.runs);
  });

  it('the backbone cache reads what the previous version cached; its pooled feature rows, narrower than today’s, are dropped', async () => {
    await writeLegacyStorage();
    const artifacts = await idbArtifactCache().get(LEGACY.artifactsKey);
    expect(artifacts?.modelTopology).toEqual({ kind: 'legacy' });
    const cache = new FeatureCache();
    // pooled before the built-in backbones joined an earlier map beside their features: a head of
    // today's width could not train on them, so the upgrade empties the store (features come again)
    expect(await featureStore(cache).load(['i1'])).toBe(0);
    expect(cache.peek(LEGACY.featureTable)?.get('i1')).toBeUndefined();
    const rows = await openDatabase('features');
    expect(await rows.count('rows')).toBe(0);
  });

  it('creates every store on a first visit, at the version the migrations reach', async () => {
    for (const id of Object.keys(DATABASES) as (keyof typeof DATABASES)[]) {
      const d = await openDatabase(id);
      expect(d.name).toBe(DATABASES[id].name);
      expect([...d.objectStoreNames].sort()).toEqual(Object.values(DATABASES[id].stores).sort());
      expect(d.version).toBe(databaseVersion(id));
    }
  });

  it('steps aside for a newer version opened elsewhere, then reopens on next use', async () => {
    const first = await openDatabase('model');
    await first.put('model', 1, 'k');
    // another tab upgrades: this connection must close, or that upgrade would wait forever
    const newer = await openDB(DATABASES.model.name, databaseVersion('model') + 1);
    expect(await newer.get('model', 'k')).toBe(1);
    newer.close();
    await expect(openDatabase('model')).rejects.toThrow(); // a version below the stored one is refused ...
    await expect(openDatabase('model')).rejects.toThrow(); // ... every time, not from a cached failure only
  });
});

describe('localStorage access', () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (v.length > 64) throw new DOMException('full', 'QuotaExceededError');
        store.set(k, v);
      },
      removeItem: (k: string) => store.delete(k),
    };
  });
  afterEach(() => delete (globalThis as { localStorage?: unknown }).localStorage);

  it('reads the keys the previous version wrote', async () => {
    await writeLegacyStorage(store);
    expect(readLocal('pendingRecord')).toMatchObject({ version: 1, savedAt: '2026-11-01T10:05:00.000Z' });
    expect(readLocal('backendPlan')).toMatchObject({ signature: 'sig', extraction: 'webgl' });
    expect(readLocal('customBackbones')).toEqual([{ id: 'custom-x' }]);
  });

  it('reads garbage or absent values as null, says when a write was refused, and removes on null', () => {
    store.set(LOCAL_KEYS.backendChoice, '{not json');
    expect(readLocal('backendChoice')).toBeNull();
    expect(readLocal('pendingUndo')).toBeNull();
    expect(writeLocal('pendingUndo', 'x'.repeat(100))).toBe(false);
    expect(writeLocal('pendingUndo', [1])).toBe(true);
    expect(readLocal('pendingUndo')).toEqual([1]);
    expect(writeLocal('pendingUndo', null)).toBe(true);
    expect(store.has(LOCAL_KEYS.pendingUndo)).toBe(false);
  });

  it('reads null without localStorage at all (a worker, Node)', () => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    expect(readLocal('backendPlan')).toBeNull();
    expect(writeLocal('backendPlan', 1)).toBe(false);
  });
});
