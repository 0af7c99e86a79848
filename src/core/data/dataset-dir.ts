import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.gif', '.bmp', '.avif', '.tif', '.tiff'];

export interface DatasetDir {
  classes: string[];
  files: { path: string; label: number }[];
}

/** A folder with one sub-folder per class; files that are not images by extension are ignored. */
export async function readDatasetDir(dir: string): Promise<DatasetDir> {
  let entries;
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    throw new Error(`Dataset folder "${dir}" does not exist or is not a folder`);
  }
  const classes = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const files: DatasetDir['files'] = [];
  for (const [label, name] of classes.entries()) {
    const names = (await readdir(join(dir, name))).filter((f) => !f.startsWith('.')).sort();
    for (const f of names) {
      if (IMAGE_EXTENSIONS.some((ext) => f.toLowerCase().endsWith(ext)))
        files.push({ path: join(dir, name, f), label });
    }
  }
  return { classes, files };
}
