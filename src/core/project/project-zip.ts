import {
  BlobReader,
  BlobWriter,
  ERR_INVALID_UNCOMPRESSED_SIZE,
  ERR_UNSAFE_FILENAME,
  TextReader,
  ZipReader,
  ZipWriter,
  type FileEntry,
} from '@zip.js/zip.js';
import {
  countsAsImage,
  entryBytes,
  imageBytesLimit,
  imageCount,
  MAX_CARRIED_BYTES,
  MAX_PROJECT_IMAGES,
  mb,
  ZIP_LIMITS,
} from './project-limits';
import { yieldToEventLoop } from '../yield';
import { parseProjectRecord, pathKey, ProjectFileError, type ProjectRecord } from './record';
import { isCarriedPath, MODEL_PATH, type CarriedFiles } from './carried';

/**
 * A name as a zip path part: cut by letters, as a cut inside a surrogate pair left half a letter
 * that the zip stored as U+FFFD while project.json kept the half, and the project did not open again.
 */
const safe = (s: string) => [...s.normalize('NFC').replace(/[^\p{L}\p{N} ._-]+/gu, '_')].slice(0, 80).join('') || '_';

/** images are compressed already and project.json is small: nothing here is worth a worker's start */
const NO_WORKERS = { useWebWorkers: false } as const;

export type ZipProgress = (images: number, total: number) => void;

/**
 * project.json + images/<n>-<class>/<m>-<file>: a person can unzip it and see their images in
 * class folders; the numeric prefixes keep two classes or files with the same cleaned name apart.
 * Images are streamed in one at a time and stored as they are, so the page never holds the
 * project twice; past 4 GB the zip is written as ZIP64.
 */
export async function writeProjectZip(
  record: ProjectRecord,
  fileOf: (imageId: string) => Blob,
  progress?: ZipProgress,
  model?: Blob,
  carried: CarriedFiles = new Map(),
): Promise<Blob> {
  const paths: { id: string; path: string }[] = [];
  const classes = record.classes.map((c, i) => {
    const folder = `images/${i + 1}-${safe(c.name)}`;
    return {
      ...c,
      images: c.images.map((im, j) => {
        const path = `${folder}/${j + 1}-${safe(im.name)}`;
        paths.push({ id: im.id, path });
        return { ...im, path };
      }),
    };
  });
  const out = new BlobWriter('application/zip');
  const zip = new ZipWriter(out, NO_WORKERS);
  const write = (async () => {
    // first, so a reader that streams the zip from its start knows the project before its images
    await zip.add('project.json', new TextReader(JSON.stringify({ ...record, classes }, null, 2)), { level: 6 });
    for (const [n, { id, path }] of paths.entries()) {
      await zip.add(path, new BlobReader(fileOf(id)), { level: 0 });
      progress?.(n + 1, paths.length);
    }
    // the model that answered Try it, as its own export zip: it comes back where the project opens
    if (model) await zip.add(MODEL_PATH, new BlobReader(model), { level: 0 });
    // the starting point and brought backbones (core/project/carried.ts): weights barely compress
    for (const [path, bytes] of carried)
      await zip.add(path, new BlobReader(new Blob([bytes as Uint8Array<ArrayBuffer>])), {
        level: path.endsWith('.json') ? 6 : 0,
      });
    return zip.close();
  })();
  // the browser may refuse the zip's blob (no room for it) without failing the stream that feeds
  // it, which then waits for ever: the refusal ends the write
  const refused = out.getData().then(() => new Promise<never>(() => undefined));
  write.catch(() => undefined);
  return Promise.race([write, refused]);
}

function unsafePath(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split('/').some((p) => p === '..' || p === '.')
  );
}

const unsafe = (name: string) =>
  new ProjectFileError(`The project zip holds a path outside its folders: "${name}". Nothing was imported.`);
const bomb = (name: string, why: string) =>
  new ProjectFileError(
    `The project zip was refused: "${name}" ${why}: the zip looks like a zip bomb. Nothing was imported.`,
  );

