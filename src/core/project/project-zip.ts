import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { parseProjectRecord, ProjectFileError, type ProjectRecord } from './record';

/** Limits for untrusted project zips: a zip bomb or a flood of entries is refused before it is inflated. */
export const ZIP_LIMITS = Object.freeze({ entries: 50_000, totalBytes: 4 * 2 ** 30, fileBytes: 256 * 2 ** 20, ratio: 200 });

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
  return name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.split('/').some((p) => p === '..' || p === '.');
}

/** Reads and validates a project zip; every problem is a ProjectFileError saying what is wrong. */
export function readProjectZip(bytes: Uint8Array): { record: ProjectRecord; files: Map<string, Uint8Array> } {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ProjectFileError('This file is not a project zip (it does not start like a zip archive).');
  }
  let entries = 0;
  let total = 0;
  let contents: Record<string, Uint8Array>;
  try {
    contents = unzipSync(bytes, {
      filter(file) {
        if (unsafePath(file.name)) throw new ProjectFileError(`The project zip holds a path outside its folders: "${file.name}". Nothing was imported.`);
        if (++entries > ZIP_LIMITS.entries) throw new ProjectFileError(`The project zip holds more than ${ZIP_LIMITS.entries} files. Nothing was imported.`);
        total += file.originalSize;
        const ratio = file.size > 0 ? file.originalSize / file.size : file.originalSize > 0 ? Infinity : 1;
        if (file.originalSize > ZIP_LIMITS.fileBytes || total > ZIP_LIMITS.totalBytes || (ratio > ZIP_LIMITS.ratio && file.originalSize > 2 ** 20)) {
          throw new ProjectFileError(`The project zip inflates to far more than it holds ("${file.name}": ${file.originalSize} bytes): it looks like a zip bomb. Nothing was imported.`);
        }
        return !file.name.endsWith('/');
      },
    });
  } catch (err) {
    if (err instanceof ProjectFileError) throw err;
    throw new ProjectFileError(`The project zip is damaged: ${(err as Error).message}. Nothing was imported.`);
  }
  const json = contents['project.json'];
  if (!json) throw new ProjectFileError('The zip has no project.json: it is not a Transfer Studio project. Nothing was imported.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(json));
  } catch {
    throw new ProjectFileError('project.json is not valid JSON. Nothing was imported.');
  }
  const record = parseProjectRecord(parsed);
  const files = new Map<string, Uint8Array>();
  for (const c of record.classes) {
    for (const im of c.images) {
      const data = im.path !== undefined ? contents[im.path] : undefined;
      if (!data) throw new ProjectFileError(`project.json lists "${im.name}" in "${c.name}" but the zip has no file for it. Nothing was imported.`);
      files.set(im.id, data);
    }
  }
  return { record, files };
}
