import { startTransition, useEffect, useState } from 'react';
import { nextSlice, sliceOver } from '../core/frame-slices';
import { factsOf } from '../state/file-hashes';
import { fileThumbnail } from '../worker/file-facts';
import { inBeat } from './beats';
import { thumbnailRoute } from './thumbnail-route';

/** `problem`: its bytes say no decoder here can use it (thumbnail-route.ts 'unreadable'), and why */
type Shown = 'original' | 'none' | { url: string } | { problem: string };

/**
 * A thumbnail is a small picture the file-facts worker makes (worker/thumbnail.ts): no object URL
 * (a synchronous call to the browser) and no full-size decode and paint on the page for a
 * 56-pixel box. Where that fails (no worker, a format the worker cannot decode), the photo itself.
 * A 10,000² photo shown through its own object URL costs the page a full-size decode (400 MB) for
 * a 56-pixel thumbnail. Past MAX_DECODED_SIDE a JPEG is decoded at 1/8 scale (ImageDecoder's
 * desired size) into a small picture of its own; only what is over the 100-megapixel limit and
 * cannot be decoded small is not pictured (thumbnail-route.ts).
 */
async function choose(file: File, side: number): Promise<Shown> {
  // the header is read with the file's hash, off the page's thread (state/file-hashes.ts)
  const facts = await factsOf(file);
  const route = thumbnailRoute(facts, {
    worker: typeof Worker !== 'undefined',
    imageDecoder: typeof ImageDecoder !== 'undefined',
  });
  if (route === 'original' || route === 'none') return route;
  if (route === 'unreadable' && facts.error === undefined) return { problem: facts.problem! };
  if (route === 'worker') {
    const density = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
    return fileThumbnail(file, side, density).then(
      (url): Shown => ({ url }),
      (): Shown => 'original',
    );
  }
  if (facts.error !== undefined || !facts.width || !facts.height) return 'original';
  const { width, height } = facts;
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
/** `shown` as this file's answer at this size, for the thumbnails mounted from now on */
function remember(file: File, side: number, shown: Shown): Shown {
  let answers = known.get(file);
  if (!answers) known.set(file, (answers = new Map()));
  answers.set(side, shown);
  return shown;
}
function chooseOnce(file: File, side: number): Promise<Shown> {
  let sizes = chosen.get(file);
  if (!sizes) chosen.set(file, (sizes = new Map()));
  let shown = sizes.get(side);
  if (!shown) {
    shown = choose(file, side)
      .catch((): Shown => 'original')
      .then((s) => remember(file, side, s));
    sizes.set(side, shown);
  }
  return shown;
}

/**
 * Object URLs asked for lazily (a function for `url`) are made a few at a time in the page's
 * background slices between frames (core/frame-slices.ts): each is a synchronous call to the
 * browser, and a drop of hundreds of photos shows 24 a class at once.
 */
const urlQueue: (() => void)[] = [];
let making = false;
async function makeUrls(): Promise<void> {
  while (urlQueue.length) {
    await nextSlice();
    do urlQueue.shift()!();
    while (urlQueue.length && !sliceOver());
  }
  making = false;
}
function urlSoon(make: () => void): void {
  urlQueue.push(make);
  if (making) return;
  making = true;
  void makeUrls();
}

const lazyUrls = new WeakMap<{ readonly url: string }, () => string>();
/** An image's URL as a stable function that makes it (see urlSoon): for images shown by the dozen. */
export function urlOf(image: { readonly url: string }): () => string {
  let f = lazyUrls.get(image);
  if (!f) lazyUrls.set(image, (f = () => image.url));
  return f;
}

function useUrl(url: string | (() => string) | null): string | null {
  const [made, setMade] = useState<{ for: () => string; url: string } | null>(null);
  useEffect(() => {
    if (typeof url !== 'function') return;
    let live = true;
    urlSoon(() => {
      if (!live) return;
      const made = { for: url, url: url() };
      startTransition(() => setMade(made));
    });
    return () => {
      live = false;
    };
  }, [url]);
  if (typeof url !== 'function') return url;
  return made?.for === url ? made.url : null;
}

/**
 * Settles once the worker's answer for this file's `size` thumbnail is in (a picture, or why not),
 * so a Thumbnail mounted after it shows its picture in its first render: a class card's rows of
 * thumbnails join the page with their pictures (ClassCard.tsx), rather than as placeholders each
 * swapped for an <img> later (a new element styled and laid out per picture, in a frame of its own).
 */
export const pictureReady = (file: File, size: number): Promise<void> => chooseOnce(file, size).then(() => undefined);

/**
 * `square`: a fixed size×size box; otherwise `size` is the width and the height follows.
 * `url` may be a function that makes it: then it is made in its turn (see urlSoon); null: not
 * yet (a placeholder with the same name stands in).
 */
export function Thumbnail({
  file,
  url,
  alt,
  size,
  square = false,
}: {
  file: File;
  url: string | (() => string) | null;
  alt: string;
  size: number;
  square?: boolean;
}) {
  // what the worker answered for this file, or what was already known when it was shown
  const [answer, setAnswer] = useState<{ file: File; size: number; shown: Shown } | null>(null);
  const shown = answer?.file === file && answer.size === size ? answer.shown : (known.get(file)?.get(size) ?? null);
  // the photo's own object URL only where no small picture could be made
  const src = useUrl(shown === 'original' ? url : null);
  // null: not on screen yet (a card below the fold), nothing is made for it
  const wanted = url !== null && shown === null;
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    let cancel = () => {};
    // each picture arrives in a worker message of its own: they join the page a few a beat
    // (beats.ts), rendered and committed together rather than a commit (and frame) each
    void chooseOnce(file, size).then((s) => {
      if (live) cancel = inBeat(1, () => startTransition(() => setAnswer({ file, size, shown: s })));
    });
    return () => {
      live = false;
      cancel();
    };
  }, [file, size, wanted]);
  if (shown !== null && typeof shown === 'object' && 'problem' in shown) {
    // a broken picture said nothing of why; the name says it, and the reason shows on hover
    return (
      <span
        className="thumb-placeholder thumb-unreadable"
        role="img"
        aria-label={`${alt ? `${alt}: ` : ''}cannot be read`}
        title={`Cannot be read: ${shown.problem}`}
        style={{ width: size, height: size }}
      >
        <span aria-hidden="true">?</span>
      </span>
    );
  }
  if (url === null || !shown || shown === 'none' || (shown === 'original' && !src)) {
    return (
      <span
        className="thumb-placeholder"
        // with no words (the review grid's cell names its image) it is decorative, as an <img alt="">
        // is: a role="img" with an empty name is a picture a screen reader cannot name (axe role-img-alt)
        {...(alt ? { role: 'img', 'aria-label': alt } : { 'aria-hidden': true })}
        title={shown === 'none' ? 'too large to preview' : undefined}
        style={{ width: size, height: size }}
      />
    );
  }
  return (
    <img
      src={shown === 'original' ? src! : shown.url}
      alt={alt}
      loading="lazy"
      decoding="async"
      width={size}
      height={square ? size : undefined}
      // a file whose header passed but whose pixels do not decode (cut, or junk after a JPEG's
      // start) showed the browser's torn-page icon and its alt text: said as unreadable instead.
      // Only the photo's own bytes say so: a small picture the worker made did decode
      onError={shown === 'original' ? () => setAnswer({ file, size, shown: undecodable(file, size) }) : undefined}
    />
  );
}

const UNDECODABLE: Shown = { problem: 'the browser could not decode its pixels' };

/** Kept as this file's answer at this size: a remounted thumbnail shows the placeholder at once. */
function undecodable(file: File, size: number): Shown {
  chosen.get(file)?.set(size, Promise.resolve(UNDECODABLE));
  return remember(file, size, UNDECODABLE);
}