/** what the system and tools add beside a project's files: macOS's `__MACOSX/`, `.DS_Store` */
const isSystemPath = (path: string) => path.split('/').some((p) => p.startsWith('.') || p === '__MACOSX');

/**
 * Checks every entry's declared size before a byte is unpacked; what one may be depends on its
 * path under `root`, project.json's folder (a model may be larger than an image).
 */
function checkDeclared(entries: FileEntry[], zipBytes: number, root: string): void {
  // Finder's Compress adds a __MACOSX/._ copy beside every file: a re-zipped project of 10,000
  // images has over 20,000 entries, half of them the system's (never read); those count only
  // towards a hard stop at twice the limit
  const own = entries.filter((e) => !isSystemPath(e.filename)).length;
  if (own > ZIP_LIMITS.entries)
    throw new ProjectFileError(
      `The project zip was refused: it holds more than ${ZIP_LIMITS.entries} files. Nothing was imported.`,
    );
  if (entries.length > 2 * ZIP_LIMITS.entries)
    throw new ProjectFileError(
      `The project zip was refused: beside its own files it holds ${entries.length - own} files the system added (__MACOSX/, .DS_Store and the like), more than ${ZIP_LIMITS.entries}. Zip the project's files again without them. Nothing was imported.`,
    );
  const allowed = Math.min(ZIP_LIMITS.totalBytes, Math.max(ZIP_LIMITS.ratioFloorBytes, ZIP_LIMITS.ratio * zipBytes));
  let total = 0;
  let images = 0;
  let crossed: FileEntry | undefined;
  for (const e of entries) {
    if (unsafePath(e.filename)) throw unsafe(e.filename);
    if (e.encrypted)
      throw new ProjectFileError(`"${e.filename}" in the project zip is password-protected. Nothing was imported.`);
    const path = e.filename.startsWith(root) ? pathKey(e.filename.slice(root.length)) : null;
    const limit = path === null ? ZIP_LIMITS.fileBytes : entryBytes(path);
    if (e.uncompressedSize > limit)
      throw bomb(e.filename, `says it unpacks to ${mb(e.uncompressedSize)}, over the limit of ${mb(limit)} a file`);
    if (countsAsImage(path)) images += e.uncompressedSize;
    total += e.uncompressedSize;
    if (total > allowed) crossed ??= e;
  }
  // the images' own limit first: a project saved past it is told so, not taken for a zip bomb
  const tooMany = imageBytesLimit(images);
  if (tooMany)
    throw new ProjectFileError(
      `This project zip cannot be opened here: ${tooMany}. Split it into smaller projects. Nothing was imported.`,
    );
  if (crossed) throw bomb(crossed.filename, `brings what it unpacks to over ${mb(allowed)} from a ${mb(zipBytes)} zip`);
}

/**
 * Past this size a zip's stored photos are slices of it rather than copies. A slice reads the
 * user's file again when used: deleting or replacing the zip during the session would break the
 * images not yet saved in browser storage, so a project that fits in memory is copied.
 */
const SLICE_ABOVE_BYTES = 256 * 2 ** 20;

/**
 * One entry's bytes: a header that lies about the size unpacked is caught by the bytes actually
 * produced, and a damaged entry by its checksum. A stored entry (how our zips keep photos) of a
 * large zip is then a slice of the zip itself, so a File's images stay on disk instead of being
 * copied into memory: Chromium refused to keep a ~1 GB project's copies in IndexedDB ("Failed to
 * write blobs").
 */
