import { afterEach, describe, expect, it, vi } from 'vitest';
import { thumbnailOf } from '../src/worker/thumbnail';

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
});
