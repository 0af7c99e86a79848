import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../src/core/data/decode-node';
import { sizeProblem, sniffImage } from '../src/core/data/sniff';

const DATASETS = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  process.env.STUDIO_DATASETS_DIR ?? '../shared/datasets',
);
// the shared sets hold JPEGs only: a real photo of them, saved as a PNG by libvips
const PHOTO = join(DATASETS, 'tf-flowers/daisy/100080576_f52e8ee070_n.jpg');

describe('a PNG with data after its end', () => {
  it('is taken, however much follows IEND (browsers and libvips decode it)', async () => {
    const png = await sharp(await readFile(PHOTO))
      .png()
      .toBuffer();
    // a few KiB after the image: a tool's appended metadata, or another file glued on
    const trailing = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) & 0xff));
    const bytes = Buffer.concat([png, trailing]);
    expect(sniffImage(bytes)).toEqual({ kind: 'png', width: 320, height: 263 });

    const dir = await mkdtemp(join(tmpdir(), 'png-trailing-'));
    try {
      await writeFile(join(dir, 'daisy.png'), bytes);
      const image = await decodeImageFile(join(dir, 'daisy.png'));
      expect([image.width, image.height]).toEqual([320, 263]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('cut off before its end is still truncated, with or without its last bytes', async () => {
    const png = await sharp(await readFile(PHOTO))
      .png()
      .toBuffer();
    for (const cut of [12, 100, Math.floor(png.length / 2)])
      expect(sniffImage(png.subarray(0, png.length - cut)).problem).toBe(
        'the PNG is truncated (its end marker is missing)',
      );
  });
});

describe('the size limit says what to do for the image it refuses', () => {
  it('a JPEG is not told to be saved as JPEG', () => {
    const jpeg = sizeProblem({ kind: 'jpeg', width: 12000, height: 9000 }, false)!;
    expect(jpeg).toMatch(/\(save it smaller\)$/);
    expect(jpeg).not.toMatch(/as JPEG/);
    expect(sizeProblem({ kind: 'png', width: 12000, height: 9000 })).toBe(
      'it is 12000×9000 pixels (108 megapixels); a PNG is decoded at full size, so the limit is 100 megapixels (save it smaller, or as JPEG)',
    );
  });

  it('an image just over the limit does not read as being at it', () => {
    expect(sizeProblem({ kind: 'png', width: 10001, height: 10001 })).toMatch(
      /^it is 10001×10001 pixels \(100\.02 megapixels\); .* the limit is 100 megapixels/,
    );
    expect(sizeProblem({ kind: 'webp', width: 10040, height: 10000 })).toMatch(/\(100\.4 megapixels\)/);
    expect(sizeProblem({ kind: 'gif', width: 100_000_001, height: 1 })).toMatch(/\(just over 100 megapixels\)/);
    expect(sizeProblem({ kind: 'png', width: 10000, height: 10000 })).toBeUndefined();
  });
});

describe("an AVIF's size is read from its header, not from its image data", () => {
  const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  const u32 = (n: number) => String.fromCharCode((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  const box = (type: string, body: string) => u32(8 + body.length) + type + body;
  const ftyp = box('ftyp', 'avif\0\0\0\0avifmif1');
  const ispe = (w: number, h: number) => box('ispe', `\0\0\0\0${u32(w)}${u32(h)}`);
  // compressed data that happens to hold the letters "ispe" and big numbers after them
  const mdat = box('mdat', `\x12\x34${ispe(60000, 60000)}\x56`);

  it("'ispe' bytes inside the image data ('mdat') are not taken for the image's size", () => {
    const meta = box('meta', `\0\0\0\0${box('iprp', box('ipco', ispe(640, 480)))}`);
    expect(sniffImage(bytes(ftyp + meta + mdat))).toEqual({ kind: 'avif', width: 640, height: 480 });
    // the data may come before the header's boxes
    expect(sniffImage(bytes(ftyp + mdat + meta))).toEqual({ kind: 'avif', width: 640, height: 480 });
  });

  it('a box of an impossible size: the rest is read as before', () => {
    expect(sniffImage(bytes(`${ftyp}\0\0\0\x02junk${ispe(320, 200)}`))).toEqual({
      kind: 'avif',
      width: 320,
      height: 200,
    });
  });
});
