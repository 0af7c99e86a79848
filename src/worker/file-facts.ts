import * as Comlink from 'comlink';
import type { ImageKind } from '../core/data/sniff';
import type { PutOutcome } from '../core/storage/image-files';

/** What the file-facts worker says of one file: its SHA-256 (null without Web Crypto) and header, or why it could not be read. */
export type FileFacts =
  | {
      size: number;
      hash: string | null;
      kind: ImageKind;
      width?: number;
      height?: number;
      /** the same file with its size known to the page (a picked file's own handle asks the browser each time) */
      file?: File;
      error?: undefined;
    }
  | { error: string };

export interface FileFactsApi {
  facts(blobs: Blob[]): Promise<FileFacts[]>;
  /** the autosave's image files into the project database (core/storage/image-files.ts) */
  storeImages(items: { id: string; file: File }[]): Promise<PutOutcome[]>;
}

let remote: Comlink.Remote<FileFactsApi> | null = null;
const worker = () =>
  (remote ??= Comlink.wrap<FileFactsApi>(
    new Worker(new URL('./file-facts.worker.ts', import.meta.url), { type: 'module', name: 'file-facts' }),
  ));
const pending: { blob: Blob; resolve: (f: FileFacts) => void }[] = [];
/** files per message: sending one picked file can take the page over 10 ms under 4× throttling */
const BATCH = 1;
/** the page's share of a task for sending (ms): sending a picked file costs the page a call to the browser */
const SEND_TASK_MS = 6;

function send(): void {
  const remote = worker();
  const began = performance.now();
  while (pending.length && performance.now() - began < SEND_TASK_MS) {
    const part = pending.splice(0, BATCH);
    void remote.facts(part.map((p) => p.blob)).then(
      (facts) => part.forEach((p, k) => p.resolve(facts[k])),
      (err: Error) => part.forEach((p) => p.resolve({ error: err.message })),
    );
  }
  if (pending.length) setTimeout(send, 0);
}

/**
 * A file's size, hash and header from the file-facts worker. Requests travel a few files a
 * message and a few messages a task, so a drop of hundreds of files never holds the page long.
 */
export function fileFacts(blob: Blob): Promise<FileFacts> {
  return new Promise((resolve) => {
    if (!pending.length) setTimeout(send, 0);
    pending.push({ blob, resolve });
  });
}

/** Writes image files into the project database off the page's thread (the autosave, state/persist.ts). */
export const storeImageFiles = (items: { id: string; file: File }[]): Promise<PutOutcome[]> =>
  worker().storeImages(items);
