import { fileFacts, type FileFacts } from '../worker/file-facts';
import { readFileFacts } from '../worker/file-facts-read';

const facts = new WeakMap<Blob, Promise<FileFacts>>();
const hashes = new WeakMap<Blob, Promise<string | null>>();

/**
 * Each image file is read once a visit, off the page's thread (worker/file-facts.ts), however
 * often the classes change: its hash (the duplicate warnings and the health check share it) and
 * its header (the thumbnails: a huge photo is pictured from a small decode).
 */
export function factsOf(file: Blob): Promise<FileFacts> {
  let f = facts.get(file);
  if (!f) {
    const asked = (f = typeof Worker === 'undefined' ? readFileFacts(file) : fileFacts(file));
    facts.set(file, asked);
    // the worker's copy of the file (what the project keeps) has the same facts
    void asked.then((r) => r.error === undefined && r.file && facts.set(r.file, asked));
  }
  return f;
}

/** The file's SHA-256; null where there is no Web Crypto; a rejection when the file cannot be read. */
export function hashOf(file: Blob): Promise<string | null> {
  let h = hashes.get(file);
  if (!h)
    hashes.set(
      file,
      (h = factsOf(file).then((f) => {
        if (f.error !== undefined) throw new Error(f.error);
        return f.hash;
      })),
    );
  return h;
}
