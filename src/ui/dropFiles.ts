import { askInSlices } from '../core/frame-slices';
import { firstNames, isSystemName, nameKey } from '../core/data/problems';
import { isImageFile } from '../state/project-intake';

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

/** the names of a dataset's train/validation/test folders */
const SPLITS = new Set(['train', 'training', 'val', 'valid', 'validation', 'test', 'testing']);
const isSplit = (name: string | undefined) => name !== undefined && SPLITS.has(name.toLowerCase());
const pathOf = (folders: readonly string[]) => folders.join('/');
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const count = (n: number, what: string) => `${n} ${what}${n > 1 ? 's' : ''}`;

/** the paths without the folders they all begin with (data/cats/images, data/dogs/images: cats/images, dogs/images) */
function apart(paths: string[][]): string[] {
  let common = 0;
  while (paths.every((p) => common < p.length - 1 && p[common] === paths[0][common])) common++;
  return paths.map((p) => pathOf(p.slice(common)));
}

/**
 * Each file's class is the folder that directly holds it, so dropping a dataset folder (with a
 * sub-folder per class), its train/ and val/ folders (one class of cats/ in each) and the class
 * folders themselves all work. Loose files are returned separately. As the CLI reads a dataset
 * folder (core/data/dataset-dir.ts), a file beside the class folders is no class of its own: it is
 * left out and named. Class folders each split into train/, val/… (data/cats/train) are classes by
 * the class folder's name: by the split folders' they were "train" and "val", each mixing all the
 * classes. `notice` says what was read so, and where one class joins folders from different places.
 */
export function groupByFolder(files: DroppedFile[]): {
  groups: Map<string, File[]>;
  loose: File[];
  notice: string | null;
} {
  // the outermost folder is the one the person chose, whatever its name
  const kept = files.filter(({ file, folders }) => !isSystemName(file.name) && !folders.slice(1).some(isSystemName));
  // folders with images in a folder inside: a file directly in one sits beside class folders
  const above = new Set<string>();
  for (const { file, folders } of kept)
    if (isImageFile(file)) for (let n = 1; n < folders.length; n++) above.add(pathOf(folders.slice(0, n)));
  const inClass = kept.filter(({ folders }) => folders.length && !above.has(pathOf(folders)));
  // the split names found in each folder (a class folder when split inside), and the folders each is found in
  const splitsIn = new Map<string, Set<string>>();
  const foundIn = new Map<string, Set<string>>();
  for (const { folders } of inClass) {
    const leaf = folders[folders.length - 1].toLowerCase();
    if (folders.length < 2 || !isSplit(leaf)) continue;
    const parent = pathOf(folders.slice(0, -1));
    splitsIn.set(parent, (splitsIn.get(parent) ?? new Set()).add(leaf));
    foundIn.set(leaf, (foundIn.get(leaf) ?? new Set()).add(parent));
  }
  const classSplit = [...splitsIn.values(), ...foundIn.values()].some((s) => s.size > 1);
  const groups = new Map<string, DroppedFile[]>();
  // by class (as nameKey compares: addFolders makes one class of Cats and cats): its name and folders
  const sources = new Map<string, { name: string; paths: Map<string, string[]> }>();
  for (const { file, folders } of inClass) {
    const from =
      classSplit && folders.length > 1 && isSplit(folders[folders.length - 1]) ? folders.slice(0, -1) : folders;
    const name = from[from.length - 1];
    const list = groups.get(name);
    if (list) list.push({ file, folders });
    else groups.set(name, [{ file, folders }]);
    const key = nameKey(name);
    if (!sources.has(key)) sources.set(key, { name, paths: new Map() });
    sources.get(key)!.paths.set(pathOf(from), from);
  }
  const notes: string[] = [];
  if (classSplit) {
    const splits = [...foundIn.keys()];
    notes.push(
      `Each class folder is split into ${splits.join(', ')} folders: the classes are named after the class folders (${firstNames([...splitsIn.keys()].map((p) => p.split('/').pop()!))}), and the studio picks its own validation images`,
    );
  }
  // folders of one name in different places (cats/images, dogs/images) became one class; train/cats
  // and val/cats are one class on purpose
  const joined = [...sources.values()].filter(
    ({ paths }) => paths.size > 1 && ![...paths.values()].every((p) => isSplit(p[p.length - 2])),
  );
  if (joined.length)
    notes.push(
      `Folders of one name make one class: ${joined
        .slice(0, 3)
        .map(({ name, paths }) => `class "${name}" joins ${firstNames(apart([...paths.values()]))}`)
        .join('; ')}${joined.length > 3 ? `; and ${joined.length - 3} more` : ''}. Rename folders to keep them apart`,
    );
  const beside = kept.filter(({ folders }) => folders.length && above.has(pathOf(folders)));
  if (beside.length)
    notes.push(
      `Skipped ${count(beside.length, 'file')} beside the class folders (a class is a folder of images): ${firstNames(beside.map(({ file, folders }) => pathOf([...folders, file.name])))}`,
    );
  return {
    // each class's files by folder path (code units): addFolders orders a class by file name only,
    // so same-named files from train/cats and val/cats kept the walk's order, which differs between
    // a drop and Add folders…, and so did which of them the split validates
    groups: new Map(
      [...groups].map(([name, list]) => [
        name,
        list.sort((a, b) => byCodeUnits(pathOf(a.folders), pathOf(b.folders))).map(({ file }) => file),
      ]),
    ),
    loose: kept.filter(({ folders }) => !folders.length).map(({ file }) => file),
    notice: notes.length ? notes.join('. ') : null,
  };
}