async function unpack(entry: FileEntry, zip: Blob): Promise<Blob> {
  const slice = entry.compressionMethod === 0 && !entry.encrypted && zip.size > SLICE_ABOVE_BYTES;
  const overflow = () =>
    bomb(entry.filename, `unpacks to more than the ${entry.uncompressedSize} bytes its header says`);
  const parts: Uint8Array[] = [];
  let got = 0;
  const sink = new WritableStream<Uint8Array>({
    write(chunk) {
      got += chunk.length;
      if (got > entry.uncompressedSize) throw overflow();
      if (!slice) parts.push(chunk);
    },
  });
  try {
    await entry.getData(sink, { checkSignature: true, checkOverlappingEntry: true });
  } catch (err) {
    if (err instanceof ProjectFileError) throw err;
    // zip.js stops a deflated entry that runs past its declared size itself
    if ((err as Error).message === ERR_INVALID_UNCOMPRESSED_SIZE) throw overflow();
    throw new ProjectFileError(
      `The project zip is damaged ("${entry.filename}": ${(err as Error).message}). Nothing was imported.`,
    );
  }
  if (got !== entry.uncompressedSize)
    throw new ProjectFileError(
      `The project zip is damaged ("${entry.filename}" is ${got} bytes, its header says ${entry.uncompressedSize}). Nothing was imported.`,
    );
  if (!slice) return new Blob(parts as Uint8Array<ArrayBuffer>[]);
  const at = entry.localDirectory?.dataOffset;
  if (at === undefined)
    throw new ProjectFileError(
      `The project zip is damaged ("${entry.filename}" has no local header). Nothing was imported.`,
    );
  return zip.slice(at, at + got);
}

/**
 * The folder project.json is in: the zip's root, or the one folder it is in when someone unzipped
 * a project and compressed its folder again (Finder and Explorer put the folder's name before
 * every path, and Finder adds `__MACOSX/`), which was refused as no project at all.
 */
function projectRoot(entries: FileEntry[]): string {
  const names = entries.map((e) => e.filename);
  if (names.includes('project.json')) return '';
  const nested = names.filter((n) => n.endsWith('/project.json') && !isSystemPath(n));
  if (nested.length === 1 && nested[0].split('/').length === 2) return nested[0].slice(0, -'project.json'.length);
  // a model's zip (Deploy's download, or Teachable Machine's) opened as a project was refused with
  // nowhere to go: it is imported as a model
  if (!nested.length && names.some((n) => n === 'model.json' || /^[^/]+\/model\.json$/.test(n)))
    throw new ProjectFileError(
      'This zip holds a model, not a project: import it with “Import a model (zip)…” in Try it (the Deploy step) to classify with it. Nothing was imported, and the project you had is as it was.',
    );
  if (!nested.length)
    throw new ProjectFileError(
      'The zip has no project.json: it is not a Transfer Studio project. Nothing was imported.',
    );
  const where =
    nested.length > 1
      ? `${nested.length} of its folders hold one, so which project is not clear`
      : `"${nested[0].slice(0, -'/project.json'.length)}" holds it`;
  throw new ProjectFileError(
    `The zip has no project.json at its top (${where}): zip the files inside the project's folder, not the folder. Nothing was imported.`,
  );
}

/** a zip archive starts with "PK" */
async function checkZipHead(zip: Blob): Promise<void> {
  const head = new Uint8Array(await zip.slice(0, 2).arrayBuffer());
  if (head[0] !== 0x50 || head[1] !== 0x4b)
    throw new ProjectFileError('This file is not a project zip (it does not start like a zip archive).');
}

/**
 * Whether `zip` can be a project zip, from its first bytes and its list of names alone (nothing
 * unpacked): throws the ProjectFileError readProjectZip would for a file that is no zip, a model's
 * zip or a zip with no project.json, so the studio can say so before it asks to replace the
 * project with it.
 */
export async function probeProjectZip(zip: Blob): Promise<void> {
  await checkZipHead(zip);
  const reader = new ZipReader(new BlobReader(zip), NO_WORKERS);
  try {
    projectRoot(await fileEntries(reader));
  } catch (err) {
    // damaged or unsafe: readProjectZip says so, once the person has chosen to open it
    if (!(err instanceof DamagedZipError)) throw err;
  } finally {
    await reader.close();
  }
}

/** the zip's list of names could not be read: readProjectZip says why, probeProjectZip lets it */
class DamagedZipError extends ProjectFileError {}

