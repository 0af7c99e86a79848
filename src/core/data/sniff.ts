/**
 * What a file's bytes say it is, before any decoder sees it. Browsers and sharp answer a PDF, a
 * text file or a cut-off download with a generic "cannot decode" (or, for a truncated JPEG,
 * silently decode a grey half), so the studio and the CLI check the bytes themselves and name
 * the problem the same way.
 */
export type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif' | 'ico' | 'unknown';

export interface Sniffed {
  kind: ImageKind;
  /** from the header, before EXIF orientation; absent when the header does not say */
  width?: number;
  height?: number;
  /** why this is not a usable image, phrased to follow "not a readable image: " */
  problem?: string;
}

const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));
const latin1 = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

function textStart(b: Uint8Array): string {
  return new TextDecoder('utf-8')
    .decode(b.subarray(0, 1024), { stream: true })
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
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
    if (
      marker >= 0xc0 &&
      marker <= 0xcf &&
      marker !== 0xc4 &&
      marker !== 0xc8 &&
      marker !== 0xcc &&
      at + 9 <= b.length
    ) {
      height = (b[at + 5] << 8) | b[at + 6];
      width = (b[at + 7] << 8) | b[at + 8];
    }
    if (marker === 0xda) {
      // In entropy-coded data 0xFF is always followed by 0x00, a restart marker or (progressive) another segment; 0xD9 ends the image.
      for (let i = at + 2 + length; i + 1 < b.length; i++)
        if (b[i] === 0xff && b[i + 1] === 0xd9) return { kind: 'jpeg', width, height };
      return {
        kind: 'jpeg',
        width,
        height,
        problem: 'the JPEG is truncated (the file ends before the image data does)',
      };
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
  // IEND closes every complete PNG; what follows it (a tool's metadata, another file glued on, of
  // any length) browsers and libvips leave unread, so the chunks are walked to it
  if (pngEnds(b)) return { kind: 'png', width, height };
  // a chunk of a damaged length hides IEND from the walk: as before it, an end marker near the end will do
  const tail = b.subarray(Math.max(0, b.length - 1024));
  for (let i = tail.length - 4; i >= 0; i--) if (ascii(tail, i, 'IEND')) return { kind: 'png', width, height };
  return { kind: 'png', width, height, problem: 'the PNG is truncated (its end marker is missing)' };
}

/** Walks a PNG's chunks (length, type, data, CRC) from its signature: true when one is IEND before the bytes end. */
function pngEnds(b: Uint8Array): boolean {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = 8; at + 8 <= b.length; at += 12 + view.getUint32(at)) if (ascii(b, at + 4, 'IEND')) return true;
  return false;
}

