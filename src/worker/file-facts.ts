import * as Comlink from 'comlink';
import type { ImageKind } from '../core/data/sniff';
import { nextSlice, sliceOver } from '../core/frame-slices';
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
let sending = false;

/**
 * Requests go one file a message (sending a picked file costs the page a call to the browser, over
 * 10 ms for some under 4× throttling), in the page's background slices between frames
 * (core/frame-slices.ts), so a drop of hundreds of files never holds the page or its frames long.
 */
async function send(): Promise<void> {
  const remote = worker();
  while (pending.length) {
    await nextSlice();
    do {
      const { blob, resolve } = pending.shift()!;
      void remote.facts([blob]).then(
        ([facts]) => resolve(facts),
        (err: Error) => resolve({ error: err.message }),
      );
    } while (pending.length && !sliceOver());
  }
  sending = false;
}

/** A file's size, hash and header from the file-facts worker (see send). */
export function fileFacts(blob: Blob): Promise<FileFacts> {
  return new Promise((resolve) => {
    pending.push({ blob, resolve });
    if (!sending) {
      sending = true;
      void send();
    }
  });
}

/** Writes image files into the project database off the page's thread (the autosave, state/persist.ts). */
export const storeImageFiles = (items: { id: string; file: File }[]): Promise<PutOutcome[]> =>
  worker().storeImages(items);
