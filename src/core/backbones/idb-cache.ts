import type * as tf from '@tensorflow/tfjs-core';
import { openDatabase } from '../storage/databases';
import type { ArtifactCache } from './load';

const STORE = 'artifacts';

/** Loaded backbones kept in IndexedDB (browser or worker) so a second visit works offline. */
export function idbArtifactCache(): ArtifactCache {
  const open = () => openDatabase('backbones');
  return {
    get: async (key) => (await (await open()).get(STORE, key)) as tf.io.ModelArtifacts | undefined,
    put: async (key, artifacts) => void (await (await open()).put(STORE, artifacts, key)),
    delete: async (key) => void (await (await open()).delete(STORE, key)),
    keys: async () => (await (await open()).getAllKeys(STORE)).map(String),
  };
}
