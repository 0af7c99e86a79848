import { openDatabase } from './databases';

/** What the project database holds per image id (state/persist.ts reads it back). */
export interface StoredImage {
  file: File;
}

/** Per file: null once it is kept, else QUOTA when storage is full (the files after it are not tried) or the error's message. */
export type PutOutcome = null | string;
export const QUOTA = 'QuotaExceededError';

// by name: a quota failure can reach us as the aborted transaction's error, not always a DOMException instance here
export const isQuota = (err: unknown) =>
  ['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED'].includes((err as { name?: string } | null)?.name ?? '');

/**
 * Writes the project's image files under their ids, one transaction each, so a file that does not
 * fit fails alone and the ones before it stay. The autosave runs it in the file-facts worker:
 * on the page each write was a task of a few milliseconds for the page's thread (the write's
 * serialisation and its completion), a second of long tasks at 4× throttling for 500 images.
 */
export async function putImageFiles(items: readonly { id: string; file: File }[]): Promise<PutOutcome[]> {
  const db = await openDatabase('project');
  const out: PutOutcome[] = [];
  for (const { id, file } of items) {
    if (out.at(-1) === QUOTA) {
      out.push(QUOTA);
      continue;
    }
    try {
      await db.put('images', { file } satisfies StoredImage, id);
      out.push(null);
    } catch (err) {
      out.push(isQuota(err) ? QUOTA : (err as Error).message || String(err));
    }
  }
  return out;
}
