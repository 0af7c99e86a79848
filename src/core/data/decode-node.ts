import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { decodeBmp } from './bmp';
import { MAX_DECODED_SIDE, type RgbImage } from './crop';
import { fileProblem, sniffImage } from './sniff';

/** libvips (sharp) reads no BMP, which Chromium trains on: its pixels go in as raw input. */
function bmpInput(bytes: Buffer): ReturnType<typeof sharp> {
  const { width, height, data, alpha } = decodeBmp(bytes);
  if (alpha) return sharp(data, { raw: { width, height, channels: 4 } });
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    rgb[j] = data[i];
    rgb[j + 1] = data[i + 1];
    rgb[j + 2] = data[i + 2];
  }
  return sharp(rgb, { raw: { width, height, channels: 3 } });
}

/**
 * Node decoder for the CLI and tests: honours EXIF orientation, converts CMYK and grayscale to
 * sRGB, flattens transparency onto white (as the browser decoder does), takes a GIF's first
 * frame and bounds the decoded size.
 */
export async function decodeImageFile(path: string): Promise<RgbImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new Error(`not a readable image (${(err as Error).message.split('\n')[0]})`);
  }
  // the same byte checks as the browser, so the CLI names a bad file the way the studio does
  const sniffed = sniffImage(bytes);
  // sharp shrinks a JPEG as it loads it; every other format is decoded whole first, as in the browser
  const problem = fileProblem(sniffed, true);
  if (problem) throw new Error(`not a readable image: ${problem}`);
  try {
    const { data, info } = await (sniffed.kind === 'bmp' ? bmpInput(bytes) : sharp(bytes, { failOn: 'error' }))
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .resize({ width: MAX_DECODED_SIDE, height: MAX_DECODED_SIDE, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 && info.channels !== 4) throw new Error(`unexpected ${info.channels} channels`);
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      channels: info.channels,
    };
  } catch (err) {
    throw new Error(`not a readable image (${(err as Error).message.split('\n')[0]})`);
  }
}
