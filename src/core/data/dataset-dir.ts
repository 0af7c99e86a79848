import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { isObj } from '../project/json-checks';
import { parseProjectRecord, pathKey, ProjectFileError, type ProjectRecord } from '../project/record';
import { compareNames } from './name-order';
import { isSystemName } from './problems';

export const IMAGE_EXTENSIONS = [
  '.jpg',
  '.jpeg',
  '.jpe',
  '.jfif',
  '.png',
  '.webp',
  '.gif',
  '.bmp',
  '.avif',
  '.tif',
  '.tiff',
];

/**
 * A phone's photos: images to the person who put them there, so "not an image" sent them looking
 * for the wrong fix (the studio says the same of a drop, state/project-intake.ts).
 */
const HEIC = /\.(heic|heif|hif)$/i;
export const HEIC_REASON = 'a HEIC/HEIF photo, which this tool cannot decode: export it as JPEG';
// (the words core/data/sniff.ts gives an SVG found by its content)
const SVG = /\.svgz?$/i;
const SVG_REASON = 'an SVG drawing; vector images are not supported (export it as PNG)';

/** The dataset folder or a class folder in it cannot be listed: the person's to fix, not a failed run. */
export class DatasetDirError extends Error {}

/** Why a folder could not be listed, in words rather than Node's `EACCES: permission denied, scandir …`. */
function unreadable(what: string, path: string, err: unknown): DatasetDirError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? ` (permission denied): give yourself read access (chmod u+rx "${path}") or move it out of the dataset folder`
      : `: ${(err as Error).message}`;
  return new DatasetDirError(`${what} "${path}" cannot be read${why}`, { cause: err });
}

/** An entry of the dataset folder that is not read, with why (hidden entries are not listed). */
export interface SkippedEntry {
  /** relative to the dataset folder, '/'-separated; a folder ends with '/' */
  path: string;
  why: string;
}

export interface DatasetDir {
  classes: string[];
  /** `name`: the image's own name where the file's is not it (an unzipped project's carry a `<m>-` prefix) */
  files: { path: string; label: number; name?: string }[];
  skipped: SkippedEntry[];
}

/**
 * What an entry is, a symbolic link followed: people link class folders in from elsewhere, and
 * Dirent.isDirectory() is false for a link, which dropped the class without a word.
 */
async function kindOf(dir: string, entry: Dirent): Promise<'folder' | 'file' | 'broken'> {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? 'folder' : 'file';
  const target = await stat(join(dir, entry.name)).catch(() => null);
  return !target ? 'broken' : target.isDirectory() ? 'folder' : 'file';
}

const BROKEN = 'a link to nothing';
const SYSTEM = 'a folder the system or a tool made, not a class';

/**
 * A folder with one sub-folder per class, or an unzipped project zip (its folder or its images/
 * folder); what it does not read is listed in `skipped`.
 */
export async function readDatasetDir(dir: string): Promise<DatasetDir> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new DatasetDirError(`Dataset folder "${dir}" does not exist or is not a folder`);
  const project = await projectFolder(dir);
  if (project) return readUnzippedProject(dir, project);
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
    throw unreadable('Dataset folder', dir, err);
  });
  const classes: string[] = [];
  const skipped: SkippedEntry[] = [];
  for (const e of entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const kind = await kindOf(dir, e);
    // as the studio skips it in a drop: a __MACOSX class of the dataset's ._ files failed the run
    if (kind === 'folder' && isSystemName(e.name)) skipped.push({ path: `${e.name}/`, why: SYSTEM });
    else if (kind === 'folder') classes.push(e.name);
    else skipped.push({ path: e.name, why: kind === 'broken' ? BROKEN : 'a file beside the class folders' });
  }
  // the class indices: in the order the studio gives the same folders
  classes.sort(compareNames);
  const files: DatasetDir['files'] = [];
  for (const [label, name] of classes.entries()) {
    const folder = join(dir, name);
    const listed = await readdir(folder, { withFileTypes: true }).catch((err: unknown) => {
      throw unreadable('Class folder', folder, err);
    });
    const inside = listed.filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of inside) {
      const kind = await kindOf(folder, e);
      const path = `${name}/${e.name}`;
      if (kind === 'folder')
        skipped.push({ path: `${path}/`, why: 'a folder inside a class folder, whose sub-folders are not read' });
      else if (kind === 'broken') skipped.push({ path, why: BROKEN });
      else if (HEIC.test(e.name)) skipped.push({ path, why: HEIC_REASON });
      else if (SVG.test(e.name)) skipped.push({ path, why: SVG_REASON });
      else if (!IMAGE_EXTENSIONS.some((ext) => e.name.toLowerCase().endsWith(ext)))
        skipped.push({ path, why: 'not an image by its extension' });
      else files.push({ path: join(folder, e.name), label });
    }
  }
  return { classes, files, skipped };
}

const isKind = async (path: string, kind: 'file' | 'folder') => {
  const found = await stat(path).catch(() => null);
  return kind === 'file' ? !!found?.isFile() : !!found?.isDirectory();
};

