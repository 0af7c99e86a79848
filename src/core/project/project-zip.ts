import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import { boundedUnzip, ZipLimitError, type ZipLimits } from '../unzip';
import { parseProjectRecord, ProjectFileError, type ProjectRecord } from './record';

/**
 * Limits for untrusted project zips. Photos are already compressed (and stored as they are in our
 * own zips), so past 64 MB a project may unpack to at most 20 times its zip.
 */
export const ZIP_LIMITS: ZipLimits = Object.freeze({
  entries: 20_000,
  totalBytes: 2 ** 30,
  fileBytes: 256 * 2 ** 20,
  ratio: 20,
  ratioFloorBytes: 64 * 2 ** 20,
});
/** the most images a project may hold; opening one builds a thumbnail and a blob per image */
export const MAX_PROJECT_IMAGES = 10_000;

const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;

/**
 * Why a project of `images` images and `bytes` bytes of them could not be opened again from its
 * own zip (Open project's limits above), or null. Adding images has no such limit: the download
 * says so (the zip is still written, its images in class folders) instead of a silent dead end.
 */
export function reopenLimit(images: number, bytes: number): string | null {
  if (images > MAX_PROJECT_IMAGES)
    return `it holds ${images} images, and Open project reads at most ${MAX_PROJECT_IMAGES}`;
  if (bytes > ZIP_LIMITS.totalBytes)
    return `its images come to ${gb(bytes)}, and Open project reads at most ${gb(ZIP_LIMITS.totalBytes)}`;
  return null;
}

const safe = (s: string) => s.replace(/[^\p{L}\p{N} ._-]+/gu, '_').slice(0, 80) || '_';

/**
 * project.json + images/<n>-<class>/<m>-<file>: a person can unzip it and see their images in
 * class folders; the numeric prefixes keep two classes or files with the same cleaned name apart.
 */
export function projectZip(record: ProjectRecord, bytesOf: (imageId: string) => Uint8Array): Uint8Array {
  const files: Zippable = {};
  const classes = record.classes.map((c, i) => {
    const folder = `images/${i + 1}-${safe(c.name)}`;
    return {
      ...c,
      images: c.images.map((im, j) => {
        const path = `${folder}/${j + 1}-${safe(im.name)}`;
        // images are already compressed: store them as they are
        files[path] = [bytesOf(im.id), { level: 0 }];
        return { ...im, path };
      }),
    };
  });
  files['project.json'] = strToU8(JSON.stringify({ ...record, classes }, null, 2));
  return zipSync(files, { level: 6 });
}

function unsafePath(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split('/').some((p) => p === '..' || p === '.')
  );
}

/** Reads and validates a project zip; every problem is a ProjectFileError saying what is wrong. */
export async function readProjectZip(
  bytes: Uint8Array,
): Promise<{ record: ProjectRecord; files: Map<string, Uint8Array> }> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ProjectFileError('This file is not a project zip (it does not start like a zip archive).');
  }
  let contents: Record<string, Uint8Array>;
  try {
    contents = await boundedUnzip(bytes, ZIP_LIMITS, (name) => {
      if (unsafePath(name))
        throw new ProjectFileError(
          `The project zip holds a path outside its folders: "${name}". Nothing was imported.`,
        );
      return true;
    });
  } catch (err) {
    if (err instanceof ProjectFileError) throw err;
    if (err instanceof ZipLimitError) throw new ProjectFileError(`The project zip was refused: ${err.message}`);
    throw new ProjectFileError(`The project zip is damaged: ${(err as Error).message}. Nothing was imported.`);
  }
  const json = contents['project.json'];
  if (!json)
    throw new ProjectFileError(
      'The zip has no project.json: it is not a Transfer Studio project. Nothing was imported.',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(json));
  } catch {
    throw new ProjectFileError('project.json is not valid JSON. Nothing was imported.');
  }
  const record = parseProjectRecord(parsed);
  const count = record.classes.reduce((n, c) => n + c.images.length, 0);
  if (count > MAX_PROJECT_IMAGES) {
    throw new ProjectFileError(
      `project.json lists ${count} images; a project holds at most ${MAX_PROJECT_IMAGES} (each one is kept in the page and in browser storage). Split it into smaller projects. Nothing was imported.`,
    );
  }
  const files = new Map<string, Uint8Array>();
  for (const c of record.classes) {
    for (const im of c.images) {
      const data = im.path !== undefined ? contents[im.path] : undefined;
      if (!data)
        throw new ProjectFileError(
          `project.json lists "${im.name}" in "${c.name}" but the zip has no file for it. Nothing was imported.`,
        );
      files.set(im.id, data);
    }
  }
  return { record, files };
}
