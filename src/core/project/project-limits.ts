import type { ZipLimits } from '../unzip';

/**
 * Limits for untrusted project zips. The zip is read from its central directory and each image
 * streamed out one at a time, so a project's size is bounded by browser storage, not by memory:
 * the total is a guard against mistakes, and the ratio against zip bombs (photos are already
 * compressed and stored as they are in our own zips, so past 64 MB a project may unpack to at most
 * 20 times its zip).
 */
export const ZIP_LIMITS: ZipLimits = Object.freeze({
  entries: 20_000,
  totalBytes: 16 * 2 ** 30,
  fileBytes: 256 * 2 ** 20,
  ratio: 20,
  ratioFloorBytes: 64 * 2 ** 20,
});
/**
 * What a project zip may carry besides images and model (core/project/carried.ts): three brought
 * backbones of at most 1 GB each (MAX_WEIGHT_BYTES) and a starting point; it is read into memory.
 */
export const MAX_CARRIED_BYTES = 3 * 2 ** 30 + 64 * 2 ** 20;
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
  if (bytes > ZIP_LIMITS.totalBytes)
    return `its images come to ${gb(bytes)}, and Open project reads at most ${gb(ZIP_LIMITS.totalBytes)}`;
  return null;
}

/**
 * Why the files a project zip carries besides its images (its models, brought backbones, starting
 * point; `carried` are read into memory on opening) would stop Open project, or null.
 */
export function carriedLimit(files: readonly { path: string; bytes: number }[], carried: number): string | null {
  const largest = files.reduce<{ path: string; bytes: number } | null>(
    (a, f) => (a && a.bytes >= f.bytes ? a : f),
    null,
  );
  if (largest && largest.bytes > ZIP_LIMITS.fileBytes)
    return `its ${largest.path} is ${mb(largest.bytes)}, and Open project reads at most ${mb(ZIP_LIMITS.fileBytes)} a file`;
  if (carried > MAX_CARRIED_BYTES)
    return `its models, backbones and starting point come to ${mb(carried)}, and Open project reads at most ${mb(MAX_CARRIED_BYTES)} of them`;
  return null;
}
