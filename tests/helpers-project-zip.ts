import { strToU8, unzipSync, zipSync, type ZipOptions } from 'fflate';
import type { ProjectRecord } from '../src/core/project/record';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

/** Project zips built in memory for the tests of Open project, and what they read back. */

/** A project record of `classes`, the rest as a new project has it. */
export const projectRecord = (classes: ProjectRecord['classes']): ProjectRecord => ({
  version: 1,
  classes,
  settings: { ...DEFAULT_SETTINGS },
  backboneId: 'mobilenet-v1-0.25',
  savedAt: '',
});

/** One class "a" whose JPEGs are the files at `paths` (`i0`, `i1`…). */
export const jpegClass = (paths: string[]): ProjectRecord['classes'][number] => ({
  id: 'c',
  name: 'a',
  images: paths.map((path, i) => ({ id: `i${i}`, name: path.split('/').pop()!, type: 'image/jpeg', path })),
});

export interface ProjectZipOptions {
  /** the folder the project's files sit in ('' for the top, else ending in '/') */
  root?: string;
  /** entries outside `root`, after the project's (what Finder adds, padding) */
  beside?: Record<string, Uint8Array>;
  /** fflate's deflate level; 0 stores, so that the headers say the sizes written */
  level?: ZipOptions['level'];
}

/** The bytes of a zip of `project` as its project.json, then `files`. */
export function projectZipBytes(
  project: object,
  files: Record<string, Uint8Array> = {},
  { root = '', beside = {}, level }: ProjectZipOptions = {},
): Uint8Array<ArrayBuffer> {
  const entries: Record<string, Uint8Array> = { [`${root}project.json`]: strToU8(JSON.stringify(project)) };
  for (const [path, bytes] of Object.entries(files)) entries[`${root}${path}`] = bytes;
  return zipSync({ ...entries, ...beside }, level === undefined ? {} : { level });
}

/** projectZipBytes as the file someone opens. */
export const projectZipFile = (...args: Parameters<typeof projectZipBytes>) => new Blob([projectZipBytes(...args)]);

/**
 * `zip` with its local header and central directory saying each entry named in `claims` unpacks
 * to the size given there, while holding what it holds: nothing near that size is allocated.
 */
export function claimSizes<Z extends Uint8Array>(zip: Z, claims: Record<string, number>): Z {
  const sizes = new Map(Object.entries(claims));
  const view = new DataView(zip.buffer, zip.byteOffset);
  const decoder = new TextDecoder();
  let patched = 0;
  for (let at = 0; at + 46 < zip.length; at++) {
    const sig = view.getUint32(at, true);
    const [sizeAt, nameAt] = sig === 0x04034b50 ? [22, 30] : sig === 0x02014b50 ? [24, 46] : [0, 0];
    if (!sizeAt) continue;
    const nameLength = view.getUint16(at + (nameAt === 46 ? 28 : 26), true);
    const size = sizes.get(decoder.decode(zip.subarray(at + nameAt, at + nameAt + nameLength)));
    if (size === undefined) continue;
    view.setUint32(at + sizeAt, size, true);
    patched++;
  }
  if (patched !== 2 * sizes.size) throw new Error(`patched ${patched} headers for ${sizes.size} files`);
  return zip;
}

/** What `p` was refused with; '' when it was not. */
export const refusal = (p: Promise<unknown>) =>
  p.then(
    () => '',
    (err: Error) => err.message,
  );

/** Reads the images' bytes of a project from `bytes`, by image id. */
export const blobsOf = (bytes: Record<string, Uint8Array>) => (id: string) =>
  new Blob([bytes[id] as Uint8Array<ArrayBuffer>]);

export const bytesOf = async (blob: Blob) => Array.from(new Uint8Array(await blob.arrayBuffer()));

/** The entries of a zip file, by path. */
export const entriesOf = async (zip: Blob) => unzipSync(new Uint8Array(await zip.arrayBuffer()));
