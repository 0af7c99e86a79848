import { useEffect, useId } from 'react';
import { useProject } from '../../state/project';
import { BURST_MS, CAPTURE_RATE, useWebcam } from '../../state/webcam';
import { holdAdvice } from './hold-advice';
import { RecentFrames } from './RecentFrames';
import { useCaptureLines, useHoldButton } from './RecordControls';
import { TimedRecord } from './TimedRecord';

export { captureSaid, countLine } from './RecordControls';

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
            : // short, and pointing at the class cards: each records into its class right there, as in Teachable Machine
              `Hold the button with the mouse or touch, or hold Space or Enter: ${CAPTURE_RATE} frames a second. A click with nothing held (a screen reader, voice control) records ${BURST_MS / 1000} second; Start timed recording records hands-free. Each class card in the Data step records too: Record from camera.`}
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
  const { status, paused, captureClassId, recording, timed, setCaptureClass, stopRecording } = useWebcam();
  const selectId = useId();
  const hintId = CAPTURE_HINT_ID;

  // keep the choice valid: default to the first class, follow deletions
  useEffect(() => {
    if (!classes.some((c) => c.id === captureClassId)) {
      if (recording || timed) stopRecording();
      setCaptureClass(classes[0]?.id ?? '');
    }
  }, [classes, captureClassId, recording, timed, setCaptureClass, stopRecording]);

  const target = classes.find((c) => c.id === captureClassId);
  const canRecord = status === 'on' && !paused && !!target;
  const busy = recording || !!timed;
  const hold = useHoldButton(target?.name, canRecord, hintId);
  const lines = useCaptureLines(target && { name: target.name, count: target.images.length });

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
        {hold}
        {lines}
      </div>
      <RecentFrames />
      <TimedRecord target={target ? target.name : null} canRecord={canRecord} hintId={hintId} />
    </div>
  );
}
