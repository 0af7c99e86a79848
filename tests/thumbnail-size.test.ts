import { describe, expect, it } from 'vitest';
import { THUMBNAIL_MAX_SIDE, thumbnailSize } from '../src/core/data/thumbnail-size';

// core/data/thumbnail-size.ts: the small picture the file-facts worker makes for a thumbnail
describe('thumbnail size', () => {
  it("scales the photo so its short side covers the box, keeping the photo's aspect", () => {
    expect(thumbnailSize(500, 375, 56)).toEqual({ width: 75, height: 56 });
    expect(thumbnailSize(375, 500, 56)).toEqual({ width: 56, height: 75 });
    expect(thumbnailSize(1000, 1000, 88)).toEqual({ width: 88, height: 88 });
  });

  it('counts device pixels: a 56-pixel box on a 3× phone screen gets 168 pixels', () => {
    expect(thumbnailSize(4000, 3000, 56, 3)).toEqual({ width: 224, height: 168 });
    // a density under 1 (zoomed out) is not sharper than 1
    expect(thumbnailSize(4000, 3000, 56, 0.5)).toEqual({ width: 75, height: 56 });
  });

  it('never enlarges a small photo, and never passes the largest side it makes', () => {
    expect(thumbnailSize(40, 30, 56)).toEqual({ width: 40, height: 30 });
    expect(thumbnailSize(8000, 8000, 400, 3)).toEqual({ width: THUMBNAIL_MAX_SIDE, height: THUMBNAIL_MAX_SIDE });
    // a very long panorama keeps at least a pixel each way
    expect(thumbnailSize(100_000, 10, 56)).toEqual({ width: 100_000, height: 10 });
    expect(thumbnailSize(10_000, 200, 56).height).toBe(56);
  });

  it('refuses a size that is not an image', () => {
    expect(() => thumbnailSize(0, 10, 56)).toThrow(/not an image size/);
    expect(() => thumbnailSize(Number.NaN, 10, 56)).toThrow(/not an image size/);
  });
});
