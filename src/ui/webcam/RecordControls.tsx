import { Fragment, useRef, type KeyboardEvent, type ReactElement, type Ref } from 'react';
import { useProject } from '../../state/project';
import { MUTED_NOTE, useWebcam, type WebcamState } from '../../state/webcam';
import { isBareClick } from './bare-click';

/**
 * The record button and the lines under it, shared by the Deploy step's capture panel and a class
 * card's recorder (ClassRecorder): one behaviour for a hold, a key held and a bare click.
 */

const HOLD_KEYS = new Set([' ', 'Enter']);

const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;
const frames = (n: number) => `${n} frame${n === 1 ? '' : 's'} recorded`;

/**
 * The line under the record button: the last recording's frames, and the chosen class's images. The
 * class is named once where the frames went into it (naming it twice wrapped onto two lines on a phone).
 * `headed`: a class card's recorder, whose header already names the class ("Camera → Class 1"); its
 * narrower column wrapped "… · Class 1 has 22 images" onto two lines on a phone.
 */
export function countLine(
  recorded: number,
  into: string | undefined,
  target?: { name: string; count: number },
  { headed = false } = {},
): string {
  const took = `${frames(recorded)}${into && into !== target?.name ? ` into ${into}` : ''}`;
  if (!target) return took;
  const images = `${target.count} image${target.count === 1 ? '' : 's'}`;
  return `${took} · ${headed ? images : `${target.name} has ${images}`}`;
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

/**
 * Hold to record: held with the pointer, or with Space / Enter while it has focus, it records; a click
 * with nothing held (screen readers, voice control) records a short burst. A hook that gives the
 * elements, so they are the panel's own (its tests read the panel's output, not its components').
 */
export function useHoldButton(
  target: string | undefined,
  canRecord: boolean,
  hintId: string,
  buttonRef?: Ref<HTMLButtonElement>,
): ReactElement {
  const { recording, timed, startRecording, stopRecording, recordBurst } = useWebcam();
  /** when a pointer or key last pressed the button: the click that follows is that press's */
  const pressedAt = useRef(-Infinity);
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
    <>
      <button
        ref={buttonRef}
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
        Hold to record{target !== undefined ? ` into ${target}` : ''}
      </button>
      {/* a timed recording's is its red Stop button and the sign over the picture */}
      {recording && !timed && (
        <span className="rec-dot" aria-hidden="true">
          ● REC
        </span>
      )}
    </>
  );
}

/** The recording's count, what is said once it ends, and why it stopped (the project full, the camera muted): as useHoldButton. */
export function useCaptureLines(target?: { name: string; count: number }, headed = false): ReactElement {
  const webcam = useWebcam();
  const { recorded, recordedInto, recordNote, muted } = webcam;
  const into = useProject((s) => s.classes.find((c) => c.id === recordedInto)?.name);
  return (
    <>
      {/* not a live region: it changes 10 times a second while recording; the total is said once it stops */}
      <output className="capture-count" data-testid="capture-count" aria-label="Frames recorded" aria-live="off">
        {/* parts, so a class card's narrow recorder can wrap the line at a "·" rather than inside one (webcam.css) */}
        {countLine(recorded, into, target, { headed })
          .split(' · ')
          .map((part, i) => (
            <Fragment key={i}>
              {i > 0 && ' · '}
              <span className="capture-count-part">{part}</span>
            </Fragment>
          ))}
      </output>
      <span className="visually-hidden" role="status">
        {captureSaid(webcam, into)}
      </span>
      {/* there before their messages (a region appearing with its text is often not read); apart, so
          the camera muting or coming back does not say the last hold's note again */}
      <span className="error capture-note" role="alert" data-testid="capture-note">
        {recordNote ?? ''}
      </span>
      <span className="error capture-note" role="alert" data-testid="camera-muted-note">
        {muted ? MUTED_NOTE : ''}
      </span>
    </>
  );
}
