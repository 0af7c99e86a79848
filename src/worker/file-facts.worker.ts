// Each image file's content hash and what its header says (kind, size), read off the page's
// thread: on the page every file read is a synchronous call to the browser first (0.3-1 ms each
// on a busy machine) and the header scan a loop over the whole JPEG, which for a 500-photo drop
// made long tasks of hundreds of milliseconds. The autosave's writes of those files into the
// project database run here too (core/storage/image-files.ts), and the thumbnails' small
// pictures (thumbnail.ts).
import * as Comlink from 'comlink';
import { sha256Hex } from '../core/data/sha256';
import { fileProblem, sniffImage } from '../core/data/sniff';
import { putImageFiles } from '../core/storage/image-files';
import type { FileFacts, FileFactsApi } from './file-facts';
import { thumbnailOf } from './thumbnail';
import { turns } from './turns';

async function factsOf(blob: Blob): Promise<FileFacts> {
  try {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const sniffed = sniffImage(bytes);
    const { kind, width, height } = sniffed;
    const problem = fileProblem(sniffed, typeof ImageDecoder !== 'undefined');
    return {
      ...(problem !== undefined && { problem }),
      size: bytes.length,
      hash: globalThis.crypto?.subtle ? await sha256Hex(bytes) : null,
      kind,
      width,
      height,
      // the same file as a handle whose size is known: the page's handle on a picked file asks the
      // browser for its size (a synchronous call) whenever it is used or sent to a worker
      file:
        blob instanceof File
          ? new File([blob], blob.name, { type: blob.type, lastModified: blob.lastModified })
          : undefined,
    };
  } catch (err) {
    return { error: (err as Error).message || 'the file could not be read' };
  }
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
