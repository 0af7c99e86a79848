/**
 * What a file's bytes say it is, before any decoder sees it. Browsers and sharp answer a PDF, a
 * text file or a cut-off download with a generic "cannot decode" (or, for a truncated JPEG,
 * silently decode a grey half), so the studio and the CLI check the bytes themselves and name
 * the problem the same way.
 */
export type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif' | 'unknown';

export interface Sniffed {
  kind: ImageKind;
  /** from the header, before EXIF orientation; absent when the header does not say */
  width?: number;
  height?: number;
  /** why this is not a usable image, phrased to follow "not a readable image: " */
  problem?: string;
}

const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

function textStart(b: Uint8Array): string {
  return new TextDecoder('utf-8').decode(b.subarray(0, 1024), { stream: true }).replace(/^\uFEFF/, '').trimStart().toLowerCase();
}

/** Mostly printable UTF-8 with no NUL bytes: a text file, whatever its name says. */
function looksLikeText(b: Uint8Array): boolean {
  const head = b.subarray(0, 512);
  if (head.includes(0)) return false;
  let printable = 0;
  for (const c of head) if (c === 9 || c === 10 || c === 13 || c >= 32) printable++;
  return printable / head.length > 0.95 && !textStart(b).includes('\ufffd');
}

/** Walks the marker segments (skipping EXIF and its thumbnail) to the scan; the image is whole when an EOI follows it. */
function jpeg(b: Uint8Array): Sniffed {
  let at = 2;
  let width: number | undefined;
  let height: number | undefined;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return { kind: 'jpeg', width, height, problem: 'the JPEG is damaged (a marker is missing)' };
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = (b[at + 2] << 8) | b[at + 3];
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc && at + 9 <= b.length) {
      height = (b[at + 5] << 8) | b[at + 6];
      width = (b[at + 7] << 8) | b[at + 8];
    }
    if (marker === 0xda) {
      // In entropy-coded data 0xFF is always followed by 0x00, a restart marker or (progressive) another segment; 0xD9 ends the image.
      for (let i = at + 2 + length; i + 1 < b.length; i++) if (b[i] === 0xff && b[i + 1] === 0xd9) return { kind: 'jpeg', width, height };
      return { kind: 'jpeg', width, height, problem: 'the JPEG is truncated (the file ends before the image data does)' };
    }
    at += 2 + length;
  }
  return { kind: 'jpeg', width, height, problem: 'the JPEG is truncated (the file ends before the image data does)' };
}

function png(b: Uint8Array): Sniffed {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const sized = b.length >= 24 && ascii(b, 12, 'IHDR');
  const width = sized ? view.getUint32(16) : undefined;
  const height = sized ? view.getUint32(20) : undefined;
  // IEND closes every complete PNG; allow a little trailing junk after it.
  const tail = b.subarray(Math.max(0, b.length - 1024));
  for (let i = tail.length - 4; i >= 0; i--) if (ascii(tail, i, 'IEND')) return { kind: 'png', width, height };
  return { kind: 'png', width, height, problem: 'the PNG is truncated (its end marker is missing)' };
}

function webpSize(b: Uint8Array): { width?: number; height?: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length >= 30 && ascii(b, 12, 'VP8X')) return { width: 1 + (v.getUint32(24, true) & 0xffffff), height: 1 + (v.getUint32(27, true) & 0xffffff) };
  if (b.length >= 30 && ascii(b, 12, 'VP8 ')) return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
  if (b.length >= 25 && ascii(b, 12, 'VP8L')) {
    const bits = v.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return {};
}

export function sniffImage(bytes: Uint8Array): Sniffed {
  const b = bytes;
  if (b.length === 0) return { kind: 'unknown', problem: 'the file is empty (0 bytes)' };
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 'PNG\r\n\x1a\n')) return png(b);
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) {
    return b.length >= 10 ? { kind: 'gif', width: b[6] | (b[7] << 8), height: b[8] | (b[9] << 8) } : { kind: 'gif', problem: 'the GIF is truncated' };
  }
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return { kind: 'webp', ...webpSize(b) };
  if (ascii(b, 0, 'BM')) return { kind: 'bmp' };
  if (ascii(b, 4, 'ftypavif') || ascii(b, 4, 'ftypavis')) return { kind: 'avif' };
  if (ascii(b, 4, 'ftyphei') || ascii(b, 4, 'ftypmif1')) return { kind: 'unknown', problem: 'it is a HEIC/HEIF photo, which browsers cannot decode (export it as JPEG)' };
  if (ascii(b, 0, '%PDF-')) return { kind: 'unknown', problem: 'it is a PDF document' };
  if (ascii(b, 0, 'PK\x03\x04')) return { kind: 'unknown', problem: 'it is a zip archive' };
  const start = textStart(b);
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/.test(start)) {
    return { kind: 'unknown', problem: 'it is an SVG drawing; vector images are not supported (export it as PNG)' };
  }
  if (/^<(!doctype html|html|head|body)[\s>]/.test(start)) return { kind: 'unknown', problem: 'it is a web page (HTML)' };
  if (looksLikeText(b)) return { kind: 'unknown', problem: 'it holds text, not image data' };
  return { kind: 'unknown' };
}

/** Megapixels above which a non-JPEG is refused in the browser, where it would be decoded at full size first (4 bytes a pixel). */
export const MAX_FULL_DECODE_MEGAPIXELS = 100;
