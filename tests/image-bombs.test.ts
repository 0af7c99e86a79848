import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../src/core/data/decode-node';
import { sizeProblem, sniffImage } from '../src/core/data/sniff';
import { SIGN_DIGITS } from './helpers';

const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const text = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** A BMP info header (40 bytes) and a whole file around `pixels`. */
function bmp(
  width: number,
  height: number,
  bpp: number,
  compression: number,
  palette: number[],
  pixels: number[],
): Uint8Array {
  const offset = 14 + 40 + palette.length;
  const info = [
    ...le32(40),
    ...le32(width),
    ...le32(height),
    ...le16(1),
    ...le16(bpp),
    ...le32(compression),
    ...le32(pixels.length),
    ...le32(2835),
    ...le32(2835),
    ...le32(palette.length / 4),
    ...le32(0),
  ];
  return Uint8Array.from([
    ...text('BM'),
    ...le32(offset + pixels.length),
    0,
    0,
    0,
    0,
    ...le32(offset),
    ...info,
    ...palette,
    ...pixels,
  ]);
}

/** The attack: 1,080 bytes of RLE8 whose header claims 16,000 × 16,000 (an end-of-bitmap code and nothing else). */
const RLE_BOMB = bmp(16000, 16000, 8, 1, new Array(1024).fill(0), [0, 1]);

/** A PNG header claiming `w` × `h` (IHDR only: the size check comes before any decoding). */
const pngHead = (w: number, h: number) => [
  0x89,
  ...text('PNG\r\n\x1a\n'),
  ...be32(13),
  ...text('IHDR'),
  ...be32(w),
  ...be32(h),
  8,
  6,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
];

const BOMBS: [string, Uint8Array, string, number, number][] = [
  ['rle.bmp', RLE_BOMB, 'bmp', 16000, 16000],
  ['top-down.bmp', bmp(12000, -12000, 24, 0, [], [0, 0, 0, 0]), 'bmp', 12000, 12000],
  [
    'core-header.bmp',
    Uint8Array.from([
      ...text('BM'),
      ...le32(40),
      0,
      0,
      0,
      0,
      ...le32(26),
      ...le32(12),
      ...le16(12000),
      ...le16(12000),
      ...le16(1),
      ...le16(24),
      0,
      0,
      0,
      0,
    ]),
    'bmp',
    12000,
    12000,
  ],
  // ftyp, then meta … ipco … ispe (version/flags, width, height)
  [
    'huge.avif',
    Uint8Array.from([
      ...be32(20),
      ...text('ftypavif'),
      0,
      0,
      0,
      0,
      ...text('mif1'),
      ...be32(20),
      ...text('ispe'),
      0,
      0,
      0,
      0,
      ...be32(20000),
      ...be32(20000),
    ]),
    'avif',
    20000,
    20000,
  ],
  // a 1 × 1 screen whose first frame is 20,000 × 20,000 (after a graphic control extension)
  [
    'frame.gif',
    Uint8Array.from([
      ...text('GIF89a'),
      ...le16(1),
      ...le16(1),
      0,
      0,
      0,
      0x21,
      0xf9,
      4,
      0,
      0,
      0,
      0,
      0,
      0x2c,
      0,
      0,
      0,
      0,
      ...le16(20000),
      ...le16(20000),
      0,
      2,
      2,
      0x4c,
      1,
      0,
      0x3b,
    ]),
    'gif',
    20000,
    20000,
  ],
  [
    'canvas.webp',
    Uint8Array.from([
      ...text('RIFF'),
      ...le32(22),
      ...text('WEBPVP8X'),
      ...le32(10),
      0,
      0,
      0,
      0,
      ...le32(19999).slice(0, 3),
      ...le32(19999).slice(0, 3),
    ]),
    'webp',
    20000,
    20000,
  ],
  // an icon whose directory says 16 × 16 and whose picture is a PNG claiming 20,000 × 20,000
  [
    'icon.ico',
    Uint8Array.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, ...le32(33), ...le32(22), ...pngHead(20000, 20000)]),
    'ico',
    20000,
    20000,
  ],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'studio-bombs-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('header sizes of every format', () => {
  it('the RLE bomb is the 1,080 bytes the attack used', () => {
    expect(RLE_BOMB.length).toBe(1080);
  });

  it.each(BOMBS)(
    '%s: its header size is read and refused over 100 megapixels, in the CLI decoder too',
    async (name, bytes, kind, width, height) => {
      const sniffed = sniffImage(bytes);
      expect(sniffed).toMatchObject({ kind, width, height });
      expect(sizeProblem(sniffed)).toMatch(new RegExp(`it is ${width}×${height} pixels .*the limit is 100 megapixels`));
      await writeFile(join(dir, name), bytes);
      await expect(decodeImageFile(join(dir, name))).rejects.toThrow(
        /not a readable image: it is \d+×\d+ pixels \(\d+ megapixels\); a [A-Z]+ is decoded at full size/,
      );
    },
  );

  it('a huge JPEG is not refused by the CLI (sharp shrinks it on load), small images of every format pass', () => {
    expect(sizeProblem({ kind: 'jpeg', width: 20000, height: 20000 })).toBeUndefined();
    expect(sizeProblem({ kind: 'jpeg', width: 20000, height: 20000 }, false)).toMatch(/a JPEG is decoded at full size/);
    expect(sizeProblem({ kind: 'bmp', width: 10000, height: 10000 })).toBeUndefined();
  });
});

describe('the CLI decodes BMP as the browser does', () => {
  it('a 24-bit BMP (bottom-up rows, padded) gives the pixels of the photo it was made from', async () => {
    const photo = readFileSync(join(SIGN_DIGITS, 'digit_0', 'IMG_1118.jpg'));
    const w = 37;
    const h = 23;
    const { data } = await sharp(photo)
      .resize(w, h, { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const stride = Math.ceil((w * 3) / 4) * 4;
    const rows: number[] = [];
    for (let y = h - 1; y >= 0; y--) {
      const row = new Array(stride).fill(0);
      for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) row[x * 3 + c] = data[(y * w + x) * 3 + 2 - c];
      rows.push(...row);
    }
    await writeFile(join(dir, 'photo.bmp'), bmp(w, h, 24, 0, [], rows));
    const decoded = await decodeImageFile(join(dir, 'photo.bmp'));
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([w, h, 3]);
    expect(Array.from(decoded.data)).toEqual(Array.from(data));
  });

  it('an RLE8 BMP of a few bytes with a real size decodes', async () => {
    // 4 × 2: each row one run of 4 pixels of palette colour 1 (pure red), end of line, end of bitmap
    const palette = [0, 0, 0, 0, 0, 0, 255, 0];
    await writeFile(join(dir, 'red.bmp'), bmp(4, 2, 8, 1, palette, [4, 1, 0, 0, 4, 1, 0, 0, 0, 1]));
    const red = await decodeImageFile(join(dir, 'red.bmp'));
    expect([red.width, red.height]).toEqual([4, 2]);
    expect(Array.from(red.data.subarray(0, 3))).toEqual([255, 0, 0]);
  });
});
