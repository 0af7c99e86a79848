// The pixel size of a small picture made for a thumbnail (worker/thumbnail.ts): its short side
// covers the thumbnail's box at the screen's pixel density, so a square box shown with
// object-fit: cover and a box as wide as `side` are both sharp, and its aspect is the photo's.

/** never more than this many pixels a side, whatever the density (a phone at 3× asks 168 for 56) */
export const THUMBNAIL_MAX_SIDE = 512;

/**
 * Width and height of the picture for a `side`-pixel box at `density` device pixels per CSS
 * pixel: the photo scaled so its short side is side × density (rounded up), never enlarged.
 */
export function thumbnailSize(
  width: number,
  height: number,
  side: number,
  density = 1,
): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new Error(`not an image size: ${width}×${height}`);
  const wanted = Math.min(THUMBNAIL_MAX_SIDE, Math.ceil(side * Math.max(1, density)));
  const scale = Math.min(1, wanted / Math.min(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
