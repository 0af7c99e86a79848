import type { IDBPDatabase } from 'idb';
import { nextSlice } from '../core/frame-slices';
import { putImageFiles, QUOTA } from '../core/storage/image-files';
import { storeImageFiles } from '../worker/file-facts';
import type { ProjectImage } from './project-image';
import { storeContext } from './store-context';

/**
 * The autosave's part that keeps the pending undos (state/persist.ts runs it): the record written
 * with its undos in one transaction, and the files of the images those undos hold.
 */

export const META = 'meta';

/**
 * The files of the images pending undos hold, by id (wired by state/coordinator.ts beside
 * PersistContext, whose heldImageIds names them): one deleted before an autosave wrote it was
 * never stored, and the undo a reload brings back found nothing to put back.
 */
export const heldFilesContext = storeContext<{ heldImageFiles(): ReadonlyMap<string, File> }>('persist (held files)');

/** image files written per message to the file-facts worker, which writes them off the page's thread */
export const FILES_PER_WRITE = 16;
export const storeFiles = (images: readonly Pick<ProjectImage, 'id' | 'file'>[]) => {
  const items = images.map(({ id, file }) => ({ id, file }));
  return typeof Worker === 'undefined' ? putImageFiles(items) : storeImageFiles(items);
};

/**
 * The record and the undos pending with it, in one transaction: written one after the other, a tab
 * closed between the two left a project whose stored undos were another state's (an undo that
 * deleted or brought back the wrong images after the reload).
 */
export async function putRecord(d: IDBPDatabase, record: unknown, undos: unknown): Promise<void> {
  const tx = d.transaction(META, 'readwrite');
  try {
    // a put that fails aborts the transaction: `done` says why
    void tx.store.put(record, 'project').catch(() => undefined);
    void tx.store.put(undos, 'undo').catch(() => undefined);
  } catch (err) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw err;
  }
  await tx.done;
}

/**
 * The files of images a pending undo holds that storage does not have yet (added and deleted between
 * two saves), after the project's own: the undo is stored with the record, and brought back by a
 * reload it put back nothing. What storage refuses is left to that undo to say.
 * `saved` gives the ids known to be in the store, read each time: a restore replaces the set.
 * `stillHeld` throws once another tab took the project: its storage is that tab's, and the files an
 * undo here held landed there, named by nothing it would ever delete.
 */
export async function storeHeldOnly(
  current: Set<string>,
  saved: () => Set<string>,
  stillHeld: () => void,
): Promise<void> {
  const files = heldFilesContext.peek()?.heldImageFiles() ?? new Map<string, File>();
  const held = [...files].filter(([id]) => !saved().has(id) && !current.has(id)).map(([id, file]) => ({ id, file }));
  for (let at = 0; at < held.length; at += FILES_PER_WRITE) {
    await nextSlice();
    stillHeld();
    const part = held.slice(at, at + FILES_PER_WRITE);
    const outcomes = await storeFiles(part);
    part.forEach((im, k) => outcomes[k] === null && saved().add(im.id));
    if (outcomes.includes(QUOTA)) return;
  }
}
