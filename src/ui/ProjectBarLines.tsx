import { useEffect, useState } from 'react';
import { saveAgain, usePersistence } from '../state/persist';
import { barLines } from './project-zip-flow';
import { focusAfterRemoval } from './focus-after-removal';
import { WaitingButton } from './WaitingButton';

/**
 * The bar's lines, the zip's there, empty, before it has anything to say: a live region that comes
 * with its words is often not read, and New project's line was the first the bar showed
 */
const withZipRegion = (lines: ReturnType<typeof barLines>) =>
  lines.some((l) => l.key === 'zip') ? lines : [...lines, { key: 'zip' as const, error: false, text: '' }];
/** how long a zip's outcome shows (while neither the pointer is on it nor the keyboard in the bar) */
export const NOTICE_MS = 8000;

type Message = { error: boolean; text: string; quiet?: boolean; offer?: { tail: string } };

/**
 * How a line shows: a zip's progress and plain outcome float over the page under the header, as a
 * toast does (in the header's flow they grew it by 36 px, 55 on a phone, and moved the step bar and
 * the page, for minutes, repeating the Undo toast), then only screen readers keep it; a failure or
 * an outcome that left something out stays in the header until something else is said.
 */
export function lineClass(
  line: { key: 'save' | 'zip'; error: boolean; text: string },
  message: Message | null,
  faded: boolean,
): string {
  if (!line.text || (line.key === 'zip' && message?.quiet && message.offer)) return 'visually-hidden';
  if (line.error) return 'error';
  if (line.key !== 'zip') return 'hint';
  return faded ? 'visually-hidden' : 'hint bar-notice';
}

/**
 * The message whose time is up: NOTICE_MS after it was said and its work ended (`busy`: a zip is
 * written or opened, its progress is said), held while the pointer is on it or the keyboard in the
 * bar. By the message, not its words: the same words said again (a second download) show again.
 */
function useFaded(message: Message | null, busy: boolean, held: boolean): boolean {
  const [faded, setFaded] = useState<Message | null>(null);
  useEffect(() => {
    if (!message || message.error || busy || held || faded === message) return;
    const timer = setTimeout(() => setFaded(message), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [message, busy, held, faded]);
  return !!message && faded === message;
}

/**
 * The keyboard's focus is in the project bar (on Download, Open…): the person is still there, and
 * the zip's outcome waits for them as it does under the pointer (the notice has nothing to focus).
 * Not a click's focus: a button keeps it after the click, and the notice would never go.
 */
function useKeysInBar(): boolean {
  const [here, setHere] = useState(false);
  useEffect(() => {
    const check = () => {
      const el = document.activeElement;
      setHere(!!el?.closest('.project-bar') && el.matches(':focus-visible'));
    };
    // keyup too: a key pressed on a button focused by a click makes its focus the keyboard's
    for (const type of ['focusin', 'focusout', 'keyup']) document.addEventListener(type, check);
    return () => {
      for (const type of ['focusin', 'focusout', 'keyup']) document.removeEventListener(type, check);
    };
  }, []);
  return here;
}

/**
 * The project bar's lines under its controls: the autosave's failure (with Try saving again where
 * space ran out) and what the last download or open of a project zip did, each an alert or a status.
 */
export function BarLines({
  error,
  message,
  offerOn,
  full,
  saving,
  busy,
  setMessage,
}: {
  error: string | null | undefined;
  /** what the bar said last of the project in place, with the undo it offered */
  message: Message | null;
  /** that undo is still offered: its words go with the line */
  offerOn: boolean;
  full: boolean;
  saving: boolean;
  /** a zip is being written or opened: its progress line stays */
  busy: boolean;
  setMessage(m: { error: boolean; text: string }): void;
}) {
  const [held, setHeld] = useState(false);
  const keysHere = useKeysInBar();
  const faded = useFaded(message, busy, held || keysHere);
  return (
    <>
      {/* each its own line: a standing autosave error (storage full: "use Download project (zip)") hid
        the download's progress, its outcome and its failure, and what Open project left out */}
      {withZipRegion(barLines(error, message)).map((line) => (
        <p
          key={line.key}
          role={line.error ? 'alert' : 'status'}
          // New project's line is said with its undo, and not shown: its toast ("Started a new project",
          // Undo) shows the same, and the line grew the header and moved the page under it. Without an
          // undo offered there is no toast, and the line shows
          className={lineClass(line, message, faded)}
          {...(line.key === 'zip' && { onMouseEnter: () => setHeld(true), onMouseLeave: () => setHeld(false) })}
        >
          {line.text}
          {line.key === 'zip' && offerOn && <span className="visually-hidden"> {message?.offer?.tail}</span>}
          {/* space freed (images deleted, other sites' data cleared) is no change of the project: no save followed */}
          {line.key === 'save' && full && (
            <>
              {' '}
              <WaitingButton
                className="save-again"
                waiting={saving}
                onClick={(e) => {
                  const button = e.currentTarget;
                  void saveAgain().then(() => {
                    // said either way: a save refused again left the alert word for word as it was (not
                    // read again), and one that fitted took the line away without a word
                    const stillFull = usePersistence.getState().full;
                    setMessage({
                      error: stillFull,
                      text: stillFull
                        ? 'Tried again: browser storage is still full (the line above says what is not saved).'
                        : 'Saved: the whole project is in browser storage now.',
                    });
                    // once the save has ended (thousands of images outlast the focus hand-over's patience):
                    // the line goes with the button, the focus to the download
                    if (!stillFull) focusAfterRemoval(button, '.project-bar', '.save-again', '.project-bar button');
                  });
                }}
              >
                Try saving again
              </WaitingButton>
            </>
          )}
        </p>
      ))}
    </>
  );
}
