import { DatasetError } from '../data/train-val';

/** Above this the activation cache is kept in float16 (see features/float16.ts). */
export const HALF_ABOVE_BYTES = 256 * 2 ** 20;
/** The cache never grows past this (after float16); the run is refused with a way out instead. */
export const MAX_CACHE_BYTES = 1536 * 2 ** 20;

/** Whether to store the activation cache in float16; throws when even that would not fit. */
export function cachePrecision(
  shape: number[],
  images: number,
  valSplit: number,
  views: number,
  firstTrainable: string,
): boolean {
  const rows = images + Math.round(images * (1 - valSplit)) * views;
  const bytes = rows * shape.reduce((a, b) => a * b, 1) * 4;
  if (bytes / 2 > MAX_CACHE_BYTES) {
    const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
    throw new DatasetError(
      `Caching the activations below ${firstTrainable} for ${images} images with ${views} augmented views needs ${mb(bytes / 2)} even in float16 (limit ${mb(MAX_CACHE_BYTES)}). ` +
        'Use fewer augmented views, unfreeze fewer blocks (the boundary activations get smaller higher up), or train on fewer images.',
    );
  }
  return bytes > HALF_ABOVE_BYTES;
}
