import { useState } from 'react';
import { WaitingButton } from './WaitingButton';

/** What a second tab shows: the project is held by the first (state/one-tab.ts) until it is taken here. */
export function OpenElsewhere({ take }: { take(): Promise<void> }) {
  const [taking, setTaking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <main className="open-elsewhere" aria-labelledby="elsewhere-title">
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
              take().catch((err: unknown) => {
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
            ? 'Waiting for the other tab to save and step aside…'
            : 'The other tab saves first and then shows this notice; a run going there stops, and Train offers to resume it here.'}
        </p>
        {taking && <progress aria-label="Taking the project over" />}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </div>
    </main>
  );
}
