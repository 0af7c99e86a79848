import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Color } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../src/core/data/decode-node';
import { readDatasetDir } from '../src/core/data/dataset-dir';
import { SIGN_DIGITS } from './helpers';

let dir: string;
const at = (name: string) => join(dir, name);
const pixel = (img: { data: ArrayLike<number>; width: number; channels: number }, x: number, y: number) => {
  const i = (y * img.width + x) * img.channels;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'studio-decode-'));
  const solid = (width: number, height: number, background: Color, channels: 3 | 4 = 3) =>
    sharp({ create: { width, height, channels, background } });
  await solid(24, 16, { r: 128, g: 128, b: 128 }).toColourspace('b-w').jpeg().toFile(at('gray.jpg'));
  await solid(40, 20, { r: 200, g: 30, b: 40 }).toColourspace('cmyk').jpeg().toFile(at('cmyk.jpg'));
  await solid(40, 20, { r: 10, g: 200, b: 10 }).withMetadata({ orientation: 6 }).png().toFile(at('rotated.png'));
  await solid(40, 20, { r: 10, g: 200, b: 10 }).withMetadata({ orientation: 6 }).jpeg().toFile(at('rotated.jpg'));
  await solid(10, 10, { r: 0, g: 0, b: 0, alpha: 0 }, 4).png().toFile(at('transparent.png'));
  await solid(3000, 1000, { r: 1, g: 2, b: 3 }).png({ compressionLevel: 1 }).toFile(at('huge.png'));
  await writeFile(at('text.jpg'), 'this is not a picture\n');
  await writeFile(at('empty.jpg'), '');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('decodeImageFile', () => {
  it('decodes a real dataset JPEG to 100x100 RGB', async () => {
    const file = join(
      SIGN_DIGITS,
      'digit_0',
      (await readdir(join(SIGN_DIGITS, 'digit_0'))).find((f) => f.endsWith('.jpg'))!,
    );
    const img = await decodeImageFile(file);
    expect([img.width, img.height, img.channels]).toEqual([100, 100, 3]);
    expect(img.data).toHaveLength(100 * 100 * 3);
    expect(new Set(img.data).size).toBeGreaterThan(20); // a photo, not a flat fill
  });

  it('turns grayscale into 3 equal channels', async () => {
    const metaIn = await sharp(at('gray.jpg')).metadata();
    expect(metaIn.channels).toBe(1);
    const img = await decodeImageFile(at('gray.jpg'));
    expect([img.width, img.height, img.channels]).toEqual([24, 16, 3]);
    const [r, g, b] = pixel(img, 5, 5);
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(Math.abs(r - 128)).toBeLessThan(6);
  });

  it('converts CMYK to sRGB, roughly keeping the colour', async () => {
    expect((await sharp(at('cmyk.jpg')).metadata()).space).toBe('cmyk');
    const img = await decodeImageFile(at('cmyk.jpg'));
    expect(img.channels).toBe(3);
    expect(img.data).toHaveLength(40 * 20 * 3);
    const [r, g, b] = pixel(img, 20, 10);
    expect(Math.abs(r - 200)).toBeLessThan(30);
    expect(Math.abs(g - 30)).toBeLessThan(40);
    expect(Math.abs(b - 40)).toBeLessThan(40);
  });

  it('applies EXIF orientation 6 (width and height swap)', async () => {
    for (const name of ['rotated.png', 'rotated.jpg']) {
      expect((await sharp(at(name)).metadata()).orientation).toBe(6);
      const img = await decodeImageFile(at(name));
      expect([img.width, img.height]).toEqual([20, 40]);
    }
  });

  it('flattens transparency onto white', async () => {
    const img = await decodeImageFile(at('transparent.png'));
    expect(img.channels).toBe(3);
    expect(pixel(img, 3, 3)).toEqual([255, 255, 255]);
  });

  it('bounds the decoded size of huge images, keeping the aspect ratio', async () => {
    const img = await decodeImageFile(at('huge.png'));
    expect(Math.max(img.width, img.height)).toBe(2048);
    expect(img.height).toBe(Math.round(2048 / 3));
    expect(img.data).toHaveLength(img.width * img.height * 3);
  });

  it('rejects a text file named .jpg and a zero-byte file with "not a readable image"', async () => {
    await expect(decodeImageFile(at('text.jpg'))).rejects.toThrow(/not a readable image/);
    await expect(decodeImageFile(at('empty.jpg'))).rejects.toThrow(/not a readable image/);
    await expect(decodeImageFile(at('does-not-exist.png'))).rejects.toThrow(/not a readable image/);
  });
});

describe('readDatasetDir', () => {
  it('lists class folders (sorted) and their image files, ignoring other files and hidden entries', async () => {
    const root = at('dataset');
    for (const c of ['zebra', 'apple', '.hidden']) await mkdir(join(root, c), { recursive: true });
    for (const f of ['b.JPG', 'a.png', 'notes.txt', '.DS_Store.jpg']) await writeFile(join(root, 'zebra', f), 'x');
    await writeFile(join(root, 'apple', 'x.webp'), 'x');
    await writeFile(join(root, 'loose.jpg'), 'x');
    const ds = await readDatasetDir(root);
    expect(ds.classes).toEqual(['apple', 'zebra']);
    expect(ds.files).toEqual([
      { path: join(root, 'apple', 'x.webp'), label: 0 },
      { path: join(root, 'zebra', 'a.png'), label: 1 },
      { path: join(root, 'zebra', 'b.JPG'), label: 1 },
    ]);
  });

  it('reads the real sign-language-digits folder', async () => {
    const ds = await readDatasetDir(SIGN_DIGITS);
    expect(ds.classes).toHaveLength(10);
    expect(ds.classes[0]).toBe('digit_0');
    expect(ds.files.length).toBeGreaterThanOrEqual(1000);
  });

  it('says clearly when the folder does not exist or is a file', async () => {
    await expect(readDatasetDir(at('nope'))).rejects.toThrow(/does not exist or is not a folder/);
    await expect(readDatasetDir(at('text.jpg'))).rejects.toThrow(/does not exist or is not a folder/);
  });
});
