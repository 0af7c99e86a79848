import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { MAX_DECODED_SIDE, type RgbImage } from './crop';
import { sniffImage } from './sniff';

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
  const { problem } = sniffImage(bytes);
  if (problem) throw new Error(`not a readable image: ${problem}`);
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .resize({ width: MAX_DECODED_SIDE, height: MAX_DECODED_SIDE, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 && info.channels !== 4) throw new Error(`unexpected ${info.channels} channels`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: info.channels };
  } catch (err) {
    throw new Error(`not a readable image (${(err as Error).message.split('\n')[0]})`);
  }
}
