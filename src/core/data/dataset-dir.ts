import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compareNames } from './name-order';
import { isSystemName } from './problems';

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.gif', '.bmp', '.avif', '.tif', '.tiff'];

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
  files: { path: string; label: number }[];
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

/** A folder with one sub-folder per class; what it does not read is listed in `skipped`. */
export async function readDatasetDir(dir: string): Promise<DatasetDir> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new DatasetDirError(`Dataset folder "${dir}" does not exist or is not a folder`);
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

/** One line on what was skipped (null: nothing): the first few entries, each run of one reason said once. */
export function skippedLine(skipped: SkippedEntry[], shown = 5): string | null {
  if (!skipped.length) return null;
  const first = skipped.slice(0, shown);
  const parts = first.map((s, i) => (first[i + 1]?.why === s.why ? s.path : `${s.path} (${s.why})`));
  const more = skipped.length > shown ? `, and ${skipped.length - shown} more` : '';
  return `skipped ${skipped.length} ${skipped.length === 1 ? 'entry' : 'entries'} of the dataset folder: ${parts.join(', ')}${more}`;
}
