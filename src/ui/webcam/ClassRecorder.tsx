import { useEffect, useId, useRef, type RefObject } from 'react';
import { useProject } from '../../state/project';
import { BURST_MS, CAPTURE_RATE, useWebcam } from '../../state/webcam';
import { CameraView } from './CameraView';
import { useClassRecorder } from './class-recorder';
import { RecentFrames } from './RecentFrames';
import { useCaptureLines, useHoldButton } from './RecordControls';
import { TimedRecord } from './TimedRecord';

/** The recorder's line while the camera is not on: starting (the browser's prompt), stopped, or refused. */
function CameraWait({ startRef }: { startRef: RefObject<HTMLButtonElement | null> }) {
  const status = useWebcam((s) => s.status);
  const error = useWebcam((s) => s.error);
  const startCamera = useClassRecorder((s) => s.startCamera);
  return (
    <div className="recorder-wait">
      {/* there before its words (a region appearing with its text is often not read) */}
      <p role="status">
        {status === 'starting'
          ? 'Starting the camera: answer the browser’s camera prompt (near the address bar).'
          : status === 'off'
            ? 'The camera is off.'
            : ''}
      </p>
      {status === 'error' && error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {(status === 'off' || status === 'error') && (
        <button ref={startRef} type="button" className="primary" onClick={startCamera}>
          {status === 'off' ? 'Start camera' : 'Try again'}
        </button>
      )}
    </div>
  );
}

/**
 * Teachable Machine's Webcam in a class card: the camera's picture and Hold to record, into this class
 * only, until Done (or Escape) hands the camera back and the focus to the button that opened it.
 */
export function ClassRecorder({
  id,
  classId,
  name,
  opener,
}: {
  id?: string;
  classId: string;
  name: string;
  opener: RefObject<HTMLButtonElement | null>;
}) {
  const on = useWebcam((s) => s.status === 'on');
  const paused = useWebcam((s) => s.paused);
  const count = useProject((s) => s.classes.find((c) => c.id === classId)?.images.length ?? 0);
  const group = useRef<HTMLDivElement>(null);
  const hold = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  const hintId = useId();
  const canRecord = on && !paused;
  const holdButton = useHoldButton(name, canRecord, hintId, hold);
  // the header names the class: the count line under Hold to record need not (it wrapped on a phone)
  const lines = useCaptureLines({ name, count }, true);

  const close = () => {
    // first, so nothing sees the focus fall to the page as the recorder goes (WebcamPanel would take it)
    opener.current?.focus({ preventScroll: true });
    useClassRecorder.getState().close();
  };

  useEffect(() => {
    const el = group.current;
    if (!el) return;
    const active = document.activeElement;
    if (!opened.current) {
      // opened: the focus comes in, on Hold to record once the camera runs (the recorder until then)
      opened.current = true;
      (on ? hold.current : el)?.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'nearest' });
    } else if (on && active === el) {
      hold.current?.focus({ preventScroll: true });
    } else if (!on && (!active || active === document.body)) {
      // the camera stopped under a disabled Hold to record: the focus stays here, on Start camera
      (start.current ?? el).focus({ preventScroll: true });
    }
  }, [on]);

  return (
    <div
      ref={group}
      id={id}
      className="class-recorder"
      role="group"
      aria-label={`Camera recorder for ${name}`}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        close();
      }}
    >
      {/* Done first, at the top: on a phone the controls under the picture go past the screen's foot */}
      <div className="recorder-head">
        {/* the group's name says it to a screen reader */}
        <span aria-hidden="true">
          Camera → <strong>{name}</strong>
        </span>
        <button type="button" className="recorder-done" aria-label={`Done recording into ${name}`} onClick={close}>
          Done
        </button>
      </div>
      <div className="recorder-view">{on ? <CameraView /> : <CameraWait startRef={start} />}</div>
      <div className="recorder-side">
        <div className="row">{holdButton}</div>
        <div className="row">{lines}</div>
        {/* what it took, here: on a phone the card's own thumbnails are under the recorder, off the screen */}
        <RecentFrames classId={classId} />
        <p id={hintId} className="hint">
          {paused
            ? 'Paused in the Deploy step: press Resume there to record.'
            : `Hold it (or Space / Enter): ${CAPTURE_RATE} frames a second go into ${name}. A click records ${BURST_MS / 1000} second.`}
        </p>
        <TimedRecord target={name} canRecord={canRecord} hintId={hintId} />
      </div>
    </div>
  );
}
