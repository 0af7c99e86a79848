import { useState } from 'react';
import type { Saving } from '../state/one-tab';
import { PageTitle } from './layout/PageTitle';
import { WaitingButton } from './WaitingButton';

/** What the wait is for, as the holder says it (a large drop is slow to add in a hidden tab: minutes). */
function waitingFor(word: Saving | null): string {
  const adding = word?.adding;
  if (!adding) return 'Waiting for the other tab to save and step aside…';
  if (!adding.total)
    return 'The other tab is still reading a dropped folder: it adds and saves those images, then steps aside…';
  // the count is the progress bar's: in this live region it was read out at every word (2 s)
  return `The other tab is still adding ${adding.total.toLocaleString()} files: it saves them all, then steps aside…`;
}

/** What a second tab shows: the project is held by the first (state/one-tab.ts) until it is taken here. */
export function OpenElsewhere({ take }: { take(heard: (word: Saving) => void): Promise<void> }) {
  const [taking, setTaking] = useState(false);
  const [word, setWord] = useState<Saving | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <main className="open-elsewhere" aria-labelledby="elsewhere-title">
      {/* two tabs of the studio side by side: the title says which one holds the project */}
      <PageTitle elsewhere />
      <div className="panel">
        <h1 id="elsewhere-title">Transfer Studio is open in another tab</h1>
        <p>
          One tab at a time holds your project, so two tabs never save over each other&rsquo;s work. Your images and
          models stay in this browser either way.
        </p>
        <p>
          <WaitingButton
            className="primary"
            waiting={taking}
            // the notice's one action: a keyboard user lands on it
            autoFocus
            onClick={() => {
              setTaking(true);
              setError(null);
              setWord(null);
              take(setWord).catch((err: unknown) => {
                setTaking(false);
                setError(`The project could not be taken over: ${(err as Error).message}`);
              });
            }}
          >
            Use it here
          </WaitingButton>
        </p>
        <p className="hint" role="status">
          {taking
            ? waitingFor(word)
            : 'The other tab saves first and then shows this notice; a run going there stops, and if it had saved a checkpoint (one per finished epoch of its full model), Train offers to resume it here from there.'}
        </p>
        {taking &&
          (word?.adding?.total ? (
            <progress aria-label="Images added in the other tab" value={word.adding.done} max={word.adding.total} />
          ) : (
            <progress aria-label="Taking the project over" />
          ))}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </div>
    </main>
  );
}
