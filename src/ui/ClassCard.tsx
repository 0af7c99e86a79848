import { memo, useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { classNameProblem, isAutoClassName, nameKey } from '../core/data/problems';
import { NAME_LIMITS } from '../core/project/record';
import { FilePicker } from './FilePicker';
import { ImageReview } from './ImageReview';
import { leaveClassName, useProject, type ProjectClass, type ProjectImage } from '../state/project';
import { deleteClass, deleteImages } from '../state/project-undo';
import { pictureReady, Thumbnail, urlOf } from './Thumbnail';
import { useDropZone } from './useDropZone';
import { addDrop } from './folderAdding';
import { useBeatRows } from './beats';
import { useProjectLock } from './useRunLock';
import { focusAfterRemoval, handingFocusOn } from './focus-after-removal';
import { backAt, classPlace, madeFrom, thumbPlace } from './undo-origin';
import { columnsOf, thumbKey, thumbOpens } from './thumb-grid';
import { imageCount } from './review-rules';
import { usePhone } from './phone';
import { dataWords } from './data-words';
import { cardShortfall, classCardId } from './class-blockers';
import { CardCamera } from './webcam/CardCamera';

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
 */
function useSeen(): [boolean, (el: Element | null) => void] {
  const [seen, setSeen] = useState(typeof IntersectionObserver === 'undefined');
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useCallback((el: Element | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const watch = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        setSeen(true);
        watch.disconnect();
      },
      { rootMargin: '400px 0px' },
    );
    watch.observe(el);
    observer.current = watch;
  }, []);
  return [seen, ref];
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
      aria-keyshortcuts="Delete"
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
 * arrow keys move through and Delete removes from (thumb-grid.ts). A card that has not been near
 * the screen shows none yet; then they join a row per beat once the row's pictures are made
 * (useBeatRows), so cards that appear together are drawn over a few frames and each thumbnail is
 * one element, drawn once.
 */
const Thumbs = memo(function Thumbs({
  images,
  name,
  onOpen,
}: {
  images: ProjectClass['images'];
  name: string;
  /** Enter on a thumbnail: the class's review opens at its image */
  onOpen(review: { at: string }): void;
}) {
  const [seen, ref] = useSeen();
  const room = Math.min(SHOWN, images.length);
  const shown = useBeatRows(images, seen ? room : 0, STEP, thumbReady);
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
        Arrow keys move between the images; Delete removes one.
      </span>
    </>
  );
});

/**
 * A drop onto a card: a folder in it becomes a class, as on the page (pouring every subfolder into
 * this class mixed the classes), and loose images join this class. It is counted as images coming
 * in from its first read, as a drop on the page is (addDrop): read through the drop zone first,
 * a large tree went without a word of progress, and New, Open and Download project stayed open
 * while it was read, so the rest of the drop landed in the next project.
 */
export function dropOntoCard(
  e: Pick<DragEvent, 'dataTransfer' | 'preventDefault' | 'stopPropagation'>,
  classId: string,
): Promise<void> {
  // the page's own drop handler would add it a second time
  e.preventDefault();
  e.stopPropagation();
  return addDrop(e.dataTransfer, classId);
}

/** the name last typed into each class's name field, by class id (selectIfPageMade) */
const typedNames = new Map<string, string>();
export const noteTypedName = (classId: string, name: string): void => void typedNames.set(classId, name);

/**
 * Selects the name in class `classId`'s name field as the focus arrives when the page made that
 * name (a "Class N": Start with two empty classes, Add class, images dropped outside a class), so
 * that typing replaces it, as Teachable Machine and Create ML do: with the caret after it, typing
 * gave "Class 1thumbs up". A name the person typed is never selected so, whatever it reads, nor
 * one typing cannot replace (a run's lock makes the field read-only). Whether it selected.
 */
export function selectIfPageMade(
  input: { value: string; readOnly: boolean; select(): void },
  classId: string,
): boolean {
  const typed = typedNames.get(classId);
  const pageMade = isAutoClassName(input.value) && (typed === undefined || nameKey(typed) !== nameKey(input.value));
  if (!pageMade || input.readOnly) return false;
  input.select();
  return true;
}

const noFiles = () => {};
/** "Review all 3 images", and for one "Review 1 image" ("all 1 images" read as a slip) */
const reviewAll = (count: number) => (count === 1 ? 'Review 1 image' : `Review all ${imageCount(count)}`);

