import { MAX_WEIGHT_BYTES } from '../backbones/model-files';
import type { ZipLimits } from '../unzip';
import { IMPORTED_ZIP, isCarriedPath, MODEL_PATH, PREVIOUS_ZIP } from './carried';

/** the most a project's images may come to (the download warns past it) */
export const MAX_IMAGE_BYTES = 16 * 2 ** 30;
/** the most one image, or any entry that is not a model or weights, may be */
const IMAGE_FILE_BYTES = 256 * 2 ** 20;
/**
 * A model zip (model/model.zip, model/imported.zip) may unpack to MODEL_ZIP_LIMITS.totalBytes
 * (core/model-import/read-model-zip.ts, not imported here: it brings TF.js into the page's first
 * load), MAX_WEIGHT_BYTES + 64 MB; the room past that is for the zip's own headers.
 */
const MODEL_ZIP_BYTES = MAX_WEIGHT_BYTES + 128 * 2 ** 20;
/**
 * What a project zip may carry besides images and model (core/project/carried.ts): three brought
 * backbones of at most MAX_WEIGHT_BYTES each, the imported model answering Try it, and a starting
 * point, results and runs; it is read into memory.
 */
export const MAX_CARRIED_BYTES = 3 * MAX_WEIGHT_BYTES + MODEL_ZIP_BYTES + 64 * 2 ** 20;

/**
 * Limits for untrusted project zips. The zip is read from its central directory and each image
 * streamed out one at a time, so a project's size is bounded by browser storage, not by memory:
 * the total is a guard against mistakes, and the ratio against zip bombs (photos are already
 * compressed and stored as they are in our own zips, so past 64 MB a project may unpack to at most
 * 20 times its zip). `fileBytes` is an image's limit; what other entries may be is `entryBytes`.
 */
export const ZIP_LIMITS: ZipLimits = Object.freeze({
  entries: 20_000,
  totalBytes: MAX_IMAGE_BYTES + MAX_CARRIED_BYTES + MODEL_ZIP_BYTES,
  fileBytes: IMAGE_FILE_BYTES,
  ratio: 20,
  ratioFloorBytes: 64 * 2 ** 20,
});

/**
 * The most one entry of a project zip may unpack to, by its path under project.json's folder: a
 * model or backbone as much as the studio accepts where it is imported or brought (a lower limit
 * let a project be saved with its large model and then refused on opening), anything else an image's.
 */
export function entryBytes(path: string): number {
  if (path === MODEL_PATH || path === IMPORTED_ZIP || path === PREVIOUS_ZIP) return MODEL_ZIP_BYTES;
  if (isCarriedPath(path) && path.endsWith('.bin')) return MAX_WEIGHT_BYTES;
  return ZIP_LIMITS.fileBytes;
}
/** the most images a project may hold; opening one builds a thumbnail and a blob per image */
export const MAX_PROJECT_IMAGES = 10_000;

/** how many images the classes hold (a project's, a record's) */
export const imageCount = (classes: readonly { images: readonly unknown[] }[]): number =>
  classes.reduce((n, c) => n + c.images.length, 0);

const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;
/** whole megabytes, as the limits and their refusals name sizes */
export const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/**
 * Why a project of `images` images and `bytes` bytes of them could not be opened again from its
 * own zip (Open project's limits above), or null. Adding stops at MAX_PROJECT_IMAGES (state/project.ts)
 * but not at a size: the download says so (the zip is still written, its images in class folders)
 * instead of a silent dead end.
 */
export function reopenLimit(images: number, bytes: number, largest = 0): string | null {
  if (largest > ZIP_LIMITS.fileBytes)
    return `one of its images is ${mb(largest)}, and Open project reads at most ${mb(ZIP_LIMITS.fileBytes)} a file`;
  if (images > MAX_PROJECT_IMAGES)
    return `it holds ${images} images, and Open project reads at most ${MAX_PROJECT_IMAGES}`;
  return imageBytesLimit(bytes);
}

/** Why images of `bytes` in all stop Open project, or null: the download and the reader say it alike. */
export const imageBytesLimit = (bytes: number): string | null =>
  bytes > MAX_IMAGE_BYTES
    ? `its images come to ${gb(bytes)}, and Open project reads at most ${gb(MAX_IMAGE_BYTES)}`
    : null;

/**
 * Whether a project zip's entry (its path under project.json's folder, or null outside it) counts
 * among the images: not the model nor what core/project/carried.ts carries, which have limits of
 * their own. Stray files and project.json count, as they did when all a zip held counted.
 */
export const countsAsImage = (path: string | null): boolean =>
  path === null || (path !== MODEL_PATH && !isCarriedPath(path));

/**
 * Why the files a project zip carries besides its images (its models, brought backbones, starting
 * point; `carried` are read into memory on opening) would stop Open project, or null.
 */
export function carriedLimit(files: readonly { path: string; bytes: number }[], carried: number): string | null {
  const over = files
    .filter((f) => f.bytes > entryBytes(f.path))
    .reduce<{ path: string; bytes: number } | null>((a, f) => (a && a.bytes >= f.bytes ? a : f), null);
  if (over)
    return `its ${over.path} is ${mb(over.bytes)}, and Open project reads at most ${mb(entryBytes(over.path))} for it`;
  if (carried > MAX_CARRIED_BYTES)
    return `its models, backbones and starting point come to ${mb(carried)}, and Open project reads at most ${mb(MAX_CARRIED_BYTES)} of them`;
  return null;
}
