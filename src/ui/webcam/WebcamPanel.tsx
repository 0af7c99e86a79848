import { useEffect, useRef, useState, type RefObject } from 'react';
import { useModelInUse } from '../../state/model-in-use';
import { useProject } from '../../state/project';
import { useWebcam } from '../../state/webcam';
import { CameraPicker } from './CameraPicker';
import { CameraView } from './CameraView';
import { CaptureHint, CapturePanel } from './CapturePanel';
import { LivePrediction } from './LivePrediction';
import { PredictionSettings } from './PredictionSettings';
import { inertOutside } from './inert-outside';
import { useClassRecorder } from './class-recorder';
import { classCardId } from '../class-blockers';

/**
 * Full-screen demo of the live stage; a fixed full-window layout where the Fullscreen API is missing.
 * Both belong to one camera session (its stream): a camera stopped or lost in the full-window layout
 * left it set, and the next start opened straight into it.
 */
function useDemoMode(stage: RefObject<HTMLDivElement | null>, session: MediaStream | null) {
  const [demoFor, setDemoFor] = useState<MediaStream | null>(null);
  const [fallbackFor, setFallbackFor] = useState<MediaStream | null>(null);
  const demo = !!session && demoFor === session;
  const fallback = !!session && fallbackFor === session;
  useEffect(() => {
    const onChange = () => setDemoFor(document.fullscreenElement === stage.current && stage.current ? session : null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [stage, session]);
  // the demo is the page meanwhile: the keyboard stays on its controls
  useEffect(() => {
    const el = stage.current;
    return demo && el ? inertOutside(el) : undefined;
  }, [stage, demo]);
  useEffect(() => {
    if (!fallback) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && (setFallbackFor(null), setDemoFor(null));
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fallback]);
  const enter = async () => {
    const el = stage.current;
    if (!el) return;
    if (el.requestFullscreen && document.fullscreenEnabled !== false) {
      try {
        await el.requestFullscreen();
        return;
      } catch {
        // refused (no user gesture, iframe without allowfullscreen, ...): use the fallback
      }
    }
    setFallbackFor(session);
    setDemoFor(session);
  };
  const exit = async () => {
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
    setFallbackFor(null);
    setDemoFor(null);
  };
  return { demo, fallback, enter, exit };
}

/** The nearest ancestor that scrolls its own content once it overflows (the Deploy column on a wide screen), if any. */
function scrollingAncestor(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if (overflowY === 'auto' || overflowY === 'scroll') return p;
  }
  return null;
}

/**
 * How far to scroll so that the camera's row (its select and Stop camera, the element before the
 * stage) starts at `top`; unless the picture and Hold to record would then end under `bottom`: then
 * so that they end there, though no further than the picture's own top at `top` (an earlier scroll to
 * the row in every case put Hold to record under a laptop screen's edge).
 */
function startScroll(stage: HTMLElement, top: number, bottom: number): number {
  const row = stage.previousElementSibling ?? stage;
  const toRow = row.getBoundingClientRect().top - top;
  const end = Math.max(
    ...['.camera-frame', 'button.record'].map((s) => stage.querySelector(s)?.getBoundingClientRect().bottom ?? 0),
  );
  if (end - toRow <= bottom) return toRow;
  return Math.min(end - bottom, stage.getBoundingClientRect().top - top);
}

/**
 * A camera that stops by itself (unplugged, taken by another application) takes the live controls
 * and the record button off the page: a keyboard user's focus on one of them fell to the page's
 * body. It goes to Retry, or to Start camera, without scrolling. Returns the panel's focus handler,
 * which notes the control last focused.
 */
function useFocusKeptOnStop(on: boolean): (e: React.FocusEvent) => void {
  const last = useRef<Element | null>(null);
  useEffect(() => {
    const was = last.current;
    if (on || !was || was.isConnected) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const panel = document.querySelector('[data-camera-toggle]')?.closest('section');
    const next =
      panel?.querySelector<HTMLElement>('.camera-retry') ?? panel?.querySelector<HTMLElement>('[data-camera-toggle]');
    next?.focus({ preventScroll: true });
  }, [on]);
  return (e) => {
    last.current = e.target;
  };
}

/**
 * While a class card's recorder has the camera (ClassRecorder), the live stage steps aside: capture
 * reads one picture, and the live answer pauses (frames taken meanwhile are the class's, not the model's).
 */
function RecorderElsewhere({ classId }: { classId: string }) {
  const name = useProject((s) => s.classes.find((c) => c.id === classId)?.name ?? '');
  return (
    <p className="hint recorder-elsewhere" data-testid="recorder-elsewhere">
      The camera is recording into {name} in its class card; the live prediction pauses until you press Done there.{' '}
      <button
        type="button"
        onClick={() => {
          const recorder = document.getElementById(classCardId(classId))?.querySelector<HTMLElement>('.class-recorder');
          recorder?.scrollIntoView({ block: 'nearest' });
          recorder?.focus({ preventScroll: true });
        }}
      >
        Go to {name}
      </button>
    </p>
  );
}

export function WebcamPanel() {
  const { status, stream, resolution, stop } = useWebcam();
  const stage = useRef<HTMLDivElement>(null);
  const on = status === 'on';
  const { demo, fallback, enter, exit } = useDemoMode(stage, stream);
  const sized = on && resolution !== null;
  const focused = useFocusKeptOnStop(on);
  // a model in use, whether or not its answer is held (a run, a load): the layout stays put meanwhile
  const answers = useModelInUse((s) => !!s.model);
  // kept open or folded over a camera's stop and start (the stage goes with the camera)
  const [settingsOpen, setSettingsOpen] = useState(false);
  const recorderFor = useClassRecorder((s) => s.classId);

  // release the camera when the panel goes away
  useEffect(() => () => stop(), [stop]);
  // a camera just started shows its image: on a wide screen the live view sat below the fold of the
  // Deploy column (Try it and the controls above it), so the column brings it up, the record button
  // and the prediction under it (once the video has its size). Where the page itself scrolls (a
  // phone), the page does: left where Start camera was, at the page's end, the picture and the
  // answer showed and Hold to record was under the screen's edge; a page already scrolled past
  // stays. Either way from the camera's row: brought to the picture's top, Stop camera was just
  // above the edge (startScroll).
  useEffect(() => {
    const el = stage.current;
    if (!el || !sized) return;
    const column = scrollingAncestor(el);
    if (column) {
      const box = column.getBoundingClientRect();
      // a little under the column's edge, so the row does not look cut off there; its end above the
      // undo toasts that cover it
      const cover = parseFloat(getComputedStyle(column).scrollPaddingBottom) || 0;
      if (column.scrollHeight > column.clientHeight)
        column.scrollTop += startScroll(el, box.top + 8, box.bottom - cover);
      return;
    }
    // the root's scroll padding: the sticky header's height and a little space under it
    const top = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    const by = startScroll(el, top, window.innerHeight);
    if (by > 1) window.scrollBy(0, by);
  }, [sized]);

  return (
    <section className="panel" aria-labelledby="webcam-title" onFocus={focused}>
      {/* the target of the links that lead to the camera: focusable by script, so the focus comes with them */}
      <h2 id="webcam-title" tabIndex={-1}>
        Webcam
      </h2>
      {/* once the camera runs, the picture and its controls say what the panel is for: the four lines it
          took on a phone put Hold to record under the answer off the first screen */}
      <p className="hint">
        {on
          ? 'Frames stay on this device.'
          : 'See the model classify the camera image live. To record training images, use Record from camera on a class card (Data step). Frames stay on this device.'}
      </p>
      <CameraPicker />
      {/* only while there is a camera to record with: under "No camera found" it said one was recording */}
      {recorderFor !== null && (on || status === 'starting') && <RecorderElsewhere classId={recorderFor} />}
      {on && recorderFor === null && (
        // the picture, then what records into a class (Teachable Machine's core move: watch the picture
        // while holding the button), before and after training; once a model answers, its answer and
        // bars come first, right under the picture as Teachable Machine's are under its preview (below
        // the record controls they were off a laptop's screen). How to record and the settings follow,
        // folded. Two columns on a wide panel, one in a narrow one.
        <div
          ref={stage}
          className={`live-stage${demo ? ' demo' : ''}${fallback ? ' demo-fallback' : ''}`}
          data-testid="live-stage"
        >
          <CameraView showResolution />
          <div className="live-side">
            {/* in one place or the other, the capture panel stays mounted: a hold (and the focus on its
                button) goes on when training ends */}
            {answers && <LivePrediction />}
            <CapturePanel />
            {!answers && <LivePrediction />}
            <CaptureHint />
            <PredictionSettings
              open={settingsOpen}
              onToggle={setSettingsOpen}
              demo={demo}
              enterDemo={() => void enter()}
              exitDemo={() => void exit()}
            />
          </div>
        </div>
      )}
    </section>
  );
}
