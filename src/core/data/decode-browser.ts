import { decodeScale, type RgbImage } from './crop';
import { sizeProblem, sniffImage, type Sniffed } from './sniff';

async function toBitmap(blob: Blob, sniffed: Sniffed): Promise<ImageBitmap> {
  const { kind, width, height } = sniffed;
  const scale = width && height ? decodeScale(width, height) : 1;
  if (scale < 1 && kind === 'jpeg' && typeof ImageDecoder !== 'undefined') {
    // createImageBitmap decodes at full size before any resize (a 10,000² photo is 400 MB);
    // ImageDecoder's desired size lets libjpeg decode at 1/2, 1/4 or 1/8 scale and honours EXIF.
    const decoder = new ImageDecoder({
      data: blob.stream(),
      type: 'image/jpeg',
      desiredWidth: Math.max(1, Math.round(width! * scale)),
      desiredHeight: Math.max(1, Math.round(height! * scale)),
    });
    try {
      const { image } = await decoder.decode();
      try {
        return await createImageBitmap(image);
      } finally {
        image.close();
      }
    } catch {
      throw new Error('not a readable image (the browser could not decode it)');
    } finally {
      decoder.close();
    }
  }
  const tooLarge = sizeProblem(sniffed, false);
  if (tooLarge) throw new Error(`not a readable image: ${tooLarge}`);
  try {
    return await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new Error('not a readable image (the browser could not decode it)');
  }
}

/**
 * Browser/worker decoder: createImageBitmap honours EXIF orientation and decodes off the main
 * thread; the canvas is filled white first so transparency matches the Node decoder.
 */
export async function decodeImageBlob(blob: Blob): Promise<RgbImage> {
  const sniffed = sniffImage(new Uint8Array(await blob.arrayBuffer()));
  if (sniffed.problem) throw new Error(`not a readable image: ${sniffed.problem}`);
  let bitmap = await toBitmap(blob, sniffed);
  const scale = decodeScale(bitmap.width, bitmap.height);
  if (scale < 1) {
    const big = bitmap;
    bitmap = await createImageBitmap(big, {
      resizeWidth: Math.max(1, Math.round(big.width * scale)),
      resizeHeight: Math.max(1, Math.round(big.height * scale)),
      resizeQuality: 'high',
    });
    big.close();
  }
  const { width, height } = bitmap;
  const ctx = surface(width, height);
  // a JPEG is opaque: drawn over anything it replaces every pixel of its rectangle
  if (sniffed.kind !== 'jpeg') {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
  }
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { data: ctx.getImageData(0, 0, width, height).data, width, height, channels: 4 };
}

/** Canvases up to this many pixels are kept for the next image (4 MB); larger ones are made for one */
const KEPT_PIXELS = 1024 * 1024;
let kept: OffscreenCanvasRenderingContext2D | null = null;

/**
 * A software 2D context (willReadFrequently) at least width × height, drawn into from its top-left
 * corner: one canvas per thread serves image after image (decoding runs its draw-and-read without
 * an await in between), where a new canvas per image allocated and cleared its pixels each time.
 */
function surface(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const fresh = (w: number, h: number) => new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
  if (width * height > KEPT_PIXELS) return fresh(width, height);
  if (!kept || kept.canvas.width < width || kept.canvas.height < height) {
    const w = Math.max(width, kept?.canvas.width ?? 0);
    const h = Math.max(height, kept?.canvas.height ?? 0);
    kept = w * h <= KEPT_PIXELS ? fresh(w, h) : fresh(width, height);
  }
  return kept;
}
