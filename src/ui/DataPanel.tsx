import { useShallow } from 'zustand/react/shallow';
import { FilePicker } from './FilePicker';
import { useDeferredValue, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useProject } from '../state/project';
import { useWebcam, type WebcamState } from '../state/webcam';
import { imageCount } from '../core/project/project-limits';
import { ClassCard } from './ClassCard';
import { DatasetWarnings } from './DatasetWarnings';
import { UnreadableImages } from './UnreadableImages';
import { addDrop, addFolderInput, addPickedFolder } from './folderAdding';
import { canPickFolders } from './pickFolder';
import { useProjectLock } from './useRunLock';
import { handingFocusOn } from './focus-after-removal';
import { useThrottledLive } from './announce';
import { usePhone } from './phone';
import { dataWords } from './data-words';
import { addPhotosAsClass } from './chosen-photos';
import { classCardId } from './class-blockers';
import { focusDropped } from './focus-dropped';

/** Whether the camera records, counts down to a recording or saves a recording's last frames. */
export const cameraBusy = (s: Pick<WebcamState, 'recording' | 'timed' | 'saving'>): boolean =>
  s.recording || !!s.timed || s.saving > 0;

/** Whether the camera was busy as the summary line last saw it, and the totals it left (null: it has not recorded). */
export type CameraMark = { busy: boolean; summary: string } | null;

/**
 * What the summary line offers to be said, and in which stage (useThrottledLive). A recording says its
 * own count, once its last frame is in (CapturePanel): the totals it moves are not heard here while the
 * camera is busy, nor once it is done, until the images change some other way. The totals it left are
 * those of the first render after it: the last frame's image and the end of the saving come in one.
 */
export function summaryLineStage(now: {
  summary: string;
  mark: CameraMark;
  busy: boolean;
  adding: boolean;
  reading: boolean;
}): { stage: string; text: string; mark: CameraMark } {
  const { summary, busy, mark: was } = now;
  const mark = busy ? (was?.busy ? was : { busy, summary }) : was?.busy ? { busy, summary } : was;
  if (busy || mark?.summary === summary) return { stage: 'camera', text: '', mark };
  return { stage: now.adding ? 'adding' : now.reading ? 'reading' : 'idle', text: summary, mark };
}

