import { reloadIntoUpdate, useAppUpdate } from '../../state/app-update';
import { WaitingButton } from '../WaitingButton';

/** A new version of the studio is ready: said in the header, applied when the person reloads into it. */
export function UpdateBanner() {
  const { ready, reloading, waiting, risky } = useAppUpdate();
  // there before it has words, so a screen reader hears it
  return (
    <div role="status" className={ready ? 'update-banner' : 'visually-hidden'}>
      {ready && (
        <>
          A new version of Transfer Studio is ready.{' '}
          <WaitingButton waiting={reloading} onClick={() => void reloadIntoUpdate()}>
            {reloading ? 'Saving, then reloading…' : 'Reload to update'}
          </WaitingButton>
          {waiting && <span className="hint"> {waiting}</span>}
          {risky && (
            <button type="button" className="ghost" onClick={() => void reloadIntoUpdate(true)}>
              Reload anyway
            </button>
          )}
        </>
      )}
    </div>
  );
}
