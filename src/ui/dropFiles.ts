import { askInSlices } from '../core/frame-slices';

/** Files from a drop, with their folder path when whole folders were dropped. */
export interface DroppedFile {
  file: File;
  /** folders leading to the file, outermost first; empty for loose files */
  folders: string[];
}

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries returns at most ~100 entries per call; keep reading until it returns none.
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (!batch.length) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

/**
 * Folders the system or a tool keeps beside the photos (`.git`, `.thumbnails`, macOS's `__MACOSX`
 * in an unzipped archive): their files are not the person's images, and a class named after one
 * would silently join the training data. Files named like them (`.DS_Store`, `._a.jpg`) too.
 */
export const isSystemName = (name: string): boolean => name.startsWith('.') || name === '__MACOSX';

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/**
 * The files among `entries` (in their order), then each folder's but a system folder's inside the
 * drop. A drop of 500 photos answered its 500 file requests back to back between two frames under
 * 4× throttling: they are asked for a few per background slice, as the folder picker's are.
 */
async function walk(entries: FileSystemEntry[], folders: string[], out: DroppedFile[]): Promise<void> {
  const files = entries.filter((e) => e.isFile) as FileSystemFileEntry[];
  for await (const { answers } of askInSlices(files, fileOf))
    for (const a of answers) {
      if (a.status === 'rejected') throw a.reason;
      out.push({ file: a.value, folders });
    }
  for (const dir of entries.filter((e) => e.isDirectory) as FileSystemDirectoryEntry[])
    if (!(folders.length && isSystemName(dir.name)))
      await walk(await readAllEntries(dir.createReader()), [...folders, dir.name], out);
}

export async function filesFromDrop(dt: DataTransfer): Promise<DroppedFile[]> {
  const entries = Array.from(dt.items ?? [])
    .filter((i) => i.kind === 'file')
    .map((i) => i.webkitGetAsEntry?.() ?? null);
  if (entries.length && entries.every((e) => e)) {
    const out: DroppedFile[] = [];
    await walk(entries as FileSystemEntry[], [], out);
    return out;
  }
  return Array.from(dt.files).map((file) => ({ file, folders: [] }));
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
