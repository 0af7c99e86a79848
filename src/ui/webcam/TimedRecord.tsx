import { useId, useState } from 'react';
import { TIMED_LIMITS, useWebcam } from '../../state/webcam';

/** A whole-seconds field: what is typed shows as typed, the store keeps it within its limits. */
function SecondsField(props: {
  label: string;
  value: number;
  limits: { min: number; max: number };
  disabled: boolean;
  onValue(seconds: number): void;
}) {
  const id = useId();
  // an emptied field would snap back to a number under the cursor: the text typed shows until it is left
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <span className="pair">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={props.limits.min}
        max={props.limits.max}
        step={1}
        value={typed ?? props.value}
        disabled={props.disabled}
        onChange={(e) => {
          setTyped(e.target.value);
          props.onValue(e.target.valueAsNumber);
        }}
        onBlur={() => setTyped(null)}
      />
    </span>
  );
}

/**
 * Hands-free recording (Teachable Machine's "Hold to record" off): a countdown, then a recording that
 * stops by itself, for a maker holding the object with both hands or standing back from the camera.
 * One button starts it, cancels the countdown and stops the recording, keeping the focus throughout.
 * Its two seconds fields are folded under a line that says them: open, they had put the live answer
 * off a laptop's screen. The line is the one control (no disclosure triangle beside its "Change"),
 * and says Done while open: the way to fold it again.
 */
export function TimedRecord(props: { target: string | null; canRecord: boolean; hintId: string }) {
  const { timed, timedDelay, timedDuration, recording, setTimedDelay, setTimedDuration, startTimed, stopTimed } =
    useWebcam();
  const busy = recording || !!timed;
  const [open, setOpen] = useState(false);
  return (
    <div className="timed-record">
      <div className="row">
        <button
          type="button"
          className={timed?.phase === 'recording' ? 'record recording' : undefined}
          disabled={!timed && (busy || !props.canRecord)}
          aria-describedby={props.hintId}
          // Enter held down clicks again and again: it would start, cancel, start...
          onKeyDown={(e) => e.repeat && e.preventDefault()}
          onClick={() => (timed ? stopTimed() : startTimed())}
        >
          {timed?.phase === 'countdown'
            ? 'Cancel countdown'
            : timed
              ? 'Stop recording'
              : `Start timed recording${props.target !== null ? ` into ${props.target}` : ''}`}
        </button>
        {/* beside the button, not in its name: a name that changes every second is read again and again
            while the button has focus; the polite status says when it starts and the picture shows the count */}
        {timed && (
          <span className="timed-left" data-testid="timed-left">
            {timed.phase === 'countdown' ? `starts in ${timed.secondsLeft} s` : `${timed.secondsLeft} s left`}
          </span>
        )}
      </div>
      <details className="timed-settings" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          Starts after {timedDelay} s, records for {timedDuration} s <span aria-hidden="true">·</span>{' '}
          <span className="timed-change">{open ? 'Done' : 'Change'}</span>
        </summary>
        <div className="row">
          <SecondsField
            label="Countdown (s)"
            value={timedDelay}
            limits={TIMED_LIMITS.delay}
            disabled={busy}
            onValue={setTimedDelay}
          />
          <SecondsField
            label="Record for (s)"
            value={timedDuration}
            limits={TIMED_LIMITS.duration}
            disabled={busy}
            onValue={setTimedDuration}
          />
        </div>
      </details>
    </div>
  );
}
