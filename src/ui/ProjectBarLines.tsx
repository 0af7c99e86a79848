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
  setMessage,
}: {
  error: string | null | undefined;
  /** what the bar said last of the project in place, with the undo it offered */
  message: { error: boolean; text: string; quiet?: boolean; offer?: { tail: string } } | null;
  /** that undo is still offered: its words go with the line */
  offerOn: boolean;
  full: boolean;
  saving: boolean;
  setMessage(m: { error: boolean; text: string }): void;
}) {
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
          className={
            !line.text || (line.key === 'zip' && message?.quiet && message.offer)
              ? 'visually-hidden'
              : line.error
                ? 'error'
                : 'hint'
          }
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
