import { askInSlices } from '../core/frame-slices';
import { isSystemName } from '../core/data/problems';

/** Files from a drop, with their folder path when whole folders were dropped. */
export interface DroppedFile {
  file: File;
  /** folders leading to the file, outermost first; empty for loose files */
  folders: string[];
}

/** A folder's entries; null when the browser would not list it (no permission, moved away). */
function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[] | null> {
  // readEntries returns at most ~100 entries per call; keep reading until it returns none.
  return new Promise((resolve) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries(
        (batch) => {
          if (!batch.length) resolve(all);
          else {
            all.push(...batch);
            next();
          }
        },
        // not the part listed before: the folder is named as not added, none of it is
        () => resolve(null),
      );
    next();
  });
}

// the CLI's dataset folder skips the same names (core/data/dataset-dir.ts)
export { isSystemName };

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/**
 * What a drop holds, in the folder picker's shape (pickFolder.ts): the files read, and the names of
 * those the browser would not give (a broken symlink, a folder without permission: named with a
 * trailing slash), so that one of them costs itself rather than the whole drop.
 */
export interface DropRead {
  files: DroppedFile[];
  unreadable: string[];
}

/**
 * The files among `entries` (in their order), then each folder's but a system folder's inside the
 * drop. A drop of 500 photos answered its 500 file requests back to back between two frames under
 * 4× throttling: they are asked for a few per background slice, as the folder picker's are.
 * System files (`.DS_Store`, `._a.jpg`) are not asked for: a drop onto a class card added them.
 */
async function walk(entries: FileSystemEntry[], folders: string[], out: DropRead): Promise<void> {
  const files = entries.filter((e) => e.isFile && !isSystemName(e.name)) as FileSystemFileEntry[];
  for await (const { items, answers } of askInSlices(files, fileOf))
    answers.forEach((a, k) => {
      if (a.status === 'fulfilled') out.files.push({ file: a.value, folders });
      else out.unreadable.push(items[k].name);
    });
  for (const dir of entries.filter((e) => e.isDirectory) as FileSystemDirectoryEntry[]) {
    if (folders.length && isSystemName(dir.name)) continue;
    const inside = await readAllEntries(dir.createReader());
    if (inside) await walk(inside, [...folders, dir.name], out);
    else out.unreadable.push(`${dir.name}/`);
  }
}

export async function filesFromDrop(dt: DataTransfer): Promise<DropRead> {
  const entries = Array.from(dt.items ?? [])
    .filter((i) => i.kind === 'file')
    .map((i) => i.webkitGetAsEntry?.() ?? null);
  const out: DropRead = { files: [], unreadable: [] };
  if (entries.length && entries.every((e) => e)) await walk(entries as FileSystemEntry[], [], out);
  else
    out.files = Array.from(dt.files)
      .filter((file) => !isSystemName(file.name))
      .map((file) => ({ file, folders: [] }));
  return out;
}

/** From a folder picker (`webkitdirectory`): the relative path gives the folders. */
export function filesFromDirectoryInput(files: FileList | File[]): DroppedFile[] {
  return Array.from(files).map((file) => {
    const parts = (file.webkitRelativePath || file.name).split('/');
    return { file, folders: parts.slice(0, -1) };
  });
}

/**
 * Each file's class is the folder that directly holds it, so dropping a dataset folder (with a
 * sub-folder per class) and dropping the class folders themselves both work. Loose files are
 * returned separately.
 */
export function groupByFolder(files: DroppedFile[]): { groups: Map<string, File[]>; loose: File[] } {
  const groups = new Map<string, File[]>();
  const loose: File[] = [];
  for (const { file, folders } of files) {
    // the outermost folder is the one the person chose, whatever its name
    if (isSystemName(file.name) || folders.slice(1).some(isSystemName)) continue;
    const name = folders[folders.length - 1];
    if (!name) loose.push(file);
    else {
      const list = groups.get(name);
      if (list) list.push(file);
      else groups.set(name, [file]);
    }
  }
  return { groups, loose };
}
