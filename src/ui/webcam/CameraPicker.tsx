import { useEffect, useId } from 'react';
import { otherFacing } from '../../core/live/facing';
import { useWebcam } from '../../state/webcam';
import { WaitingButton } from '../WaitingButton';
import { handingFocusOn } from '../focus-after-removal';

/** Camera choice, start/stop, the stream's resolution, and the permission / no-camera messages. */
export function CameraPicker() {
  const { status, error, devices, deviceId, resolution, start, stop, refreshDevices } = useWebcam();
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
  const flip = otherFacing(devices, deviceId);
  const named = devices.filter((d) => d.deviceId);
  // with one camera, or none named yet (before the first permission), a select offers no choice
  // and pushed the downloads below the Deploy column's fold; a running camera shows its name in it
  // (and while a camera starts: the select a person just changed stays where the focus is)
  const choice = on || status === 'starting' || named.length > 1;
  return (
    <div className="camera-picker">
      <div className="row">
        {choice && (
          <>
            <label htmlFor={selectId}>Camera</label>
            <select
              id={selectId}
              value={deviceId}
              // enabled while a camera starts (a disabled select dropped the focus): a later choice
              // wins, the earlier camera is stopped as it arrives (state/webcam.ts)
              onChange={(e) => {
                const id = e.target.value;
                if (on || status === 'starting') void start(id);
                else useWebcam.setState({ deviceId: id });
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
            (two elements, or a disabled one, dropped a keyboard user's focus to the page) */}
        <WaitingButton
          className={on ? undefined : 'primary'}
          data-camera-toggle
          onClick={on ? stop : () => void start()}
          waiting={status === 'starting'}
        >
          {on ? 'Stop camera' : status === 'starting' ? 'Starting camera…' : 'Start camera'}
        </WaitingButton>
        {flip && (
          <WaitingButton onClick={() => void start(flip.deviceId)} waiting={status === 'starting'}>
            Switch to {flip.facing} camera
          </WaitingButton>
        )}
        {on && (
          <span className="resolution" data-testid="camera-resolution" aria-label="Camera resolution">
            {resolution ? `${resolution.width} × ${resolution.height}` : '…'}
          </span>
        )}
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
