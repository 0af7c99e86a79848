import { sha256Hex } from '../core/data/sha256';
import { fileProblem, sniffImage } from '../core/data/sniff';
import type { FileFacts } from './file-facts';

/**
 * A file's size, hash and what its header says, read whole: in the file-facts worker, and on the
 * page's thread where there is no worker (unit tests in Node). `problem` names what would keep it
 * from training, as the decoder of this same kind of thread would (ImageDecoder or not).
 */
export async function readFileFacts(blob: Blob): Promise<FileFacts> {
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
    };
  } catch (err) {
    return { error: (err as Error).message || 'the file could not be read' };
  }
}
