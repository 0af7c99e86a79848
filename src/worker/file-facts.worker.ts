// Each image file's content hash and what its header says (kind, size), read off the page's
// thread: on the page every file read is a synchronous call to the browser first (0.3-1 ms each
// on a busy machine) and the header scan a loop over the whole JPEG, which for a 500-photo drop
// made long tasks of hundreds of milliseconds. The autosave's writes of those files into the
// project database run here too (core/storage/image-files.ts), and the thumbnails' small
// pictures (thumbnail.ts).
import * as Comlink from 'comlink';
import { putImageFiles } from '../core/storage/image-files';
import type { FileFacts, FileFactsApi } from './file-facts';
import { readFileFacts } from './file-facts-read';
import { thumbnailOf } from './thumbnail';
import { turns } from './turns';

async function factsOf(blob: Blob): Promise<FileFacts> {
  const facts = await readFileFacts(blob);
  // the same file as a handle whose size is known: the page's handle on a picked file asks the
  // browser for its size (a synchronous call) whenever it is used or sent to a worker
  return facts.error === undefined && blob instanceof File
    ? { ...facts, file: new File([blob], blob.name, { type: blob.type, lastModified: blob.lastModified }) }
    : facts;
}

/**
 * files read and hashed at once: each is read whole, and a restore asks for all of them together.
 * The newest asked first: a drop's files and the thumbnails on screen go before a restore's backlog.
 */
const inTurn = turns(4, { newestFirst: true });

const api: FileFactsApi = {
  facts: (blobs) => Promise.all(blobs.map((blob) => inTurn(() => factsOf(blob)))),
  thumbnail: thumbnailOf,
  storeImages: putImageFiles,
};

Comlink.expose(api);
