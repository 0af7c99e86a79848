// "Add folders…" through the File System Access API where the browser has it. A folder picked with
// <input webkitdirectory> arrives as one file list that Chromium builds in a single task before any
// page script runs (906 ms for 500 images under 4× CPU throttling): the page cannot split it. A
// FileSystemDirectoryHandle is walked by the page itself, asynchronously, a few files per call.
import { askInSlices } from '../core/frame-slices';
import { isSystemName, type DroppedFile } from './dropFiles';

/** Whether this browser can pick a folder as a handle (Chromium, Edge); elsewhere the folder input stays. */
export const canPickFolders = (): boolean =>
  typeof window !== 'undefined' && typeof window.showDirectoryPicker === 'function';

/** The folder the person picked, or null when they cancelled the picker (not an error). */
export async function pickFolder(): Promise<FileSystemDirectoryHandle | null> {
  try {
    return await window.showDirectoryPicker!({ id: 'add-folders', mode: 'read' });
  } catch (err) {
    if ((err as DOMException).name === 'AbortError') return null;
    throw err;
  }
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { numeric: true });

export interface FolderFiles {
  files: DroppedFile[];
  /** names of files the browser would not read (moved, no permission); a folder's ends in a slash */
  unreadable: string[];
}

/**
 * Every file under `root` with its folders (the picked folder's name first, as the folder input's
 * relative paths have it), so grouping by the folder that holds each file gives the same classes
 * whichever way the folder came. Files are in name order within a folder. `onFound` hears the
 * count as it grows (the progress while a large folder is read).
 */
export async function filesFromFolder(
  root: FileSystemDirectoryHandle,
  onFound: (count: number) => void,
): Promise<FolderFiles> {
  const files: DroppedFile[] = [];
  const unreadable: string[] = [];
  async function walk(dir: FileSystemDirectoryHandle, folders: string[]): Promise<void> {
    const entries: FileSystemFileHandle[] = [];
    const subfolders: FileSystemDirectoryHandle[] = [];
    try {
      for await (const h of dir.values()) {
        if (isSystemName(h.name)) continue; // not read at all: a .git folder can hold thousands of files
        if (h.kind === 'file') entries.push(h as FileSystemFileHandle);
        else subfolders.push(h as FileSystemDirectoryHandle);
      }
    } catch (err) {
      // the picked folder itself unreadable is the picker's failure; a subfolder (no permission,
      // gone meanwhile) is named as a drop names one, and the other folders are still added
      if (dir === root) throw err;
      unreadable.push(`${dir.name}/`);
      return;
    }
    entries.sort(byName);
    // asking for a file is a call to the browser (about 1 ms each at 4× throttling): a few per
    // background slice between frames (core/frame-slices.ts), answered together
    for await (const part of askInSlices(entries, (h) => h.getFile())) {
      part.answers.forEach((r, k) => {
        if (r.status === 'fulfilled') files.push({ file: r.value, folders });
        else unreadable.push(part.items[k].name);
      });
      onFound(files.length);
    }
    for (const sub of subfolders.sort(byName)) await walk(sub, [...folders, sub.name]);
  }
  await walk(root, [root.name]);
  return { files, unreadable };
}

/** files found between two updates of the "Reading the folder" count */
export const READING_STEP = 50;

/** What reading a picked folder tells its caller, each in its own place. */
export interface PickedFolderHooks {
  /** the picker failed (a cancel is no failure) or the picked folder could not be read, in words */
  failed(notice: string): void;
  /** the person picked a folder: its reading begins */
  picked?(): void;
  /** files found so far: 0 as the reading begins, then every READING_STEP; null once it ends */
  reading(found: number | null): void;
}

const why = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The browser's folder picker, then the picked folder read a few files per call (filesFromFolder),
 * as "Add folders…" and the test panel's "choose one" both do; the picked folder's name comes with
 * its files. Null when the person cancelled or it failed (said through `failed`).
 */
export async function readPickedFolder(hooks: PickedFolderHooks): Promise<(FolderFiles & { root: string }) | null> {
  let root: FileSystemDirectoryHandle | null;
  try {
    root = await pickFolder();
  } catch (err) {
    hooks.failed(`The folder could not be opened: ${why(err)}`);
    return null;
  }
  if (!root) return null;
  hooks.picked?.();
  hooks.reading(0);
  // the count re-renders its panel: every READING_STEP files, not every slice of a few (a frame each at 4×)
  let said = 0;
  const found = (n: number) => n - said >= READING_STEP && hooks.reading((said = n));
  try {
    return { ...(await filesFromFolder(root, found)), root: root.name };
  } catch (err) {
    hooks.failed(`The folder “${root.name}” could not be read: ${why(err)}`);
    return null;
  } finally {
    hooks.reading(null);
  }
}
