import { FilePicker } from './FilePicker';
import { WaitingButton } from './WaitingButton';
import { useId, useRef, useState } from 'react';
import { usePersistence } from '../state/persist';
import { replaceProject } from '../state/project-undo';
import { useRunning } from './useRunLock';
import { emptyProject } from '../state/coordinator';
import { ConfirmDialog } from './ConfirmDialog';
import { sayUndo, useUndo } from '../state/undo';
import { holdOfferSaid, type HeldOffer } from '../state/undo-words';
import { offerTail } from './announce';
import { useClassCountSoon, useImageCountSoon } from './useProjectSoon';
import { useStoreInTurn, useStoreSoon } from './useStoreSoon';
import { useProject } from '../state/project';
import { imagesComingIn } from '../state/project-intake';
import { currentProject } from '../state/project-generations';
import { focusAfterRemoval } from './focus-after-removal';
import { describedBy, EMPTY_PROJECT, RUN_HOLDS_PROJECT } from './lock-reasons';
import { useTraining, type TrainingState } from '../state/training';
import { unkeptOnReplace } from './useUnkeptModelGuard';
import { count, downloadProject, imagesTooLargeToReopen, zipLock } from './project-zip-flow';
import { UNDO_MS } from '../state/saved-undo';
import { notAProject, openProjectZip } from './project-zip-open';
import { ProjectMenu, type ProjectAction } from './ProjectMenu';
import { SaveStatus } from './SaveStatus';
import { BarLines } from './ProjectBarLines';
import { useNarrow } from './narrow';

const NEW_PROJECT = 'Started a new project';
const ZIP = '.zip,application/zip';
const OPEN_ZIP = 'Open a project zip';
/** the undo an action's line says it offers: its entry's id, and what the line adds (offerTail) */
interface Offered {
  id: string;
  tail: string;
}

/** the undo New and Open project offer (state/project-replace.ts) */
const isReplacement = (saved: unknown) => (saved as { kind?: unknown } | null)?.kind === 'replace';

/** what the bar shows of the autosave, as a transition: a save's start and end re-rendered the bar inside the save's own task */
const savedState = ({
  status,
  error,
  usage,
  savedImages,
  runsNotKept,
  full,
  kept,
  restoreNote,
}: ReturnType<typeof usePersistence.getState>) => ({
  status,
  error,
  usage,
  savedImages,
  runsNotKept,
  full,
  kept,
  restoreNote,
});

const hasResult = (s: TrainingState) => s.result !== null;

