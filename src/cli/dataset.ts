import { basename } from 'node:path';
import { DatasetDirError, readDatasetDir, type DatasetDir, type SkippedEntry } from '../core/data/dataset-dir';
import { datasetProblems, nameKey } from '../core/data/problems';
import { UsageError } from './args';

export interface DatasetImages {
  /** ids are `<class>/<file>`: augmented views and the split are seeded by the id, so the same
   * folder gives the same run however its path was typed (absolute, relative, with a trailing slash) */
  images: { id: string; label: number; name: string }[];
  /** the file on disk behind each id, for decoding */
  pathOf: Map<string, string>;
}

/** readDatasetDir, a folder that is missing or cannot be listed told as bad input (exit 2), not a failed run. */
export async function readCliDataset(dir: string): Promise<DatasetDir> {
  try {
    return await readDatasetDir(dir);
  } catch (err) {
    if (err instanceof DatasetDirError) throw new UsageError(err.message, { cause: err });
    throw err;
  }
}

export function datasetImages(dataset: DatasetDir): DatasetImages {
  const pathOf = new Map<string, string>();
  const images = dataset.files.map((f) => {
    const name = f.name ?? basename(f.path);
    const known = `${dataset.classes[f.label]}/${name}`;
    // a project may hold one name twice in a class (a folder cannot): each image keeps its own file
    let id = known;
    for (let k = 2; pathOf.has(id); k++) id = `${known}~${k}`;
    pathOf.set(id, f.path);
    // the split places an image by its name, as the studio does (and reads a webcam frame's hold from it)
    return { id, label: f.label, name };
  });
  return { images, pathOf };
}

/**
 * The checks training would make after extracting every image, made on the listing instead, so a
 * class folder with too few images costs a second rather than the whole extraction.
 */
export function checkDataset(dataset: DatasetDir, dir: string): void {
  const { classes, files } = dataset;
  if (classes.length < 2)
    throw new UsageError(
      `"${dir}" has ${classes.length} class folder(s); training needs at least 2 (one sub-folder per class)`,
    );
  const counts = classes.map((_, c) => files.filter((f) => f.label === c).length);
  const problems = datasetProblems(classes, counts);
  if (!problems.length) return;
  const todo: string[] = [];
  if (counts.some((n) => n < 2))
    todo.push('put at least 2 images in each class folder, or remove the folders that have fewer');
  if (new Set(classes.map(nameKey)).size < classes.length)
    todo.push('merge or rename the folders whose names differ only in case or accents (they would be one class)');
  if (classes.some((c) => !nameKey(c))) todo.push('rename the folders whose names are only spaces');
  throw new UsageError(`"${dir}" cannot be trained on: ${problems.join(' ')} To fix it, ${todo.join('; ')}.`);
}

/** The --json form of the entries readDatasetDir did not read. */
export const skippedEntries = (skipped: readonly SkippedEntry[]) =>
  skipped.map((s) => ({ path: s.path, reason: s.why }));