function webpSize(b: Uint8Array): { width?: number; height?: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length >= 30 && ascii(b, 12, 'VP8X'))
    return { width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
  if (b.length >= 30 && ascii(b, 12, 'VP8 '))
    return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
  if (b.length >= 25 && ascii(b, 12, 'VP8L')) {
    const bits = v.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return {};
}

/**
 * A BMP's info header: width at 18, height at 22 (negative: rows top-down), both 16-bit in the old
 * 12-byte core header. RLE-compressed BMPs can claim any size in a few bytes, so the header decides.
 */
function bmpSize(b: Uint8Array, at = 14): { width?: number; height?: number } {
  if (b.length < at + 12) return {};
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const header = v.getUint32(at, true);
  if (header === 12) return { width: v.getUint16(at + 4, true), height: v.getUint16(at + 6, true) };
  return { width: Math.abs(v.getInt32(at + 4, true)), height: Math.abs(v.getInt32(at + 8, true)) };
}

/** The largest of an image's sizes: the decoders take the largest picture in an icon, and a GIF's first frame may outgrow its screen. */
function largest(sizes: { width?: number; height?: number }[]): { width?: number; height?: number } {
  let best: { width?: number; height?: number } = {};
  for (const s of sizes)
    if (s.width !== undefined && s.height !== undefined && s.width * s.height >= (best.width ?? 0) * (best.height ?? 0))
      best = s;
  return best;
}

/** GIF: the logical screen, and the first frame's descriptor after the colour table and any extensions. */
function gifSize(b: Uint8Array): { width?: number; height?: number } {
  const screen = { width: b[6] | (b[7] << 8), height: b[8] | (b[9] << 8) };
  let at = 13 + (b[10] & 0x80 ? 3 * 2 ** ((b[10] & 7) + 1) : 0);
  while (at < b.length && b[at] === 0x21) {
    at += 2;
    while (at < b.length && b[at] !== 0) at += b[at] + 1;
    at++;
  }
  if (b[at] !== 0x2c || at + 9 > b.length) return screen;
  return largest([screen, { width: b[at + 5] | (b[at + 6] << 8), height: b[at + 7] | (b[at + 8] << 8) }]);
}

/** the first MiB of an ISO BMFF file is searched for its header's properties */
const BMFF_HEADER_BYTES = 1 << 20;

/** An ISO BMFF box's size (0 where the bytes end first): 0 says it runs to the end, 1 that 64 bits follow its type. */
function boxSize(v: DataView, at: number): number {
  if (at + 8 > v.byteLength) return 0;
  const size = v.getUint32(at);
  if (size === 0) return v.byteLength - at;
  if (size !== 1) return size;
  return at + 16 <= v.byteLength ? v.getUint32(at + 8) * 2 ** 32 + v.getUint32(at + 12) : 0;
}

/**
 * Where an ISO BMFF file's header may be: its top-level boxes but the image data ('mdat'), whose
 * compressed bytes can spell any property by chance. A box of an impossible size ends the walk, the
 * rest read whole (as all of it was before the walk).
 */
function headerRanges(b: Uint8Array): [number, number][] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const cap = Math.min(b.length, BMFF_HEADER_BYTES);
  const ranges: [number, number][] = [];
  for (let at = 0; at < cap;) {
    const size = boxSize(v, at);
    if (size < 8) {
      ranges.push([at, cap]);
      break;
    }
    if (latin1(b, at + 4) !== 'mdat') ranges.push([at, Math.min(at + size, cap)]);
    at += size;
  }
  return ranges;
}

/** AVIF (ISO BMFF): every 'ispe' property (image spatial extents) in the header; the largest counts. */
function avifSize(b: Uint8Array): { width?: number; height?: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const sizes: { width: number; height: number }[] = [];
  for (const [start, end] of headerRanges(b))
    for (let i = Math.max(start, 4); i < Math.min(end, b.length - 15); i++)
      if (b[i] === 0x69 && ascii(b, i, 'ispe')) sizes.push({ width: v.getUint32(i + 8), height: v.getUint32(i + 12) });
  return largest(sizes);
}

/** ICO/CUR: each directory entry's picture is a PNG (sized by its IHDR) or a BMP without file header (height doubled for the mask). */
function icoSize(b: Uint8Array): { width?: number; height?: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const count = v.getUint16(4, true);
  const sizes: { width?: number; height?: number }[] = [];
  for (let k = 0; k < count && 6 + 16 * (k + 1) <= b.length; k++) {
    const entry = 6 + 16 * k;
    sizes.push({ width: b[entry] || 256, height: b[entry + 1] || 256 });
    const at = v.getUint32(entry + 12, true);
    if (at + 24 <= b.length && b[at] === 0x89 && ascii(b, at + 12, 'IHDR'))
      sizes.push({ width: v.getUint32(at + 16), height: v.getUint32(at + 20) });
    else if (at + 16 <= b.length) {
      const dib = bmpSize(b, at);
      sizes.push({ width: dib.width, height: dib.height !== undefined ? Math.ceil(dib.height / 2) : undefined });
    }
  }
  return largest(sizes);
}

/**
 * An ISO BMFF file by its ftyp box: the major brand and every compatible one. The major brand
 * alone misleads: older AVIF encoders (and the Netflix sample set) write `mif1`, the generic HEIF
 * brand, and list `avif` among the compatible ones, and browsers decode those. Brands past the box
 * belong to the next box. Undefined for other ISO BMFF files (MP4 video), which are not images.
 */
