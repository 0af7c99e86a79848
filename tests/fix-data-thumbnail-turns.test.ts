import { afterEach, describe, expect, it, vi } from 'vitest';
import { DECODING_BYTES, decodedBytes, thumbnailOf } from '../src/worker/thumbnail';

// The file-facts worker now pictures every image up to the 100-megapixel limit, each decoded at
// full size first: a screen of large files asked together must not all be decoded at once.

afterEach(() => vi.unstubAllGlobals());

function fakeBrowser() {
  let now = 0;
  let most = 0;
  vi.stubGlobal('createImageBitmap', async () => {
    most = Math.max(most, ++now);
    await new Promise((r) => setTimeout(r, 5));
    now--;
    return { width: 4000, height: 3000, close() {} };
  });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      getContext() {
        return { drawImage() {} };
      }
      convertToBlob() {
        return Promise.resolve(new Blob(['x']));
      }
    },
  );
  vi.stubGlobal(
    'FileReaderSync',
    class {
      readAsDataURL() {
        return 'data:image/webp;base64,eA==';
      }
    },
  );
  return () => most;
}

const file = (mb: number) => new Blob([new Uint8Array(mb * 1024 * 1024)]);

describe("the worker's thumbnails", () => {
  it('decode large files one at a time and small ones together', async () => {
    const most = fakeBrowser();
    await Promise.all([file(40), file(40), file(40)].map((b) => thumbnailOf(b, 56, 1)));
    expect(most()).toBe(1);
    const few = fakeBrowser();
    const urls = await Promise.all(Array.from({ length: 6 }, () => thumbnailOf(file(1), 56, 1)));
    expect(few()).toBe(6);
    expect(urls.every((u) => u.startsWith('data:'))).toBe(true);
  });

  it('take turns by the pixels a decode makes, not by the bytes of the file', async () => {
    // 1 MB PNG diagrams of 9,000 × 9,000 pixels: 324 MB each once decoded
    const png = (side: number) => {
      const b = new Uint8Array(1024 * 1024);
      b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
      new DataView(b.buffer).setUint32(16, side);
      new DataView(b.buffer).setUint32(20, side);
      return new Blob([b]);
    };
    expect(await decodedBytes(png(9000))).toBe(9000 * 9000 * 4);
    const most = fakeBrowser();
    await Promise.all(Array.from({ length: 6 }, () => thumbnailOf(png(9000), 56, 1)));
    expect(most()).toBe(1);
    // 2,000 × 2,000 (16 MB decoded): as many together as the budget holds
    const some = fakeBrowser();
    await Promise.all(Array.from({ length: 24 }, () => thumbnailOf(png(2000), 56, 1)));
    expect(some()).toBe(Math.floor(DECODING_BYTES / (2000 * 2000 * 4)));
  });
});
