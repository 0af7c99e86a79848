import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useProject } from '../../state/project';
import { BURST_MS, CAPTURE_RATE, MUTED_NOTE, useWebcam } from '../../state/webcam';
import { isBareClick } from './bare-click';
import { holdAdvice } from './hold-advice';

const HOLD_KEYS = new Set([' ', 'Enter']);

/**
 * Pick a class, then hold the button (or Space / Enter while it has focus) to record frames into it;
 * a click with nothing held (screen readers, voice control) records a short burst.
 */
export function CapturePanel() {
  const classes = useProject((s) => s.classes);
  const addClass = useProject((s) => s.addClass);
  const {
    status,
    paused,
    captureClassId,
    recording,
    recorded,
    recordedInto,
    recordNote,
    muted,
    setCaptureClass,
    startRecording,
    stopRecording,
    recordBurst,
  } = useWebcam();
  const selectId = useId();
  const hintId = useId();
  /** when a pointer or key last pressed the button: the click that follows is that press's */
  const pressedAt = useRef(-Infinity);

  // keep the choice valid: default to the first class, follow deletions
  useEffect(() => {
    if (!classes.some((c) => c.id === captureClassId)) {
      if (recording) stopRecording();
      setCaptureClass(classes[0]?.id ?? '');
    }
  }, [classes, captureClassId, recording, setCaptureClass, stopRecording]);

  const target = classes.find((c) => c.id === captureClassId);
  const into = classes.find((c) => c.id === recordedInto);
  const canRecord = status === 'on' && !paused && !!target;
  // not while a hold runs: its first frames would say it, and the hold itself is the answer
  const advice =
    target && !recording
      ? holdAdvice(
          target.name,
          target.images.map((i) => i.file.name),
        )
      : null;

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
          disabled={!classes.length || recording}
        >
          {!classes.length && <option value="">no classes yet</option>}
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name || '(unnamed class)'}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setCaptureClass(addClass())} disabled={recording}>
          New class
        </button>
        <button
          type="button"
          className={`record${recording ? ' recording' : ''}`}
          disabled={!canRecord}
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
        {recording && (
          <span className="rec-dot" aria-hidden="true">
            ● REC
          </span>
        )}
        {/* not a live region: it changes 10 times a second while recording; the total is said once it stops */}
        <output className="capture-count" data-testid="capture-count" aria-label="Frames recorded" aria-live="off">
          {recorded} frame{recorded === 1 ? '' : 's'} recorded{into ? ` into ${into.name}` : ''}
          {target ? ` · ${target.images.length} image${target.images.length === 1 ? '' : 's'} in ${target.name}` : ''}
        </output>
        <span className="visually-hidden" role="status">
          {!recording && recorded > 0
            ? `${recorded} frame${recorded === 1 ? '' : 's'} recorded${into ? ` into ${into.name}` : ''}`
            : ''}
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
      <p id={hintId} className="hint">
        {status !== 'on'
          ? 'Start the camera to record frames.'
          : !classes.length
            ? 'Add a class (or press New class) to record frames into it.'
            : paused
              ? 'Resume the camera to record.'
              : `Hold the button with the mouse or touch, or hold Space or Enter while it has focus: ${CAPTURE_RATE} frames per second become images of the class. A click with nothing held (a screen reader, voice control) records ${BURST_MS / 1000} second of frames.`}
        {status === 'on' && advice && <span className="hold-advice"> {advice}</span>}
      </p>
    </div>
  );
}
