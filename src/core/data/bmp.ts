/**
 * BMP to RGBA for the CLI: libvips (sharp) reads no BMP, which Chromium trains on. Written here
 * because the npm decoders (bmp-js, its port bmp-ts) mis-place RLE pixels and palette colours.
 * Covers what Chromium does: 1/4/8-bit palettes, RLE8/RLE4, 16/24/32-bit with or without bit
 * fields, bottom-up and top-down rows. The caller checks the header size first (sniff.ts).
 */
export interface BmpPixels {
  width: number;
  height: number;
  /** RGBA, top row first */
  data: Uint8Array;
  /** whether the alpha channel carries anything (a 32-bit BMP with a used alpha) */
  alpha: boolean;
}

const BI_RGB = 0;
const BI_RLE8 = 1;
const BI_RLE4 = 2;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;

/** Bit-field channel reader: the mask's value scaled to 0..255 (0 when the mask is empty). */
function channel(mask: number): (px: number) => number {
  if (!mask) return () => 0;
  let shift = 0;
  while (!((mask >>> shift) & 1)) shift++;
  const max = mask >>> shift;
  return (px) => Math.round((((px & mask) >>> shift) * 255) / max);
}

export function decodeBmp(bytes: Uint8Array): BmpPixels {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new Error(`the BMP is damaged (${why})`);
  };
  if (bytes.length < 26) fail('its header is cut short');
  const offset = v.getUint32(10, true);
  const header = v.getUint32(14, true);
  const core = header === 12;
  const width = core ? v.getUint16(18, true) : v.getInt32(18, true);
  const rawHeight = core ? v.getUint16(20, true) : v.getInt32(22, true);
  const bpp = v.getUint16(core ? 24 : 28, true);
  const compression = core ? BI_RGB : v.getUint32(30, true);
  const height = Math.abs(rawHeight);
  const topDown = rawHeight < 0;
  if (width <= 0 || height <= 0) fail(`it says ${width}×${height} pixels`);
  const data = new Uint8Array(width * height * 4).fill(255);
  const at = (x: number, row: number) => ((topDown ? row : height - 1 - row) * width + x) * 4;

  // palette: 4 bytes an entry (3 in the core header), blue first
  const entry = core ? 3 : 4;
  const used = core ? 0 : v.getUint32(46, true);
  const colours = bpp <= 8 ? used || 2 ** bpp : 0;
  const paletteAt =
    14 +
    header +
    (compression === BI_BITFIELDS && header === 40 ? 12 : compression === BI_ALPHABITFIELDS && header === 40 ? 16 : 0);
  const palette: number[][] = [];
  for (let i = 0; i < colours && paletteAt + i * entry + 2 < bytes.length; i++) {
    const p = paletteAt + i * entry;
    palette.push([bytes[p + 2], bytes[p + 1], bytes[p]]);
  }
  const put = (x: number, row: number, index: number) => {
    if (x >= width || row >= height) return;
    const [r, g, b] = palette[index] ?? [0, 0, 0];
    data.set([r, g, b], at(x, row));
  };

  if (compression === BI_RLE8 || compression === BI_RLE4) {
    let p = offset;
    let x = 0;
    let row = 0;
    while (p + 1 < bytes.length && row < height) {
      const count = bytes[p++];
      const code = bytes[p++];
      if (count > 0) {
        for (let i = 0; i < count; i++) put(x++, row, compression === BI_RLE8 ? code : i % 2 ? code & 15 : code >> 4);
      } else if (code === 0) {
        x = 0;
        row++;
      } else if (code === 1) {
        break;
      } else if (code === 2) {
        x += bytes[p++];
        row += bytes[p++];
      } else {
        // a literal run, padded to a whole 16-bit word
        const size = compression === BI_RLE8 ? code : Math.ceil(code / 2);
        for (let i = 0; i < code; i++)
          put(
            x++,
            row,
            compression === BI_RLE8 ? bytes[p + i] : i % 2 ? bytes[p + (i >> 1)] & 15 : bytes[p + (i >> 1)] >> 4,
          );
        p += size + (size % 2);
      }
    }
    return { width, height, data, alpha: false };
  }

  if (![1, 4, 8, 16, 24, 32].includes(bpp)) fail(`${bpp} bits a pixel`);
  if (![BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS].includes(compression))
    fail(`compression ${compression} is not supported`);
  const stride = Math.ceil((width * bpp) / 32) * 4;
  if (offset + stride * height > bytes.length) fail('the file ends before its pixels do');
  const fields = compression !== BI_RGB && !core;
  const masks =
    bpp === 16 && !fields
      ? [0x7c00, 0x03e0, 0x001f, 0]
      : fields
        ? [
            v.getUint32(54, true),
            v.getUint32(58, true),
            v.getUint32(62, true),
            header >= 56 || compression === BI_ALPHABITFIELDS ? v.getUint32(66, true) : 0,
          ]
        : [0xff0000, 0xff00, 0xff, bpp === 32 ? 0xff000000 : 0];
  const [r, g, b, a] = masks.map(channel);
  let alpha = false;
  for (let row = 0; row < height; row++) {
    const line = offset + row * stride;
    for (let x = 0; x < width; x++) {
      if (bpp <= 8) {
        const bit = x * bpp;
        put(x, row, (bytes[line + (bit >> 3)] >> (8 - bpp - (bit & 7))) & (2 ** bpp - 1));
        continue;
      }
      const px =
        bpp === 16
          ? v.getUint16(line + x * 2, true)
          : bpp === 24
            ? bytes[line + x * 3] | (bytes[line + x * 3 + 1] << 8) | (bytes[line + x * 3 + 2] << 16)
            : v.getUint32(line + x * 4, true);
      const o = at(x, row);
      data[o] = r(px);
      data[o + 1] = g(px);
      data[o + 2] = b(px);
      if (masks[3]) {
        data[o + 3] = a(px);
        alpha ||= data[o + 3] !== 0;
      }
    }
  }
  // a 32-bit BMP whose alpha is all zero means "no alpha" (as browsers read it): opaque
  if (masks[3] && !alpha) for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data, alpha };
}