export const ClassCard = memo(function ClassCard({ cls }: { cls: ProjectClass }) {
  // only what the card shows: a whole-store subscription re-rendered every card at each step of a drop being added
  const renameClass = useProject((s) => s.renameClass);
  const addImages = useProject((s) => s.addImages);
  // a run's lock reaches every card as a transition after the Train click (and goes after its end)
  const locked = useProjectLock();
  // the name as typed, from the store: the card's `cls` comes through the list's deferred render, and
  // a controlled input fed from it was set back to the older name between keys (fast typing lost letters)
  const name = useProject((s) => s.classes.find((c) => c.id === cls.id)?.name ?? cls.name);
  // said while typing; on leaving the field a name that is empty or another class's goes back, so
  // "Move to", a dropped folder of that name and the exported labels never meet two classes of one name
  const nameProblem = useProject((s) => {
    const at = s.classes.findIndex((c) => c.id === cls.id);
    return at < 0
      ? null
      : classNameProblem(
          s.classes.map((c) => c.name),
          at,
        );
  });
  const nameBefore = useRef(name);
  // the card being typed in says what leaving it does; the other card of the clash only names it
  const [editing, setEditing] = useState(false);
  const problemId = useId();
  const shortId = useId();
  // the zone only for its highlight: the drop itself is dropOntoCard's
  const { over, end, handlers } = useDropZone(noFiles);
  const count = cls.images.length;
  // the review open, at an image when a thumbnail's Enter opened it
  const [reviewing, setReviewing] = useState<{ at?: string } | null>(null);
  const words = dataWords(usePhone());
  // the Train step's blocker for this class, said where the images are added (it was said only there)
  const short = cardShortfall(name, count);
  const nameField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // back by an undo of its Delete: the toast's Undo hands the focus to its name, on the Data step
    // (not to a results tile of its images further down the page)
    if (nameField.current) backAt(nameField.current, classPlace(cls.id));
  }, [cls.id]);
  return (
    <section
      className={`class-card${over ? ' drag-over' : ''}`}
      id={classCardId(cls.id)}
      aria-label={`Class ${cls.name}`}
      aria-describedby={short ? shortId : undefined}
      data-testid="class-card"
      {...handlers}
      onDrop={(e) => {
        end();
        void dropOntoCard(e, cls.id);
      }}
    >
      <header className="class-head">
        <input
          ref={nameField}
          className="class-name"
          aria-label="Class name"
          value={name}
          maxLength={NAME_LIMITS.className}
          readOnly={!!locked}
          title={locked ?? undefined}
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={nameProblem ? problemId : undefined}
          onFocus={(e) => {
            nameBefore.current = name;
            setEditing(true);
            selectIfPageMade(e.currentTarget, cls.id);
          }}
          onChange={(e) => {
            noteTypedName(cls.id, e.target.value);
            renameClass(cls.id, e.target.value);
          }}
          onBlur={() => {
            setEditing(false);
            leaveClassName(cls.id, nameBefore.current);
          }}
        />
        <span className="count" aria-label={`${imageCount(count)} in ${cls.name}`}>
          {imageCount(count)}
        </span>
        <button
          type="button"
          className="ghost class-delete"
          onClick={handingFocusOn('.classes', '.class-delete', '#add-class', () =>
            madeFrom(classPlace(cls.id), () => deleteClass(cls.id)),
          )}
          aria-label={`Delete class ${cls.name}`}
          disabled={!!locked}
          title={locked ?? undefined}
        >
          Delete
        </button>
      </header>
      {short && (
        <p id={shortId} className="problems class-short">
          {short}
        </p>
      )}
      {nameProblem && (
        <p id={problemId} className="error name-problem">
          {nameProblem}
          {editing && ' Leaving the field keeps the name it had.'}
        </p>
      )}
      {/* Teachable Machine's Webcam button: the camera records into this class right here */}
      <CardCamera classId={cls.id} name={cls.name} />
      <div className="drop-hint">
        {words.cardLead}
        <FilePicker
          className="file-label"
          accept="image/*"
          multiple
          ariaLabel={`Add images to ${cls.name}`}
          onFiles={(files) => addImages(cls.id, files)}
        >
          {words.cardPick}
        </FilePicker>
      </div>
      {count > 0 && (
        // a run's lock disables the remove buttons with one attribute: a 500-image project's cards
        // re-rendered and re-set every thumbnail's button at the Train click (4x throttled trace)
        <fieldset className="thumbs-lock" disabled={!!locked} title={locked ?? undefined}>
          <Thumbs images={cls.images} name={cls.name} onOpen={setReviewing} />
        </fieldset>
      )}
      {count > 0 && (
        <button type="button" onClick={() => setReviewing({})} aria-label={`${reviewAll(count)} of ${cls.name}`}>
          {reviewAll(count)}
        </button>
      )}
      {reviewing && <ImageReview classId={cls.id} startAt={reviewing.at} onClose={() => setReviewing(null)} />}
    </section>
  );
});
