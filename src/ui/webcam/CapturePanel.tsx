import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useProject } from '../../state/project';
import { BURST_MS, CAPTURE_RATE, MUTED_NOTE, TIMED_LIMITS, useWebcam, type WebcamState } from '../../state/webcam';
import { isBareClick } from './bare-click';
import { holdAdvice } from './hold-advice';
import { RecentFrames } from './RecentFrames';

const HOLD_KEYS = new Set([' ', 'Enter']);

const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;
const frames = (n: number) => `${n} frame${n === 1 ? '' : 's'} recorded`;

/**
 * The line under the record button: the last recording's frames, and the chosen class's images. The
 * class is named once where the frames went into it (naming it twice wrapped onto two lines on a phone).
 */
export function countLine(
  recorded: number,
  into: string | undefined,
  target?: { name: string; count: number },
): string {
  const took = `${frames(recorded)}${into && into !== target?.name ? ` into ${into}` : ''}`;
  return target ? `${took} · ${target.name} has ${target.count} image${target.count === 1 ? '' : 's'}` : took;
}

/**
 * What the panel's status says: a timed recording's countdown and start, then a recording's count
 * once, when its last frame has reached the class (the count said as the button was let go was short
 * of the frames still being saved, and each of them said it again).
 */
export function captureSaid(
  s: Pick<WebcamState, 'recording' | 'timed' | 'recorded' | 'saving' | 'timedDelay'>,
  into: string | undefined,
): string {
  if (s.timed?.phase === 'countdown') return `Recording into ${into ?? ''} in ${seconds(s.timedDelay)}`;
  if (s.timed) return 'Recording';
  if (s.recording || s.saving > 0 || s.recorded === 0) return '';
  return `${frames(s.recorded)}${into ? ` into ${into}` : ''}`;
}

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
function TimedRecord(props: { target: string | null; canRecord: boolean; hintId: string }) {
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

/** The record buttons' description (one capture panel on the page): what they do, or why they cannot record. */
export const CAPTURE_HINT_ID = 'capture-hint';

/**
 * What the record buttons do, or why they cannot record, and advice on the class. Apart from the
 * controls, under the live answer: seven lines of it kept the answer off a laptop's screen.
 */
export function CaptureHint() {
  const classes = useProject((s) => s.classes);
  const { status, paused, captureClassId, recording, timed } = useWebcam();
  const target = classes.find((c) => c.id === captureClassId);
  // not while a hold runs: its first frames would say it, and the hold itself is the answer
  const advice =
    target && !recording && !timed
      ? holdAdvice(
          target.name,
          target.images.map((i) => i.file.name),
        )
      : null;
  return (
    <p id={CAPTURE_HINT_ID} className="hint capture-hint">
      {status !== 'on'
        ? 'Start the camera to record frames.'
        : !classes.length
          ? 'Add a class (or press New class) to record frames into it.'
          : paused
            ? 'Paused: press Resume (in Prediction settings) to record.'
            : `Hold the button with the mouse or touch, or hold Space or Enter while it has focus: ${CAPTURE_RATE} frames per second become images of the class. A click with nothing held (a screen reader, voice control) records ${BURST_MS / 1000} second of frames. To record hands-free, press Start timed recording: it counts down, records and stops by itself (Change sets how long).`}
      {status === 'on' && advice && <span className="hold-advice"> {advice}</span>}
    </p>
  );
}

/**
 * Pick a class, then hold the button (or Space / Enter while it has focus) to record frames into it;
 * a click with nothing held (screen readers, voice control) records a short burst. Or record hands-free
 * after a countdown (TimedRecord).
 */
export function CapturePanel() {
  const classes = useProject((s) => s.classes);
  const addClass = useProject((s) => s.addClass);
  const webcam = useWebcam();
  const {
    status,
    paused,
    captureClassId,
    recording,
    recorded,
    recordedInto,
    recordNote,
    muted,
    timed,
    setCaptureClass,
    startRecording,
    stopRecording,
    recordBurst,
  } = webcam;
  const selectId = useId();
  const hintId = CAPTURE_HINT_ID;
  /** when a pointer or key last pressed the button: the click that follows is that press's */
  const pressedAt = useRef(-Infinity);

  // keep the choice valid: default to the first class, follow deletions
  useEffect(() => {
    if (!classes.some((c) => c.id === captureClassId)) {
      if (recording || timed) stopRecording();
      setCaptureClass(classes[0]?.id ?? '');
    }
  }, [classes, captureClassId, recording, timed, setCaptureClass, stopRecording]);

  const target = classes.find((c) => c.id === captureClassId);
  const into = classes.find((c) => c.id === recordedInto);
  const canRecord = status === 'on' && !paused && !!target;
  const busy = recording || !!timed;

  const onKeyDown = (e: KeyboardEvent) => {
    if (!HOLD_KEYS.has(e.key)) return;
    e.preventDefault();
    pressedAt.current = e.timeStamp;
    if (!e.repeat) startRecording();
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (!HOLD_KEYS.has(e.key)) return;
    e.preventDefault();
    pressedAt.current = e.timeStamp;
    stopRecording();
  };

  return (
    <div className="capture-panel" role="group" aria-label="Capture frames into a class">
      <div className="row">
        <label htmlFor={selectId}>Record into</label>
        <select
          id={selectId}
          value={captureClassId}
          onChange={(e) => setCaptureClass(e.target.value)}
          disabled={!classes.length || busy}
        >
          {!classes.length && <option value="">no classes yet</option>}
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name || '(unnamed class)'}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setCaptureClass(addClass())} disabled={busy}>
          New class
        </button>
        <button
          type="button"
          className={`record${recording && !timed ? ' recording' : ''}`}
          disabled={!canRecord || !!timed}
          aria-describedby={hintId}
          onPointerDown={(e) => {
            pressedAt.current = e.timeStamp;
            if (e.button !== 0) return;
            e.currentTarget.setPointerCapture?.(e.pointerId);
            startRecording();
          }}
          onPointerUp={stopRecording}
          onPointerCancel={stopRecording}
          onLostPointerCapture={stopRecording}
          onKeyDown={onKeyDown}
          onKeyUp={onKeyUp}
          onClick={(e) => {
            if (isBareClick(e.detail, e.timeStamp - pressedAt.current)) recordBurst();
          }}
          onBlur={stopRecording}
          onContextMenu={(e) => e.preventDefault()}
        >
          Hold to record{target ? ` into ${target.name}` : ''}
        </button>
        {/* a timed recording's is its red Stop button and the sign over the picture */}
        {recording && !timed && (
          <span className="rec-dot" aria-hidden="true">
            ● REC
          </span>
        )}
        {/* not a live region: it changes 10 times a second while recording; the total is said once it stops */}
        <output className="capture-count" data-testid="capture-count" aria-label="Frames recorded" aria-live="off">
          {countLine(recorded, into?.name, target && { name: target.name, count: target.images.length })}
        </output>
        <span className="visually-hidden" role="status">
          {captureSaid(webcam, into?.name)}
        </span>
        {/* there before their messages (a region appearing with its text is often not read); apart, so
            the camera muting or coming back does not say the last hold's note again */}
        <span className="error capture-note" role="alert" data-testid="capture-note">
          {recordNote ?? ''}
        </span>
        <span className="error capture-note" role="alert" data-testid="camera-muted-note">
          {muted ? MUTED_NOTE : ''}
        </span>
      </div>
      <RecentFrames />
      <TimedRecord target={target ? target.name : null} canRecord={canRecord} hintId={hintId} />
    </div>
  );
}
