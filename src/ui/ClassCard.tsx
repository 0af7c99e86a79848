import { memo, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { classNameProblem, isAutoClassName, nameKey } from '../core/data/problems';
import { NAME_LIMITS } from '../core/project/record';
import { FilePicker } from './FilePicker';
import { ImageReview } from './ImageReview';
import { useProject, type ProjectClass } from '../state/project';
import { classNameKey, leaveClassName, typedClassName } from './class-name-edit';
import { deleteClass } from '../state/project-undo';
import { addImagesUndoable } from '../state/add-undo';
import { useDropZone } from './useDropZone';
import { addDrop } from './folderAdding';
import { useProjectLock } from './useRunLock';
import { handingFocusOn } from './focus-after-removal';
import { afterPress } from './after-press';
import { backAt, classPlace, madeFrom } from './undo-origin';
import { imageCount, reviewAll } from './review-rules';
import { usePhone } from './phone';
import { dataWords } from './data-words';
import { cardShortfall, classCardId } from './class-blockers';
import { CardCamera } from './webcam/CardCamera';
import { Thumbs } from './ClassThumbs';

export { CARD_THUMB } from './ClassThumbs';

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

export const ClassCard = memo(function ClassCard({ cls }: { cls: ProjectClass }) {
  // only what the card shows: a whole-store subscription re-rendered every card at each step of a drop being added
  const renameClass = useProject((s) => s.renameClass);
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
  // the name the field had as it was entered, while it has the focus (null: not editing): the card
  // being typed in says what leaving it does; the other card of the clash only names it
  const [editingFrom, setEditingFrom] = useState<string | null>(null);
  const editing = editingFrom !== null;
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
            setEditingFrom(name);
            selectIfPageMade(e.currentTarget, cls.id);
          }}
          onChange={(e) => {
            noteTypedName(cls.id, e.target.value);
            typedClassName(cls.id);
            renameClass(cls.id, e.target.value);
          }}
          onKeyDown={(e) => {
            // an Enter that ends an input method's composition is the composition's
            if (e.nativeEvent.isComposing) return;
            const now = classNameKey(e.key, cls.id, editingFrom ?? name);
            if (now === null) return;
            e.preventDefault();
            setEditingFrom(now);
          }}
          onBlur={() => {
            const before = editingFrom ?? name;
            // the name put back takes its problem's line off both cards of the clash: done while the
            // click that left the field was still pressed, the cards below moved up under it
            afterPress(() => {
              setEditingFrom(null);
              leaveClassName(cls.id, before);
            });
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
          // another class's name typed in: the class it deletes is still the one it was (two Deletes
          // read alike, and a screen reader's user could not tell which class each removed)
          aria-label={`Delete class ${nameProblem && editingFrom !== null ? editingFrom : cls.name}`}
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
          {editing && ' Enter or leaving the field puts back the name it had.'}
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
          onFiles={(files) => void addImagesUndoable(cls.id, files)}
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
