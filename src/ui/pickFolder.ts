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