/** The zip's files, from its central directory; a name zip.js refuses, or a damaged list, is said. */
async function fileEntries(reader: ZipReader<unknown>): Promise<FileEntry[]> {
  try {
    return (await reader.getEntries()).filter((e): e is FileEntry => !e.directory);
  } catch (err) {
    // zip.js refuses "..", absolute and drive paths while listing the entries
    if ((err as Error).message === ERR_UNSAFE_FILENAME)
      throw new DamagedZipError(unsafe(String((err as { filename?: unknown }).filename ?? '')).message);
    throw new DamagedZipError(`The project zip is damaged: ${(err as Error).message}. Nothing was imported.`);
  }
}

/**
 * Reads and validates a project zip from its central directory, then streams out the images
 * project.json lists, one at a time; every problem is a ProjectFileError saying what is wrong.
 */
export async function readProjectZip(
  zip: Blob,
  progress?: ZipProgress,
): Promise<{ record: ProjectRecord; files: Map<string, Blob>; model?: Blob; carried: CarriedFiles }> {
  await checkZipHead(zip);
  const reader = new ZipReader(new BlobReader(zip), NO_WORKERS);
  try {
    const entries = await fileEntries(reader);
    // only names are read to find the root: nothing is unpacked before the sizes are checked
    const root = projectRoot(entries);
    checkDeclared(entries, zip.size, root);
    // every path project.json gives is under the folder it sits in
    const byName = new Map(
      entries.filter((e) => e.filename.startsWith(root)).map((e) => [pathKey(e.filename.slice(root.length)), e]),
    );
    const json = byName.get('project.json')!;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await (await unpack(json, zip)).text());
    } catch (err) {
      if (err instanceof ProjectFileError) throw err;
      throw new ProjectFileError('project.json is not valid JSON. Nothing was imported.');
    }
    const record = parseProjectRecord(parsed);
    const count = imageCount(record.classes);
    if (count > MAX_PROJECT_IMAGES) {
      throw new ProjectFileError(
        `project.json lists ${count} images; a project holds at most ${MAX_PROJECT_IMAGES} (each one is kept in the page and in browser storage). Split it into smaller projects. Nothing was imported.`,
      );
    }
    const files = new Map<string, Blob>();
    // images listed twice share one file: it is unpacked once
    const unpacked = new Map<string, Blob>();
    for (const c of record.classes) {
      for (const im of c.images) {
        const entry = im.path !== undefined ? byName.get(pathKey(im.path)) : undefined;
        if (!entry)
          throw new ProjectFileError(
            `project.json lists "${im.name}" in "${c.name}" but the zip has no file for it. Nothing was imported.`,
          );
        const blob = unpacked.get(entry.filename) ?? (await unpack(entry, zip));
        unpacked.set(entry.filename, blob);
        files.set(im.id, blob);
        progress?.(files.size, count);
        // an image listed again is not unpacked again, with no await: the page still paints the progress
        if (files.size % 50 === 0) await yieldToEventLoop();
      }
    }
    // checked as a model zip where it is imported (worker/model import), like one dropped on Try it
    const model = byName.get(MODEL_PATH);
    // checked where they are used (core/project/carried.ts): a bad one costs that part, not the project
    const carried: CarriedFiles = new Map();
    const carriedEntries = [...byName].filter(([path]) => isCarriedPath(path));
    const carriedBytes = carriedEntries.reduce((n, [, e]) => n + e.uncompressedSize, 0);
    if (carriedBytes > MAX_CARRIED_BYTES)
      throw new ProjectFileError(
        `The project zip carries ${mb(carriedBytes)} of models, backbones and starting point; a project carries at most ${mb(MAX_CARRIED_BYTES)}. Nothing was imported.`,
      );
    for (const [path, e] of carriedEntries)
      carried.set(path, new Uint8Array(await (await unpack(e, zip)).arrayBuffer()));
    return { record, files, carried, ...(model ? { model: await unpack(model, zip) } : {}) };
  } finally {
    await reader.close();
  }
}
