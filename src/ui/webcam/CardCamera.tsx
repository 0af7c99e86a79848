import { lazy, Suspense, useId, useRef } from 'react';
import { useClassRecorder } from './class-recorder';

/**
 * The recorder's code comes with its first opening: it brings the camera view, and with it the
 * backbone and training stores, which a class card does not otherwise need.
 */
const ClassRecorder = lazy(() =>
  import('./ClassRecorder').then(
    (m) => ({ default: m.ClassRecorder }),
    () => ({ default: RecorderUnavailable }),
  ),
);

/** In place of a recorder whose code could not be fetched (offline before the app was installed, a new version since). */
function RecorderUnavailable() {
  return (
    <p className="error" role="alert">
      The camera recorder could not be loaded (its code did not arrive): reload the page to record.
    </p>
  );
}

const CameraIcon = () => (
  <svg className="icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path
      fill="currentColor"
      d="M4 7h3l2-2h6l2 2h3a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm8 3a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z"
    />
  </svg>
);

/** A class card's Record from camera, and the recorder it opens in the card (one on the page at a time). */
export function CardCamera({ classId, name }: { classId: string; name: string }) {
  const open = useClassRecorder((s) => s.classId === classId);
  const button = useRef<HTMLButtonElement>(null);
  const recorderId = useId();
  return (
    <>
      <div className="card-camera">
        <button
          ref={button}
          type="button"
          aria-label={`Record from camera into ${name}`}
          aria-expanded={open}
          aria-controls={open ? recorderId : undefined}
          onClick={() => {
            const recorder = useClassRecorder.getState();
            if (open) recorder.close();
            else recorder.open(classId);
          }}
        >
          <CameraIcon /> Record from camera
        </button>
      </div>
      {open && (
        <Suspense fallback={null}>
          <ClassRecorder id={recorderId} classId={classId} name={name} opener={button} />
        </Suspense>
      )}
    </>
  );
}
