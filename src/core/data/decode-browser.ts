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

/** VideoFrame's orientation fields (WebCodecs; not yet in TypeScript's DOM types) */
type Oriented = VideoFrame & { rotation?: number; flip?: boolean };

/**
 * A JPEG that needs no downscale, decoded straight to RGBA pixels: ImageDecoder and
 * VideoFrame.copyTo, without the second read of the file, the bitmap and the canvas
 * round trip of the general path (together about half of extraction's decoding time).
 * JPEG has no transparency, so there is nothing to fill white. Null where this browser
 * lacks any of it, or where the frame must still be turned (EXIF orientation): the general
 * path then does it. Browsers that report orientation on the frame (rotation/flip) leave
 * the pixels as stored; without those fields the fast path is not taken at all.
 */
export async function decodeJpegFast(bytes: Uint8Array<ArrayBuffer>): Promise<RgbImage | null> {
  if (typeof ImageDecoder === 'undefined' || typeof VideoFrame === 'undefined') return null;
  if (!('rotation' in VideoFrame.prototype) || !('flip' in VideoFrame.prototype)) return null;
  const decoder = new ImageDecoder({ data: bytes, type: 'image/jpeg' });
  let frame: Oriented | null = null;
  try {
    frame = (await decoder.decode()).image as Oriented;
    if (frame.rotation || frame.flip) return null;
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    const data = new Uint8Array(width * height * 4);
    await frame.copyTo(data, { format: 'RGBA' } as VideoFrameCopyToOptions);
    return { data, width, height, channels: 4 };
  } catch {
    return null; // the general path decodes it, or says why it cannot
  } finally {
    frame?.close();
    decoder.close();
  }
}

/**
 * Browser/worker decoder: createImageBitmap honours EXIF orientation and decodes off the main
 * thread; the canvas is filled white first so transparency matches the Node decoder.
 */
export async function decodeImageBlob(blob: Blob): Promise<RgbImage> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const sniffed = sniffImage(bytes);
  if (sniffed.problem) throw new Error(`not a readable image: ${sniffed.problem}`);
  const { kind, width: w, height: h } = sniffed;
  if (kind === 'jpeg' && w && h && decodeScale(w, h) === 1) {
    const fast = await decodeJpegFast(bytes);
    if (fast) return fast;
  }
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
