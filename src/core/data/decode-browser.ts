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
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { data: ctx.getImageData(0, 0, width, height).data, width, height, channels: 4 };
}
