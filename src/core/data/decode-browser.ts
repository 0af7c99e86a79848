import { decodeScale, type RgbImage } from './preprocess';

/**
 * Browser/worker decoder: createImageBitmap honours EXIF orientation and decodes off the main
 * thread; the canvas is filled white first so transparency matches the Node decoder.
 */
export async function decodeImageBlob(blob: Blob): Promise<RgbImage> {
  if (blob.size === 0) throw new Error('the file is empty (0 bytes)');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new Error('not a readable image (the browser could not decode it)');
  }
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
