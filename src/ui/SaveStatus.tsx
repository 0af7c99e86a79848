import type { ReactNode } from 'react';
import type { usePersistence } from '../state/persist';
import { count, mb } from './project-zip-flow';

type Persisted = ReturnType<typeof usePersistence.getState>;

/**
 * The room the browser gives, as round as it is ("10 GB", not "10.0 GB"): "storage 13.9 MB of
 * 10.0 GB" read at a glance as a quota passed, so the used figure is named and the room is plain.
 */
const roomWords = (bytes: number) => mb(bytes).replace(/\.0 /, ' ');

/**
 * The autosave's state, the storage it uses and, where the browser may clear it, the remedy. Not a
 * live region: it changed after every edit ("Saving…", "Saved…"). Its failures are said where they
 * are shown, as alerts (the lines at the end of the project bar).
 */
export function SaveStatus({
  status,
  usage,
  savedImages,
  kept,
  images,
  keepCopy,
}: Pick<Persisted, 'status' | 'usage' | 'savedImages' | 'kept'> & {
  images: number;
  /** the remedy beside the risk ("keep a copy"); without it (the phone's menu, its download right
      under the words) the risk is said whole */
  keepCopy?: ReactNode;
}) {
  const saveText =
    status === 'restoring'
      ? 'Restoring your project…'
      : status === 'saving'
        ? 'Saving…'
        : status === 'saved'
          ? `Saved in this browser (${count(savedImages, 'image', 'images')})`
          : images
            ? 'Not saved yet'
            : 'Nothing to save yet';
  return (
    <span data-testid="save-status">
      <span className="save-state">{saveText}</span>
      {usage && (
        <span className="storage-use">
          <span className="visually-hidden"> · </span>
          {`${mb(usage.used)} used of ${roomWords(usage.quota)}`}
          {/* not persistent: under disk pressure (Safari: after a week away; a private window: on
              closing) the browser deletes the project without a word, though it reads "Saved in
              this browser". On the storage line: a line of its own made the header taller for good */}
          {kept === false && savedImages > 0 && status !== 'restoring' && (
            <span data-testid="not-kept">
              {' · '}
              {/* the remedy where the risk is said: it was said only to screen readers */}
              {keepCopy ? (
                <span className="not-kept">
                  the browser may clear it<span className="visually-hidden"> when space runs low</span>: {keepCopy}
                </span>
              ) : (
                <span className="not-kept">the browser may clear it when space runs low</span>
              )}
            </span>
          )}
        </span>
      )}
    </span>
  );
}