/** Autosave status, storage use, and the whole project as one zip (out and in). */
export function ProjectBar() {
  const { status, error, usage, savedImages, runsNotKept, full, kept, restoreNote } = useStoreSoon(
    usePersistence,
    savedState,
  );
  const images = useImageCountSoon();
  // named classes without images yet (and the settings with them) are a project too: they can be kept
  const classes = useClassCountSoon();
  const empty = !images && !classes;
  const holds = `${count(classes, 'class', 'classes')}, ${count(images, 'image', 'images')}`;
  // what New and Open project replace, said alike in both: Open's question named the images alone
  const trained = useTraining(hasResult);
  const replaced = `${holds}, its settings${trained ? ' and trained model' : ''}`;
  const running = useRunning();
  // a phone's width: the actions behind one menu button, the header one line
  const narrow = useNarrow();
  // New and Open project stash the model for their undo from storage: one storage refused is lost
  const modelNotKept = useTraining(unkeptOnReplace);
  const [pending, setPending] = useState<{ name: string; file: Blob } | null>(null);
  const [writing, setWriting] = useState(false);
  // while a zip is read, the project bar's other ways of replacing the project wait for it
  const [opening, setOpening] = useState(false);
  // said of the project in place when it was said: "Opened x.zip" stayed over the project its Undo put back
  const [said, setSaid] = useState<{
    error: boolean;
    text: string;
    project: number;
    offer?: Offered;
    /** said, not shown, while its undo's toast shows the same (New project): see where the lines are drawn */
    quiet?: boolean;
  } | null>(null);
  // the undo New or Open project offers, while it is made: said by the line that says what they did
  const making = useRef<{ base: string; offer: HeldOffer | null; told: boolean } | null>(null);
  const setMessage = (m: { error: boolean; text: string; quiet?: boolean } | null) => {
    const held = making.current;
    const offer = m && held?.offer ? { id: held.offer.id, tail: offerTail(held.base, held.offer) } : undefined;
    if (offer && held) held.told = true;
    setSaid(m && { ...m, project: currentProject(), offer });
  };
  const message = said?.project === currentProject() ? said : null;
  // the undo's words go with the line only while it is offered: read later, they promised an undo gone
  const offerOn = useUndo((s) => !!message?.offer && s.entries.some((e) => e.id === message.offer?.id));
  /**
   * New and Open project are said once, with what they did, its counts and the undo they offer: the
   * undo's words, held back from the toasts' live region, go with the line that says what was done
   * (they were said apart, twice, and Open project's counts only in the second)
   */
  const sayingOnce = async (base: string, replace: () => Promise<void>) => {
    making.current = { base, offer: null, told: false };
    const hold = holdOfferSaid(isReplacement, (offer) => making.current && (making.current.offer = offer));
    try {
      await replace();
    } finally {
      const told = making.current?.told;
      making.current = null;
      const offer = hold.release();
      // no line followed its offer: the toasts' region says it, as it says any other
      if (offer && !told) sayUndo(`${offer.label}. ${offer.words}`);
    }
  };
  // a drop being read or added (replaceProject refuses as well: the bar may show the wait a frame late)
  const adding = useStoreInTurn(useProject, imagesComingIn);
  const lock = zipLock(writing, opening, adding);
  const lockId = useId();
  const runId = useId();
  const emptyId = useId();

  // a zip Open project could not read again is asked about before minutes of writing, not said after
  const [askLarge, setAskLarge] = useState<string | null>(null);
  const exportProject = async () => {
    setAskLarge(null);
    setWriting(true);
    await downloadProject(setMessage);
    setWriting(false);
  };
  // Download project (zip) and the note's "keep a copy" alike
  const downloadOrAsk = () => {
    const tooLarge = imagesTooLargeToReopen();
    if (tooLarge) setAskLarge(tooLarge);
    else void exportProject();
  };

  // both questions before the project is replaced offer its zip first: the undo lasts seconds
  const keepFirst = {
    label: 'Download project first',
    onClick: downloadOrAsk,
    waiting: writing,
    waitingWords: 'Writing the project zip: the project can be replaced once it is written.',
  };
  const undoSeconds = Math.round(UNDO_MS / 1000);

  const [askNew, setAskNew] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);

  const openProject = async (name: string, zip: Blob) => {
    setPending(null);
    setOpening(true);
    await sayingOnce(`Opened ${name}`, () => openProjectZip(name, zip, setMessage));
    setOpening(false);
  };

  const newProject = () =>
    sayingOnce(NEW_PROJECT, async () => {
      setAskNew(false);
      try {
        await replaceProject(NEW_PROJECT, emptyProject);
      } catch (err) {
        // a drop started while the dialog was open: the project stays, and the reason says when to try again
        const why = (err as Error).message;
        setMessage({ error: true, text: `${why.charAt(0).toUpperCase()}${why.slice(1)}` });
        return;
      }
      setMessage({ error: false, text: 'Started a new, empty project.', quiet: true });
      // the new project starts at its first step: left where the old one was read (an empty Evaluate),
      // the page showed nothing of it, and the focus moved to the Data step out of sight
      const data = document.getElementById('step-data');
      data?.scrollIntoView({ block: 'start' });
      // from the phone's menu the focus went back to its button, still enabled: it goes where the
      // new project starts, as the wide bar's disabled New project hands it on (onConfirm below)
      if (!newButton.current) data?.focus({ preventScroll: true });
    });

  // the three actions, as the wide bar's buttons and the phone's menu items alike
  const download = {
    disabled: empty || lock?.download,
    describedBy: describedBy(empty && emptyId, lock?.download && lockId),
  };
  const openZip = {
    disabled: running,
    waiting: lock?.replace,
    describedBy: describedBy(running && runId, lock?.replace && lockId),
  };
  const fresh = {
    disabled: running || empty || lock?.replace,
    describedBy: describedBy(running && runId, lock?.replace && lockId, empty && emptyId),
    // what holds New project, in words: the title shows the first to a mouse user
    title: running ? RUN_HOLDS_PROJECT : lock?.replace ? lock.why : empty ? EMPTY_PROJECT : undefined,
  };
  const openPicked = async ([file]: File[]) => {
    if (!file) return;
    if (empty) return void openProject(file.name, file);
    // a file that cannot be a project is said so at once: no question about replacing the project
    const wrong = await notAProject(file.name, file);
    if (wrong) setMessage({ error: true, text: wrong });
    else setPending({ name: file.name, file });
  };
  const menuActions: ProjectAction[] = [
    { label: 'Download project (zip)', onSelect: downloadOrAsk, waiting: writing, ...download },
    { label: 'Open project…', files: { accept: ZIP, ariaLabel: OPEN_ZIP, onFiles: openPicked }, ...openZip },
    { label: 'New project', onSelect: () => setAskNew(true), ...fresh },
  ];
  const saved = { status, usage, savedImages, kept, images };

  return (
    <div className="project-bar" role="group" aria-label="Project">
      {narrow ? (
        <ProjectMenu actions={menuActions}>
          <SaveStatus {...saved} />
        </ProjectMenu>
      ) : (
        <>
          <SaveStatus
            {...saved}
            keepCopy={
              <WaitingButton
                className="keep-copy"
                onClick={downloadOrAsk}
                waiting={writing}
                disabled={download.disabled}
                aria-describedby={download.describedBy}
              >
                keep a copy<span className="visually-hidden"> of the project (zip)</span>
              </WaitingButton>
            }
          />
          {/* keeps the focus while the zip is written (a disabled button dropped it to the page) */}
          <WaitingButton
            onClick={downloadOrAsk}
            waiting={writing}
            disabled={download.disabled}
            aria-describedby={download.describedBy}
          >
            Download project (zip)
          </WaitingButton>
          <FilePicker
            accept={ZIP}
            ariaLabel={OPEN_ZIP}
            disabled={openZip.disabled}
            // waits, the focus kept, while a zip is written or opened or images are added
            waiting={openZip.waiting}
            describedBy={openZip.describedBy}
            onFiles={openPicked}
          >
            Open project…
          </FilePicker>
          <button
            ref={newButton}
            type="button"
            className="new-project"
            onClick={() => setAskNew(true)}
            disabled={fresh.disabled}
            aria-describedby={fresh.describedBy}
            title={fresh.title}
          >
            New project
          </button>
        </>
      )}
      {askNew && (
        <ConfirmDialog
          title="Start a new project?"
          confirm="Start new project"
          danger
          onConfirm={() => {
            // the dialog gives the focus back to New project, which the empty project disables:
            // it goes to the Data step, where the new project starts
            if (newButton.current) focusAfterRemoval(newButton.current, '.project-bar', '.new-project', '#step-data');
            void newProject();
          }}
          onCancel={() => setAskNew(false)}
          also={keepFirst}
        >
          The current project ({replaced}) is replaced by an empty one. You can undo this for {undoSeconds} seconds
          afterwards; a downloaded copy keeps it for good.
          {modelNotKept && ` ${modelNotKept}`}
        </ConfirmDialog>
      )}
      {askLarge && (
        <ConfirmDialog
          title="Download a zip that cannot be opened here again?"
          confirm="Download anyway"
          onConfirm={() => void exportProject()}
          onCancel={() => setAskLarge(null)}
        >
          This project&apos;s zip could not be opened in the studio again: {askLarge}. It would still keep a copy of
          every image, and the project stays saved in this browser. To move it to another browser, split it into smaller
          projects.
        </ConfirmDialog>
      )}
      {pending && (
        <ConfirmDialog
          title={`Open ${pending.name}?`}
          confirm="Replace current project"
          danger
          onConfirm={() => void openProject(pending.name, pending.file)}
          onCancel={() => setPending(null)}
          also={keepFirst}
        >
          Opening {pending.name} replaces the current project ({replaced}). You can undo this for {undoSeconds} seconds
          afterwards; a downloaded copy keeps it for good.{modelNotKept && ` ${modelNotKept}`}
        </ConfirmDialog>
      )}
      {restoreNote && (
        <p role="alert" className="error" data-testid="restore-note">
          {restoreNote}{' '}
          <button
            type="button"
            className="dismiss-note"
            onClick={(e) => {
              // the bar's buttons are disabled in an empty project: Open project's file input is not
              focusAfterRemoval(e.currentTarget, '.project-bar', '.dismiss-note', [
                '.project-bar button',
                '.project-bar input[type="file"]',
              ]);
              usePersistence.setState({ restoreNote: null });
            }}
          >
            Dismiss
          </button>
        </p>
      )}
      {/* an alert: a live region that comes with its words is often not read, and this one says work will be lost */}
      {runsNotKept && (
        <p role="alert" className="error" data-testid="runs-not-kept">
          {runsNotKept}
        </p>
      )}
      {lock && (
        <>
          {/* a drop being added shows its own progress in the Data step */}
          {(writing || opening) && (
            <progress aria-label={writing ? 'Writing the project zip' : 'Opening the project zip'} />
          )}
          {/* the progress and its message show the wait; this says what waits for it, and why */}
          <span id={lockId} className="visually-hidden">
            {lock.why}
          </span>
        </>
      )}
      {running && (
        <span id={runId} className="visually-hidden">
          {RUN_HOLDS_PROJECT}
        </span>
      )}
      {empty && (
        <span id={emptyId} className="visually-hidden">
          {EMPTY_PROJECT}
        </span>
      )}
      <BarLines
        error={error}
        message={message}
        offerOn={offerOn}
        full={full}
        saving={status === 'saving'}
        busy={writing || opening}
        setMessage={setMessage}
      />
    </div>
  );
}