/** An unzipped project zip: its folder, and its project.json's path and text. */
interface Unzipped {
  root: string;
  json: string;
  text: string;
}

/**
 * The unzipped project zip `dir` is or is the images/ folder of; null for a folder of class folders.
 * Only a studio project.json makes one: another tool's (an Nx project beside its images/ folder of
 * class folders) stopped the dataset being read at all.
 */
async function projectFolder(dir: string): Promise<Unzipped | null> {
  const up = join(dir, '..');
  const root =
    (await isKind(join(dir, 'project.json'), 'file')) && (await isKind(join(dir, 'images'), 'folder'))
      ? dir
      : basename(resolve(dir)) === 'images' && (await isKind(join(up, 'project.json'), 'file'))
        ? up
        : null;
  if (root === null) return null;
  const json = join(root, 'project.json');
  const text = await readFile(json, 'utf8').catch((err: unknown) => {
    throw unreadable('Project file', json, err);
  });
  return studioMarked(text) ? { root, json, text } : null;
}

/**
 * Whether project.json carries a studio record's marks (a version number, a classes array), read or
 * not: one the studio cannot read is still said to be so, as its `<n>-<class>` folders read as class
 * folders train other labels and another split than the studio's.
 */
function studioMarked(text: string): boolean {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    // cut short or edited by hand: the record's own key tells it from another tool's JSON with comments
    return /"classes"\s*:/.test(text);
  }
  return isObj(v) && (typeof v.version === 'number' || Array.isArray(v.classes));
}

/**
 * Every file under images/<folder>/, by its path from the project's folder as project.json gives
 * it, and the folders there that hold no project images.
 */
async function storedFiles(root: string): Promise<{ stored: Map<string, string>; folders: string[] }> {
  const stored = new Map<string, string>();
  const folders: string[] = [];
  const list = async (folder: string, what: string) =>
    (
      await readdir(folder, { withFileTypes: true }).catch((err: unknown) => {
        throw unreadable(what, folder, err);
      })
    )
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  const images = join(root, 'images');
  for (const e of await list(images, 'Dataset folder')) {
    const folder = join(images, e.name);
    if ((await kindOf(images, e)) !== 'folder') stored.set(pathKey(`images/${e.name}`), folder);
    else if (isSystemName(e.name)) folders.push(folder);
    else
      for (const f of await list(folder, 'Class folder'))
        if ((await kindOf(folder, f)) === 'folder') folders.push(join(folder, f.name));
        else stored.set(pathKey(`images/${e.name}/${f.name}`), join(folder, f.name));
  }
  return { stored, folders };
}

/**
 * An unzipped project zip read as the studio opens it: its classes, their order, each image's class
 * and name from project.json. The zip's `<n>-<class>/<m>-<file>` names made other labels and, as the
 * split places an image by its name, another validation set than the studio's for the same project.
 */
async function readUnzippedProject(dir: string, { root, json, text }: Unzipped): Promise<DatasetDir> {
  let record: ProjectRecord;
  try {
    record = parseProjectRecord(JSON.parse(text));
  } catch (err) {
    const why = err instanceof ProjectFileError ? err.message : 'project.json is not valid JSON';
    throw new DatasetDirError(`${why} ("${json}"): the dataset folder is read as the unzipped project it is part of`, {
      cause: err,
    });
  }
  const { stored, folders } = await storedFiles(root);
  const from = (path: string) => relative(dir, path).split(sep).join('/');
  const files: DatasetDir['files'] = [];
  const skipped: SkippedEntry[] = [];
  const listed = new Set<string>();
  for (const [label, c] of record.classes.entries())
    for (const im of c.images) {
      const path = im.path === undefined ? undefined : stored.get(pathKey(im.path));
      if (path === undefined) {
        skipped.push({
          path: im.path ? from(join(root, im.path)) : im.name,
          why: 'in project.json, but its file is not there',
        });
        continue;
      }
      listed.add(path);
      files.push({ path, label, name: im.name });
    }
  const unlisted = 'not in project.json, so in no class';
  for (const path of stored.values()) if (!listed.has(path)) skipped.push({ path: from(path), why: unlisted });
  for (const folder of folders) skipped.push({ path: `${from(folder)}/`, why: unlisted });
  return { classes: record.classes.map((c) => c.name), files, skipped };
}

/** One line on what was skipped (null: nothing): the first few entries, each run of one reason said once. */
export function skippedLine(skipped: SkippedEntry[], shown = 5): string | null {
  if (!skipped.length) return null;
  const first = skipped.slice(0, shown);
  const parts = first.map((s, i) => (first[i + 1]?.why === s.why ? s.path : `${s.path} (${s.why})`));
  const more = skipped.length > shown ? `, and ${skipped.length - shown} more` : '';
  return `skipped ${skipped.length} ${skipped.length === 1 ? 'entry' : 'entries'} of the dataset folder: ${parts.join(', ')}${more}`;
}
