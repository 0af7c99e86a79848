import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';

/**
 * Writes a one-frame YUV4MPEG2 (4:2:0, full-range BT.601) file from a photo, for Chromium's
 * `--use-file-for-fake-video-capture` (it loops the frame). No ffmpeg: sharp scales the photo
 * into a width × height frame (letterboxed in black, aspect kept), the colour conversion is here.
 */
export async function photoToY4m(photo: string, out: string, width = 640, height = 480): Promise<void> {
  if (width % 2 || height % 2) throw new Error('y4m 4:2:0 needs even dimensions');
  const rgb = await sharp(photo)
    .rotate()
    .resize(width, height, { fit: 'contain', background: { r: 0, g: 0, b: 0 } })
    .removeAlpha()
    .raw()
    .toBuffer();
  const Y = Buffer.alloc(width * height);
  const cw = width / 2;
  const ch = height / 2;
  const U = Buffer.alloc(cw * ch);
  const V = Buffer.alloc(cw * ch);
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  for (let i = 0; i < width * height; i++) {
    const r = rgb[i * 3];
    const g = rgb[i * 3 + 1];
    const b = rgb[i * 3 + 2];
    Y[i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
  }
  // chroma: average each 2×2 block, then convert
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dy, dx] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ]) {
        const p = ((2 * y + dy) * width + 2 * x + dx) * 3;
        r += rgb[p];
        g += rgb[p + 1];
        b += rgb[p + 2];
      }
      r /= 4;
      g /= 4;
      b /= 4;
      U[y * cw + x] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      V[y * cw + x] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  mkdirSync(dirname(out), { recursive: true });
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`, 'ascii');
  writeFileSync(out, Buffer.concat([header, Buffer.from('FRAME\n', 'ascii'), Y, U, V]));
}