export function DataPanel() {
  // what the panel shows, not the whole store
  const { classes, addClass, notice, setNotice, adding } = useProject(
    useShallow((s) => ({
      classes: s.classes,
      addClass: s.addClass,
      notice: s.notice,
      setNotice: s.setNotice,
      adding: s.adding,
    })),
  );
  const locked = useProjectLock();
  const phone = usePhone();
  const words = dataWords(phone);
  const total = imageCount(classes);
  // an empty project's first move is to bring images: the page's one blue button until it has some
  // (the camera's Start had it, with no model yet to show the camera to)
  const empty = total === 0;
  const shownNotice = notice && notice !== locked ? notice : null;
  /** files found so far in a folder picked through the folder picker (null: none being read) */
  const [reading, setReading] = useState<number | null>(null);
  // the cards follow in a render React splits into slices of a few ms: each window of a drop being
  // added re-rendered its cards and mounted their thumbnails in one task (4× throttled trace)
  const cards = useDeferredValue(classes);
  // the class Add class made and the button pressed, until its card is drawn (the cards follow deferred)
  const added = useRef<{ id: string; from: HTMLElement } | null>(null);
  useLayoutEffect(() => {
    const want = added.current;
    const card = want && document.getElementById(classCardId(want.id));
    if (!want || !card) return;
    added.current = null;
    // the new card's name is what is typed next (a page-made "Class N" is selected as the focus
    // arrives), and it may be drawn below the screen; nothing moves if the focus went elsewhere since
    const active = document.activeElement;
    if (active !== want.from && !focusDropped(active, document.body)) return;
    card.querySelector<HTMLInputElement>('input.class-name')?.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest' });
  }, [cards]);
  const summary = `${classes.length} class${classes.length === 1 ? '' : 'es'}, ${total} image${total === 1 ? '' : 's'}`;
  const progress = adding
    ? `Adding images ${adding.done}/${adding.total} `
    : reading !== null
      ? `Reading the folder: ${reading} file${reading === 1 ? '' : 's'} found `
      : '';
  // the counts move with every window of a drop, and 10 times a second while the camera records:
  // the adding is heard as it starts and every few seconds, the totals once it has ended (and after
  // an image or two chosen for a class, at most every few seconds); a recording's are not heard here
  const busy = useWebcam(cameraBusy);
  const [mark, setMark] = useState<CameraMark>(null);
  const line = summaryLineStage({ summary, mark, busy, adding: !!adding, reading: reading !== null });
  if (line.mark !== mark) setMark(line.mark);
  const summaryLine = useRef<HTMLSpanElement>(null);
  const progressLine = useRef<HTMLSpanElement>(null);
  useThrottledLive(summaryLine, line.stage, line.text, line.stage === 'idle');
  useThrottledLive(progressLine, line.stage, progress);

  useEffect(() => {
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      if (e.dataTransfer) void addDrop(e.dataTransfer);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <section className="panel" aria-labelledby="data-title">
      <h2 id="data-title">Images</h2>
      <p className="hint">{words.hint}</p>
      <div className="row">
        <button
          type="button"
          id="add-class"
          onClick={(e) => void (added.current = { id: addClass(), from: e.currentTarget })}
        >
          Add class
        </button>
        {phone ? (
          // a phone's photo library and camera, not folders: it has none to pick
          <FilePicker
            key="photos"
            multiple
            accept="image/*"
            ariaLabel={words.pickFor}
            primary={empty}
            onFiles={addPhotosAsClass}
          >
            {words.pick}
          </FilePicker>
        ) : (
          <FilePicker
            key="folders"
            multiple
            directory
            ariaLabel={words.pickFor}
            primary={empty}
            // Chromium builds a folder input's file list in the change event's own task (906 ms for
            // 500 files under 4× throttling, before any script runs): where the browser has a folder
            // picker, a click or key opens that instead and the page reads the folder itself. The
            // input stays for other browsers (and for scripts that set its files).
            onOpen={() => canPickFolders() && (void addPickedFolder(setReading), true)}
            // the adding starts in a task of its own rather than lengthening the file list's
            onFiles={(files) => void setTimeout(() => void addFolderInput(files), 0)}
          >
            {words.pick}
          </FilePicker>
        )}
        <span ref={summaryLine} className="summary" aria-live="off" aria-atomic="true">
          {summary}
        </span>
        {/* there while nothing is added too: a live region that comes with its words is not always read */}
        <span ref={progressLine} role="status" aria-live="off">
          {progress}
          {reading !== null && !adding && <progress aria-label="Adding images" />}
          {adding && <progress aria-label="Adding images" max={adding.total} value={adding.done} />}
        </span>
      </div>
      {locked && (
        <p className="hint" data-testid="data-locked">
          {locked}
        </p>
      )}
      {/* there before any notice (a live region that comes with its words is often not read), shown as
          one with its Dismiss only while it has words; the lock's refusal is the line above already */}
      <p role="status" className={shownNotice ? 'notice' : 'visually-hidden'}>
        {shownNotice && (
          <>
            {shownNotice}{' '}
            <button
              type="button"
              className="ghost notice-dismiss"
              onClick={handingFocusOn('.panel', '.notice-dismiss', '#step-data', () => setNotice(null))}
              aria-label="Dismiss message"
            >
              ×
            </button>
          </>
        )}
      </p>
      <UnreadableImages />
      <DatasetWarnings />
      {classes.length === 0 && !adding && reading === null && (
        // the empty project's drop target (drops land anywhere on the page; the hint above says so in
        // words; on a phone, the picker above), and Teachable Machine's start for someone with no
        // folders: two classes to fill
        <div className="empty-drop">
          <strong aria-hidden="true">{words.emptyTitle}</strong>
          <span aria-hidden="true">{words.emptyLine}</span>
          <span className="empty-or">
            or{' '}
            <button
              type="button"
              className="start-two"
              // the button goes with the empty project: the focus goes to the first class's name
              onClick={handingFocusOn('.panel', '.start-two', 'input.class-name', () => {
                addClass();
                addClass();
              })}
            >
              Start with two empty classes
            </button>{' '}
            {words.emptyFill}
          </span>
        </div>
      )}
      <div className="classes">
        {cards.map((c) => (
          <ClassCard key={c.id} cls={c} />
        ))}
      </div>
    </section>
  );
}
