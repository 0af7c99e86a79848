import type * as tf from '@tensorflow/tfjs-core';
import { openDB, type IDBPDatabase } from 'idb';
import type { ArtifactCache } from './load';

const DB = 'transfer-studio-backbones';
const STORE = 'artifacts';

/** Loaded backbones kept in IndexedDB (browser or worker) so a second visit works offline. */
export function idbArtifactCache(): ArtifactCache {
  let db: Promise<IDBPDatabase> | null = null;
  const open = () =>
    (db ??= openDB(DB, 1, {
      upgrade: (d) => void d.createObjectStore(STORE),
    }));
  return {
    get: async (key) => (await (await open()).get(STORE, key)) as tf.io.ModelArtifacts | undefined,
    put: async (key, artifacts) => void (await (await open()).put(STORE, artifacts, key)),
    delete: async (key) => void (await (await open()).delete(STORE, key)),
  };
}
