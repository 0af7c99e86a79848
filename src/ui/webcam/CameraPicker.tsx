import { useEffect, useId } from 'react';
import { otherFacing } from '../../core/live/facing';
import { useWebcam } from '../../state/webcam';
import { useModelInUse } from '../../state/model-in-use';
import { WaitingButton } from '../WaitingButton';
import { handingFocusOn } from '../focus-after-removal';

/**
 * Camera choice, start/stop, and the permission / no-camera messages. The stream's resolution is under
 * the picture (CameraView): in this row it wrapped the row onto two lines in the Deploy column.
 */
export function CameraPicker() {
  const { status, error, devices, deviceId, chosen, start, stop, refreshDevices } = useWebcam();
  const selectId = useId();

  useEffect(() => {
    void refreshDevices();
    const md = navigator.mediaDevices;
    if (!md?.addEventListener) return;
    const onChange = () => void useWebcam.getState().refreshDevices();
    md.addEventListener('devicechange', onChange);
    return () => md.removeEventListener('devicechange', onChange);
  }, [refreshDevices]);

  const on = status === 'on';
  // the panel's first use is a model answering the camera: before there is one, Start is not the page's
  // main action (a fresh page's only blue button offered to show a model that did not exist)
  const answers = useModelInUse((s) => !!s.model);
  const starting = status === 'starting';
  const promptId = useId();
  const flip = otherFacing(devices, deviceId);
  const named = devices.filter((d) => d.deviceId);
  // with one camera, or none named yet (before the first permission), a select offers no choice
  // and pushed the downloads below the Deploy column's fold; a running camera shows its name in it
  // (and while a camera starts: the select a person just changed stays where the focus is)
  const choice = on || starting || named.length > 1;
  return (
    <div className="camera-picker">
      <div className="row">
        {choice && (
          <>
            <label htmlFor={selectId}>Camera</label>
            <select
              id={selectId}
              // a running camera by its name; off, the one Start asks for (the default one as such)
              value={on || starting ? deviceId : chosen}
              // enabled while a camera starts (a disabled select dropped the focus): a later choice
              // wins, the earlier camera is stopped as it arrives (state/webcam.ts)
              onChange={(e) => {
                const id = e.target.value;
                if (on || starting) void start(id);
                else useWebcam.setState({ deviceId: id, chosen: id });
              }}
            >
              <option value="">Default camera</option>
              {named.map((d) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label}
                  {d.facing ? ` (${d.facing})` : ''}
                </option>
              ))}
            </select>
          </>
        )}
        {/* one button that keeps the focus while the camera starts and turns into Stop camera in place
            (two elements, or a disabled one, dropped a keyboard user's focus to the page); while the
            browser's permission prompt waits it cancels: a prompt dismissed without an answer (Firefox)
            left it waiting until a reload (a camera that answers after Cancel is stopped: state/webcam.ts) */}
        <button
          type="button"
          className={on || starting || !answers ? undefined : 'primary'}
          data-camera-toggle
          onClick={on || starting ? stop : () => void start()}
          aria-describedby={starting ? promptId : undefined}
        >
          {on ? 'Stop camera' : starting ? 'Cancel' : 'Start camera'}
        </button>
        {flip && (
          <WaitingButton onClick={() => void start(flip.deviceId)} waiting={starting}>
            Switch to {flip.facing} camera
          </WaitingButton>
        )}
        {/* there before its words (a region appearing with its text is often not read) */}
        <span id={promptId} className="hint" role="status">
          {starting ? 'Starting the camera: answer the browser’s camera prompt (near the address bar).' : ''}
        </span>
      </div>
      {status === 'error' && error && (
        <div role="alert" className="error camera-error" data-kind={error.kind}>
          <p>{error.message}</p>
          {/* Retry goes as the camera starts: the focus goes on to Start camera, which stays */}
          <button
            type="button"
            className="camera-retry"
            onClick={handingFocusOn('.camera-error', '.camera-retry', '[data-camera-toggle]', () => void start())}
          >
            Retry
          </button>
        </div>
      )}
    </div>
  );
}
