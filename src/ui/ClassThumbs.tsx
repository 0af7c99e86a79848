import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ProjectClass, ProjectImage } from '../state/project';
import { deleteImages } from '../state/project-undo';
import { pictureReady, Thumbnail, urlOf } from './Thumbnail';
import { useBeatRows } from './beats';
import { focusAfterRemoval } from './focus-after-removal';
import { backAt, madeFrom, thumbPlace } from './undo-origin';
import { columnsOf, thumbKey, thumbOpens } from './thumb-grid';

const SHOWN = 24;
/** thumbnails a card adds per beat (beats.ts): a row */
const STEP = 6;
/** a thumbnail's side, px; the camera's recent frames ask for the same, so one small picture serves both */
export const CARD_THUMB = 56;
const thumbReady = (img: ProjectImage) => pictureReady(img.file, CARD_THUMB);

/**
 * Whether the element has been on screen or near it. Until then a card's thumbnails make no
 * object URL: each is a synchronous call to the browser (the longest part of adding a 500-image
 * drop under 4× throttling, every card's 24 made at once), and cards below the fold are not drawn.
 * With it, whether the element is on screen now (for as long as it is mounted): its rows go ahead
 * of those of cards scrolled past or not yet reached (beats.ts).
 */
function useSeen(): [boolean, (el: Element | null) => void, () => boolean] {
  const [seen, setSeen] = useState(typeof IntersectionObserver === 'undefined');
  const observers = useRef<IntersectionObserver[]>([]);
  const visible = useRef(false);
  const [onScreen] = useState(() => () => visible.current);
  const ref = useCallback((el: Element | null) => {
    observers.current.forEach((o) => o.disconnect());
    observers.current = [];
    visible.current = false;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        setSeen(true);
        near.disconnect();
      },
      { rootMargin: '400px 0px' },
    );
    // the last entry is the latest state of the one element watched
    const now = new IntersectionObserver(
      (entries) => void (visible.current = entries[entries.length - 1].isIntersecting),
    );
    near.observe(el);
    now.observe(el);
    observers.current = [near, now];
  }, []);
  return [seen, ref, onScreen];
}

/**
 * Removes image `imageId`, from its thumbnail (`from`: the thumbnail or its ×): the focus goes to
 * the next thumbnail, or to the card's file picker when none is left; its Undo hands it back here.
 */
function removeThumb(from: HTMLElement, imageId: string): void {
  const cell = from.closest<HTMLElement>('.thumb-cell') ?? from;
  // a run's lock (the fieldset) refuses it, and says why: nothing is removed to hand the focus on from
  if (!cell.closest('fieldset:disabled')) focusAfterRemoval(cell, '.class-card', '.thumb-cell', 'input[type="file"]');
  madeFrom(thumbPlace(imageId), () => deleteImages([imageId]));
}

/** One thumbnail: the focus rests on it (a grid cell), its × is for the pointer (Delete on the cell). */
const ThumbCell = memo(function ThumbCell({
  image,
  at,
  count,
  stop,
}: {
  image: ProjectImage;
  at: number;
  count: number;
  /** the grid's one tab stop */
  stop: boolean;
}) {
  const cell = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // back by an undo of its ×: the toast's Undo hands the focus here
    if (cell.current) backAt(cell.current, thumbPlace(image.id));
  }, [image.id]);
  const file = image.file.name;
  return (
    <div
      ref={cell}
      role="gridcell"
      className="thumb-cell"
      tabIndex={stop ? 0 : -1}
      data-image={image.id}
      aria-label={`Image ${at + 1} of ${count}: ${file}`}
      aria-keyshortcuts="Enter Delete"
    >
      <Thumbnail file={image.file} url={urlOf(image)} alt={file} size={CARD_THUMB} square />
      <button
        type="button"
        className="thumb-remove"
        tabIndex={-1}
        onClick={(e) => removeThumb(e.currentTarget, image.id)}
        aria-label={`Remove ${file}`}
      >
        ×
      </button>
    </div>
  );
});

/**
 * The first SHOWN thumbnails, re-rendered only when the images change: one tab stop, a grid the
 * arrow keys move through, Enter opens in the review and Delete removes from (thumb-grid.ts). A
 * card that has not been near the screen shows none yet; then they join a row per beat once the
 * row's pictures are made, and on screen every row whose pictures are in, ahead of other cards
 * (useBeatRows), so cards that appear together are drawn over a few frames and each thumbnail is
 * one element, drawn once.
 */
export const Thumbs = memo(function Thumbs({
  images,
  name,
  onOpen,
}: {
  images: ProjectClass['images'];
  name: string;
  /** Enter on a thumbnail: the class's review opens at its image */
  onOpen(review: { at: string }): void;
}) {
  const [seen, ref, onScreen] = useSeen();
  const room = Math.min(SHOWN, images.length);
  const shown = useBeatRows(images, seen ? room : 0, STEP, thumbReady, onScreen);
  // the thumbnail Tab comes back to: the one last focused, or where it was when that one went
  const [stop, setStop] = useState(0);
  const at = Math.min(stop, shown - 1);
  const hint = useId();
  const cells = (grid: HTMLElement) => [...grid.querySelectorAll<HTMLElement>('.thumb-cell')];
  return (
    <>
      <div
        role="grid"
        className="thumbs-grid"
        aria-label={`Images in ${name}`}
        aria-describedby={hint}
        // rows still to come: a screen reader waits for them (and a grid or row without cells is not one yet)
        aria-busy={shown < room || undefined}
        ref={ref}
        onFocus={(e) => {
          const k = cells(e.currentTarget).findIndex((c) => c.contains(e.target));
          if (k >= 0) setStop(k);
        }}
        onKeyDown={(e) => {
          const cell = e.target as HTMLElement;
          if (!cell.classList.contains('thumb-cell')) return;
          if (thumbOpens(e)) {
            e.preventDefault();
            return onOpen({ at: cell.dataset.image! });
          }
          const all = cells(e.currentTarget);
          const k = all.indexOf(cell);
          const columns = columnsOf(all.map((c) => c.offsetTop));
          const act = thumbKey(e, k, all.length, columns);
          if (!act) return;
          e.preventDefault();
          if (act === 'remove') return removeThumb(cell, cell.dataset.image!);
          setStop(act.to);
          all[act.to].focus();
        }}
      >
        <div role={shown > 0 ? 'row' : undefined} className="thumbs">
          {images.slice(0, shown).map((img, k) => (
            <ThumbCell key={img.id} image={img} at={k} count={images.length} stop={k === at} />
          ))}
          {
            // the rows still to come hold their place: a card kept its height while its rows joined,
            // rather than pushing every card and step below it down a row per beat (each such frame
            // re-laid out, pre-painted and painted what moved: 40-80 ms under 4× throttling)
            Array.from({ length: room - shown }, (_, k) => (
              <div key={`room-${k}`} className="thumb-room" aria-hidden="true" />
            ))
          }
          {images.length > SHOWN && (
            <div role={shown > 0 ? 'gridcell' : undefined} className="more">
              +{images.length - SHOWN} more
            </div>
          )}
        </div>
      </div>
      <span id={hint} hidden>
        Arrow keys move between the images; Enter opens one in the review; Delete removes one.
      </span>
    </>
  );
});
