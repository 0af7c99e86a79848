import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../src/core/data/decode-node';
import { duplicateWarnings } from '../src/core/data/duplicates';
import { toModelInput } from '../src/core/data/preprocess';
import { sniffImage } from '../src/core/data/sniff';
import { SIGN_DIGITS, useBackend } from './helpers';

let dir: string;
const at = (name: string) => join(dir, name);
const photo = readFileSync(join(SIGN_DIGITS, 'digit_0', 'IMG_1118.jpg'));

const SVG_WITH_SCRIPT =
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>';
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** Each bad file, what it is named (its extension lies) and the message the studio and the CLI give. */
const BAD: [string, () => Uint8Array | string, RegExp][] = [
  ['empty.jpg', () => '', /not a readable image: the file is empty \(0 bytes\)/],
  ['notes.jpg', () => 'this is text, not a JPEG\n', /not a readable image: it holds text, not image data/],
  ['unicode-text.png', () => 'grüße 猫 🐱 — still just text\n'.repeat(20), /it holds text, not image data/],
  ['drawing.jpg', () => SVG_WITH_SCRIPT, /it is an SVG drawing; vector images are not supported \(export it as PNG\)/],
  ['paper.jpg', () => PDF, /it is a PDF document/],
  [
    'page.png',
    () => '<!doctype html><html><body><img src=x onerror=alert(1)></body></html>',
    /it is a web page \(HTML\)/,
  ],
  ['archive.jpg', () => Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0]), /it is a zip archive/],
  [
    'phone.jpg',
    () => Uint8Array.from([0, 0, 0, 24, ...Buffer.from('ftypheic'), 0, 0, 0, 0]),
    /HEIC\/HEIF photo, which browsers cannot decode/,
  ],
  [
    'half.jpg',
    () => photo.subarray(0, Math.floor(photo.length * 0.6)),
    /the JPEG is truncated \(the file ends before the image data does\)/,
  ],
  ['header-only.jpg', () => photo.subarray(0, 200), /the JPEG is truncated/],
];

let truncatedPng: Uint8Array;
let thumbJpeg: Buffer;

beforeAll(async () => {
  await useBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'studio-bad-'));
  for (const [name, make] of BAD) await writeFile(at(name), make());
  const png = await sharp(photo).png().toBuffer();
  truncatedPng = png.subarray(0, png.length - 40);
  await writeFile(at('half.png'), truncatedPng);
  // An EXIF thumbnail is a whole JPEG (with its own end marker) inside an APP1 segment before the
  // main image's scan: it must not hide a truncation.
  const main = await sharp(photo).resize(400, 400).jpeg({ progressive: true }).toBuffer();
  const thumb = await sharp(photo).resize(16, 16).jpeg().toBuffer();
  const app1 = Buffer.concat([Buffer.from('Exif\0\0'), thumb]);
  const header = Buffer.from([0xff, 0xe1, (app1.length + 2) >> 8, (app1.length + 2) & 0xff]);
  thumbJpeg = Buffer.concat([main.subarray(0, 2), header, app1, main.subarray(2)]);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('sniffImage', () => {
  it.each(BAD)('%s is refused with a specific reason', (_name, make, message) => {
    const made = make();
    const problem = sniffImage(typeof made === 'string' ? new TextEncoder().encode(made) : made).problem;
    expect(`not a readable image: ${problem}`).toMatch(message);
  });

  it('reads the size from JPEG, PNG, GIF and WebP headers without decoding', async () => {
    const base = sharp({ create: { width: 321, height: 123, channels: 3, background: '#808080' } });
    for (const format of ['jpeg', 'png', 'gif', 'webp'] as const) {
      const bytes = await base.clone().toFormat(format).toBuffer();
      expect(sniffImage(bytes), format).toEqual({ kind: format, width: 321, height: 123 });
    }
    const lossless = await base.clone().webp({ lossless: true }).toBuffer();
    expect(sniffImage(lossless)).toEqual({ kind: 'webp', width: 321, height: 123 });
  });

  it('accepts whole JPEGs (progressive, with EXIF, with junk after the end) and catches a cut one with EXIF', () => {
    expect(sniffImage(photo).problem).toBeUndefined();
    expect(sniffImage(thumbJpeg)).toEqual({ kind: 'jpeg', width: 400, height: 400 });
    expect(sniffImage(Buffer.concat([photo, Buffer.from('trailing junk from a camera')])).problem).toBeUndefined();
    expect(sniffImage(thumbJpeg.subarray(0, thumbJpeg.length - 300)).problem).toMatch(/truncated/);
    expect(sniffImage(truncatedPng).problem).toBe('the PNG is truncated (its end marker is missing)');
  });
});

