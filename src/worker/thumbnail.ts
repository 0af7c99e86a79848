// Small pictures for the page's thumbnails, made in the file-facts worker. Shown through an
// object URL to the photo itself, each thumbnail cost the page a synchronous call to the browser
// (URL.createObjectURL: about 2 ms each under 4× CPU throttling, 500 of them for a 500-photo drop)
// and then the decode and paint of a full-size JPEG for a 56-pixel box. A data URL of a small
// WebP is a string: the page sets it as the image's source and paints a few KB.
import { sniffImage } from '../core/data/sniff';
import { thumbnailSize } from '../core/data/thumbnail-size';

/**
 * Decoded bytes (4 a pixel) whose decodes may run at once. Every image up to the 100-megapixel
 * limit is pictured here (ui/thumbnail-route.ts), decoded at full size first (400 MB at the limit),
 * and a screen of thumbnails asks for dozens together: large images wait their turn, a small one
 * goes beside them. Counted by the file's bytes, 24 one-megabyte PNG diagrams of 81 megapixels
 * decoded together (7.8 GB).
 */
export const DECODING_BYTES = 256 * 1024 * 1024;
/** how far into a file its header is read for the image's size */
const HEADER_BYTES = 512 * 1024;
/** a file whose header does not say its size: decoded bytes guessed from its own (a JPEG's ratio) */
const GUESS_PER_FILE_BYTE = 16;

/** What decoding `blob` at full size takes, from its header's width and height. */
export async function decodedBytes(blob: Blob): Promise<number> {
  try {
    const { width, height } = sniffImage(new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer()));
    if (width && height) return width * height * 4;
  } catch {
    // unreadable here: the decode says why
  }
  return blob.size * GUESS_PER_FILE_BYTE;
}
let decodingBytes = 0;
const waiting: (() => void)[] = [];

async function decodeInTurn<T>(bytes: number, decode: () => Promise<T>): Promise<T> {
  while (decodingBytes > 0 && decodingBytes + bytes > DECODING_BYTES) await new Promise<void>((go) => waiting.push(go));
  decodingBytes += bytes;
  try {
    return await decode();
  } finally {
    decodingBytes -= bytes;
    // each waiter checks again whether it fits now
    waiting.splice(0).forEach((go) => go());
  }
}

/** A data URL of a small picture of `blob` for a `side`-pixel box at `density` (core/data/thumbnail-size.ts). */
export async function thumbnailOf(blob: Blob, side: number, density: number): Promise<string> {
  return decodeInTurn(await decodedBytes(blob), () => pictureOf(blob, side, density));
}

async function pictureOf(blob: Blob, side: number, density: number): Promise<string> {
  // EXIF orientation applied, as the browser shows the photo itself
  const full = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  try {
    const { width, height } = thumbnailSize(full.width, full.height, side, density);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d')!;
    context.imageSmoothingQuality = 'high';
    context.drawImage(full, 0, 0, width, height);
    // WebP keeps a PNG's transparency; where a browser cannot write it, convertToBlob gives PNG
    const small = await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
    return new FileReaderSync().readAsDataURL(small);
  } finally {
    full.close();
  }
}
