import { contentHash } from '../core/data/duplicates';

const hashes = new WeakMap<Blob, Promise<string | null>>();

/**
 * Each image file is hashed once a visit, however often the classes change: the duplicate
 * warnings and the health check (which gets the hashes with the images) share the result.
 * Null where there is no Web Crypto; a rejection when the file cannot be read.
 */
export function hashOf(file: Blob): Promise<string | null> {
  let h = hashes.get(file);
  if (!h) hashes.set(file, (h = contentHash(file)));
  return h;
}