describe('decodeImageFile (CLI and unit tests) on bad files', () => {
  it.each(BAD)('%s', async (name, _make, message) => {
    await expect(decodeImageFile(at(name))).rejects.toThrow(message);
  });

  it('a truncated PNG', async () => {
    await expect(decodeImageFile(at('half.png'))).rejects.toThrow(
      'not a readable image: the PNG is truncated (its end marker is missing)',
    );
  });

  it(
    'a 10,000 × 10,000 PNG and JPEG decode downscaled to 2048, without holding 400 MB',
    { timeout: 240_000 },
    async () => {
      const big = sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#3366cc' } });
      await big.clone().png({ compressionLevel: 9 }).toFile(at('huge.png'));
      await big.clone().jpeg({ quality: 50 }).toFile(at('huge.jpg'));
      for (const name of ['huge.png', 'huge.jpg']) {
        const before = process.memoryUsage().rss;
        const img = await decodeImageFile(at(name));
        expect([img.width, img.height]).toEqual([2048, 2048]);
        expect(Math.abs(img.data[2] - 0xcc)).toBeLessThan(4);
        // a full-size RGB decode alone is 300 MB
        expect((process.memoryUsage().rss - before) / 2 ** 20).toBeLessThan(150);
      }
    },
  );

  it('a 1 × 1 image becomes a full model input', async () => {
    await sharp({ create: { width: 1, height: 1, channels: 3, background: { r: 255, g: 0, b: 0 } } })
      .png()
      .toFile(at('dot.png'));
    const img = await decodeImageFile(at('dot.png'));
    expect([img.width, img.height]).toEqual([1, 1]);
    const input = toModelInput(img, 224, 'center', { min: -1, max: 1 });
    expect(input.shape).toEqual([224, 224, 3]);
    const values = await input.data();
    expect([values[0], values[1], values[2]]).toEqual([1, -1, -1]);
    expect(values.every(Number.isFinite)).toBe(true);
    tf.dispose(input);
  });

  it('an animated GIF gives its first frame', async () => {
    const frame = (background: string) =>
      sharp({ create: { width: 8, height: 8, channels: 3, background } })
        .png()
        .toBuffer();
    await sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } })
      .gif({ delay: [100, 100] })
      .toFile(at('anim.gif'));
    expect((await sharp(at('anim.gif'), { pages: -1 }).metadata()).pages).toBe(2);
    const img = await decodeImageFile(at('anim.gif'));
    expect([img.width, img.height]).toEqual([8, 8]);
    const [r, g, b] = img.data;
    expect(r).toBeGreaterThan(200);
    expect(g + b).toBeLessThan(60);
  });
});

describe('duplicateWarnings', () => {
  const classes = ['cat', 'dog'];
  it('names the same picture filed in two classes, or twice in one', () => {
    const warnings = duplicateWarnings(classes, [
      { name: 'a.jpg', label: 0, fingerprint: 'A' },
      { name: 'a copy.jpg', label: 1, fingerprint: 'A' },
      { name: 'b.jpg', label: 1, fingerprint: 'B' },
      { name: 'b (1).jpg', label: 1, fingerprint: 'B' },
      { name: 'c.jpg', label: 0, fingerprint: 'C' },
    ]);
    expect(warnings).toEqual([
      'The same image is in 2 classes: "a.jpg" (cat), "a copy.jpg" (dog). The model is taught two answers for one picture; keep it in one class.',
      'The same image is in "dog" 2 times: "b.jpg", "b (1).jpg". A copy can land in validation and flatter the accuracy.',
    ]);
  });

  it('says nothing when every picture is different, and caps a long list', () => {
    expect(
      duplicateWarnings(classes, [
        { name: 'a', label: 0, fingerprint: '1' },
        { name: 'b', label: 1, fingerprint: '2' },
      ]),
    ).toEqual([]);
    const many = Array.from({ length: 16 }, (_, i) => ({
      name: `${i >> 1}-${i & 1}.jpg`,
      label: i & 1,
      fingerprint: String(i >> 1),
    }));
    // eight pictures each filed in both classes (a folder dropped twice): one line, not eight
    expect(duplicateWarnings(classes, many)).toEqual([
      '8 images are each in both "cat" and "dog": "0-0.jpg", "1-0.jpg", "2-0.jpg" and 5 more. The model is taught two answers for each; keep each in one class.',
    ]);
    // seven lines (a picture twice in each of seven classes): five, then what is left
    const seven = Array.from({ length: 14 }, (_, i) => ({
      name: `${i}.jpg`,
      label: i >> 1,
      fingerprint: String(i >> 1),
    }));
    const names = Array.from({ length: 7 }, (_, k) => `class ${k}`);
    const warnings = duplicateWarnings(names, seven);
    expect(warnings).toHaveLength(6);
    expect(warnings[0]).toBe(
      'The same image is in "class 0" 2 times: "0.jpg", "1.jpg". A copy can land in validation and flatter the accuracy.',
    );
    expect(warnings.at(-1)).toBe('…and 2 more duplicated images.');
    expect(duplicateWarnings(names.slice(0, 6), seven.slice(0, 12)).at(-1)).toBe('…and 1 more duplicated image.');
  });
});
