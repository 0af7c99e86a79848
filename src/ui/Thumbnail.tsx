import { useEffect, useState } from 'react';
import { MAX_DECODED_SIDE } from '../core/data/crop';
import { sniffImage } from '../core/data/sniff';

type Shown = 'original' | 'none' | { url: string };

/**
 * A 10,000² photo shown through its own object URL costs the page a full-size decode (400 MB) for
 * a 56-pixel thumbnail. Past MAX_DECODED_SIDE a JPEG is decoded at 1/8 scale (ImageDecoder's
 * desired size) into a small picture of its own; other formats that large are not pictured.
 */
async function choose(file: File, side: number): Promise<Shown> {
  // SOF follows EXIF (at most 64 KB) and any ICC profile; an icon's pictures can lie anywhere in it
  const head = await file.slice(0, 128 * 1024).arrayBuffer();
  const icon = sniffImage(new Uint8Array(head)).kind === 'ico' && file.size > head.byteLength;
  const { kind, width, height } = sniffImage(new Uint8Array(icon ? await file.arrayBuffer() : head));
  if (!width || !height || Math.max(width, height) <= MAX_DECODED_SIDE) return 'original';
  if (kind !== 'jpeg' || typeof ImageDecoder === 'undefined') return 'none';
  const scale = side / Math.max(width, height);
  const decoder = new ImageDecoder({
    data: file.stream(),
    type: 'image/jpeg',
    desiredWidth: Math.ceil(width * scale),
    desiredHeight: Math.ceil(height * scale),
  });
  try {
    const { image } = await decoder.decode();
    const canvas = new OffscreenCanvas(image.displayWidth, image.displayHeight);
    canvas.getContext('2d')!.drawImage(image, 0, 0);
    image.close();
    return { url: URL.createObjectURL(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })) };
  } finally {
    decoder.close();
  }
}

/**
 * What each file shows as, per size, kept for the page's life: a windowed grid remounts its
 * thumbnails as it scrolls, and re-reading and sniffing 128 KB per mount made scroll frames long.
 * A small picture made for a huge JPEG is kept with it (a few KB; the File itself is held anyway).
 */
const chosen = new WeakMap<File, Map<number, Promise<Shown>>>();
/** the answers already in, so a remounted thumbnail shows its picture in its first render */
const known = new WeakMap<File, Map<number, Shown>>();
function chooseOnce(file: File, side: number): Promise<Shown> {
  let sizes = chosen.get(file);
  if (!sizes) chosen.set(file, (sizes = new Map()));
  let shown = sizes.get(side);
  if (!shown) {
    shown = choose(file, side)
      .catch((): Shown => 'original')
      .then((s) => {
        let answers = known.get(file);
        if (!answers) known.set(file, (answers = new Map()));
        answers.set(side, s);
        return s;
      });
    sizes.set(side, shown);
  }
  return shown;
}

/** `square`: a fixed size×size box (class thumbnails); otherwise `size` is the width and the height follows. */
export function Thumbnail({
  file,
  url,
  alt,
  size,
  square = false,
}: {
  file: File;
  url: string;
  alt: string;
  size: number;
  square?: boolean;
}) {
  const [shown, setShown] = useState<Shown | null>(() => known.get(file)?.get(size) ?? null);
  useEffect(() => {
    let live = true;
    void chooseOnce(file, size).then((s) => live && setShown(s));
    return () => {
      live = false;
    };
  }, [file, size]);
  if (!shown || shown === 'none') {
    return (
      <span
        className="thumb-placeholder"
        role="img"
        aria-label={alt}
        title={shown ? 'too large to preview' : undefined}
        style={{ width: size, height: size }}
      />
    );
  }
  return (
    <img
      src={shown === 'original' ? url : shown.url}
      alt={alt}
      loading="lazy"
      decoding="async"
      width={size}
      height={square ? size : undefined}
    />
  );
}