function isoBrands(b: Uint8Array): Sniffed | undefined {
  const size = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0);
  // 0: the box runs to the end of the file; 1: a 64-bit size follows (never for an ftyp of a few brands)
  const end = Math.min(size === 0 || size === 1 ? b.length : size, b.length, 4096);
  const brands = [latin1(b, 8)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(latin1(b, at));
  if (brands.some((x) => x === 'avif' || x === 'avis')) return { kind: 'avif', ...avifSize(b) };
  if (brands.some((x) => /^(hei.|hev.|mif1|msf1)$/.test(x)))
    return { kind: 'unknown', problem: 'it is a HEIC/HEIF photo, which browsers cannot decode (export it as JPEG)' };
  return undefined;
}

export function sniffImage(bytes: Uint8Array): Sniffed {
  const b = bytes;
  if (b.length === 0) return { kind: 'unknown', problem: 'the file is empty (0 bytes)' };
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 'PNG\r\n\x1a\n')) return png(b);
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) {
    return b.length >= 13 ? { kind: 'gif', ...gifSize(b) } : { kind: 'gif', problem: 'the GIF is truncated' };
  }
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return { kind: 'webp', ...webpSize(b) };
  if (ascii(b, 0, 'BM'))
    return b.length >= 26 ? { kind: 'bmp', ...bmpSize(b) } : { kind: 'bmp', problem: 'the BMP is truncated' };
  const heif = ascii(b, 4, 'ftyp') ? isoBrands(b) : undefined;
  if (heif) return heif;
  // reserved 0, type 1 (icon) or 2 (cursor), at least one entry
  if (b.length >= 22 && b[0] === 0 && b[1] === 0 && (b[2] === 1 || b[2] === 2) && b[3] === 0 && (b[4] | b[5]) !== 0)
    return { kind: 'ico', ...icoSize(b) };
  if (ascii(b, 0, '%PDF-')) return { kind: 'unknown', problem: 'it is a PDF document' };
  if (ascii(b, 0, 'PK\x03\x04')) return { kind: 'unknown', problem: 'it is a zip archive' };
  const start = textStart(b);
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/.test(start)) {
    return { kind: 'unknown', problem: 'it is an SVG drawing; vector images are not supported (export it as PNG)' };
  }
  if (/^<(!doctype html|html|head|body)[\s>]/.test(start))
    return { kind: 'unknown', problem: 'it is a web page (HTML)' };
  if (looksLikeText(b)) return { kind: 'unknown', problem: 'it holds text, not image data' };
  return { kind: 'unknown' };
}

/** Megapixels above which a non-JPEG is refused, in the page, the worker and the CLI: it would be decoded at full size first (4 bytes a pixel). */
export const MAX_FULL_DECODE_MEGAPIXELS = 100;

/**
 * Why an image is too large to decode, from its header alone (every format; a JPEG only where it
 * cannot be decoded at reduced scale), phrased to follow "not a readable image: ".
 */
export function sizeProblem({ kind, width, height }: Sniffed, jpegScales = true): string | undefined {
  if (!width || !height || width * height <= MAX_FULL_DECODE_MEGAPIXELS * 1e6 || (kind === 'jpeg' && jpegScales))
    return undefined;
  return (
    `it is ${width}×${height} pixels (${megapixels(width * height)}); ` +
    `a ${kind.toUpperCase()} is decoded at full size, so the limit is ${MAX_FULL_DECODE_MEGAPIXELS} megapixels (save it smaller${kind === 'jpeg' ? '' : ', or as JPEG'})`
  );
}

/** Pixels over the limit in megapixels, with the decimals that show them over it (rounded, 10001×10001 read "100"). */
function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  for (let digits = 0; digits <= 2; digits++) {
    const shown = mp.toFixed(digits);
    if (Number(shown) > MAX_FULL_DECODE_MEGAPIXELS) return `${shown} megapixels`;
  }
  return `just over ${MAX_FULL_DECODE_MEGAPIXELS} megapixels`;
}

/**
 * Why a file with these bytes would not train here, before any decoder is asked: what its bytes
 * say (`problem`), else a header over the size limit. `jpegScales`: a huge JPEG is decoded at
 * reduced scale here (the browser's ImageDecoder, decode-browser.ts; sharp in Node).
 */
export function fileProblem(sniffed: Sniffed, jpegScales: boolean): string | undefined {
  return sniffed.problem ?? sizeProblem(sniffed, jpegScales);
}
