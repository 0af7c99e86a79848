import * as Comlink from 'comlink';
import { watchedRemote } from './watched';
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
      /**
       * why no decoder here could use it, read from its bytes (core/data/sniff.ts: text under an
       * image's name, a cut-off download, a header over the size limit), phrased to follow
       * "not a readable image: "; absent when the bytes look like an image
       */
      problem?: string;
      error?: undefined;
    }
  /** `unasked`: the worker itself failed (the file may be fine), not the reading of the file */
  | { error: string; unasked?: true };

export interface FileFactsApi {
  facts(blobs: Blob[]): Promise<FileFacts[]>;
  /** a data URL of a small picture of the image for a `side`-pixel thumbnail (worker/thumbnail.ts) */
  thumbnail(blob: Blob, side: number, density: number): Promise<string>;
  /** the autosave's image files into the project database (core/storage/image-files.ts) */
  storeImages(items: { id: string; file: File }[]): Promise<PutOutcome[]>;
}

let remote: Comlink.Remote<FileFactsApi> | null = null;
const worker = () =>
  (remote ??= watchedRemote<FileFactsApi>(
    new Worker(new URL('./file-facts.worker.ts', import.meta.url), { type: 'module', name: 'file-facts' }),
    'image reader',
  ));
/** requests waiting to be sent: each sends one file and settles its own promise */
const pending: ((remote: Comlink.Remote<FileFactsApi>) => void)[] = [];
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
    do pending.shift()!(remote);
    while (pending.length && !sliceOver());
  }
  sending = false;
}

function ask<T>(request: (remote: Comlink.Remote<FileFactsApi>) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    pending.push((remote) => void request(remote).then(resolve, reject));
    if (!sending) {
      sending = true;
      void send();
    }
  });
}

/** A file's size, hash and header from the file-facts worker (see send). */
export const fileFacts = (blob: Blob): Promise<FileFacts> =>
  ask((remote) => remote.facts([blob])).then(
    ([facts]) => facts,
    (err: Error) => ({ error: err.message, unasked: true as const }),
  );

/** A small picture of an image for a thumbnail, as a data URL, made in the file-facts worker (see send). */
export const fileThumbnail = (blob: Blob, side: number, density: number): Promise<string> =>
  ask((remote) => remote.thumbnail(blob, side, density));

/** Writes image files into the project database off the page's thread (the autosave, state/persist.ts). */
export const storeImageFiles = (items: { id: string; file: File }[]): Promise<PutOutcome[]> =>
  worker().storeImages(items);
