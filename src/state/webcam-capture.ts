// Why: recording frames (a hold, a burst, a timed recording) is apart from starting the camera (state/webcam.ts).
import type { StoreApi } from 'zustand';
import { CaptureScheduler } from '../core/live/capture';
import { frameName } from '../core/data/frame-name';
import { MAX_PROJECT_IMAGES } from '../core/project/project-limits';
import type { WebcamState } from './webcam-types';
import { frameReady, frameStamp, grabJpeg, timeStamp } from './webcam-frames';

/** Frames recorded per second while the capture button is held. */
export const CAPTURE_RATE = 10;
/**
 * How long a click records when nothing can be held: a screen reader's browse mode, VoiceOver and
 * voice control send a bare click, with no press before it to hold.
 */
export const BURST_MS = 1000;

type Store = Pick<StoreApi<WebcamState>, 'getState' | 'setState'>;

/** What capture reads and changes of the webcam store and the project (state/webcam.ts hands it over). */
export interface CaptureContext {
  store: Store;
  /** the <video> showing the stream (CameraView registers it) */
  video(): HTMLVideoElement | null;
  project(): {
    hasClass(classId: string): boolean;
    /** false: the project took none (it is full) */
    addImage(classId: string, file: File): boolean;
  };
}

/** Follows the tab's visibility while the camera runs (returns: stop following). */
export function watchVisibility(store: Store): () => void {
  if (typeof document === 'undefined' || !document.addEventListener) return () => {};
  const onChange = () => {
    const hidden = document.hidden;
    const s = store.getState();
    // a hold cannot go on out of sight (its release may never come), nor a timed recording (the
    // maker cannot see it count down or record); coming back does not restart either
    if (hidden && (s.recording || s.timed)) {
      s.stopRecording();
      store.setState({ recordNote: hiddenNote(s.timed) });
    }
    if (hidden !== s.hidden) store.setState({ hidden });
  };
  document.addEventListener('visibilitychange', onChange);
  onChange();
  return () => document.removeEventListener('visibilitychange', onChange);
}

function hiddenNote(timed: WebcamState['timed']): string {
  if (!timed) return 'Recording stopped when the tab was hidden. Hold the button again to record more.';
  if (timed.phase === 'countdown')
    return 'The timed recording was cancelled when the tab was hidden: nothing was recorded. Start it again to record.';
  return 'Recording stopped when the tab was hidden. Start the timed recording again to record more.';
}

type Capture = 'startRecording' | 'stopRecording' | 'resetCapture' | 'recordBurst' | 'startTimed' | 'stopTimed';

/** The webcam store's recording: its timer, scheduler and frame names live here, outside React. */
export function captureSlice({ store, video: videoEl, project }: CaptureContext): Pick<WebcamState, Capture> {
  const { getState: get, setState: set } = store;
  let captureTimer: ReturnType<typeof setInterval> | null = null;
  const scheduler = new CaptureScheduler(CAPTURE_RATE);
  let frameNumber = 0;
  /** names a hold's frames apart from other holds' and other visits' (the counter starts again each visit) */
  let holdStamp = '';
  /** counts holds: a frame still being encoded when its hold ends counts toward that hold, not the next */
  let hold = 0;

  /**
   * Takes the frame on show into the class (the picture is drawn now; the JPEG comes later, after the
   * release for a hold's last frames): `saving` counts it until then, so its count is said once, whole.
   */
  function grabFrame(video: HTMLVideoElement, classId: string, onAdded: () => void, onFull: () => void): void {
    set((s) => ({ saving: s.saving + 1 }));
    grabJpeg(video, frameName(holdStamp, ++frameNumber), (file) => {
      const ctx = file && project();
      // the class gets the frame before `saving` drops: the image counts are final when it reaches 0
      if (ctx && ctx.hasClass(classId)) {
        if (ctx.addImage(classId, file)) onAdded();
        else onFull();
      }
      set((s) => ({ saving: Math.max(0, s.saving - 1) }));
    });
  }

  /**
   * Records into the chosen class from `startsAt` (a timed recording's countdown ends; a hold and a burst
   * start at once) until `endsAt` (Infinity: until stopRecording), both performance.now. One interval
   * runs it all and checks the times on each turn, so it starts and stops by itself: a 1-s stop timer
   * fired late on a busy page and a burst took a 12th frame. Nothing starts while anything records.
   */
  function record(endsAt: number, startsAt?: number): void {
    const { status, paused, captureClassId, recording, timed, hidden } = get();
    if (recording || timed || status !== 'on' || paused || hidden) return;
    if (!project().hasClass(captureClassId)) return;
    set({ recorded: 0, recordedInto: captureClassId, recordNote: null });
    const mine = ++hold;
    const onAdded = () => mine === hold && set((s) => ({ recorded: s.recorded + 1 }));
    const onFull = () => {
      if (mine !== hold) return;
      get().stopRecording();
      set({
        recordNote: `The project is full (${MAX_PROJECT_IMAGES} images): no more frames fit. Delete images you do not need to record more.`,
      });
    };
    /** the seconds shown: the store changes when the phase or the whole seconds left do, not each turn */
    const show = (phase: 'countdown' | 'recording', until: number, now: number) => {
      const secondsLeft = Math.max(1, Math.ceil((until - now) / 1000));
      const t = get().timed;
      if (t?.phase !== phase || t.secondsLeft !== secondsLeft) set({ timed: { phase, endsAt: until, secondsLeft } });
    };
    let started = false;
    // each hold takes the frame on show at once, even one an earlier hold saved (a press records one)
    let last: number | null = null;
    const take = () => {
      const now = performance.now();
      if (now >= endsAt) return get().stopRecording();
      if (!started && now >= (startsAt ?? now)) {
        started = true;
        holdStamp = timeStamp(new Date());
        scheduler.start(now);
        set({ recording: true });
      }
      if (startsAt !== undefined) show(started ? 'recording' : 'countdown', started ? endsAt : startsAt, now);
      const video = videoEl();
      // a muted camera's recording takes frames once pictures come back (the panel says it is muted)
      if (!started || !frameReady(video) || get().muted) return;
      const frame = frameStamp(video);
      if (frame !== null && frame === last) return;
      if (!scheduler.due(now)) return;
      last = frame;
      grabFrame(video, captureClassId, onAdded, onFull);
    };
    // the first frame now: a tap's release can come before any timer runs
    take();
    captureTimer = setInterval(take, 10);
  }

  return {
    startRecording: () => record(Infinity),
    stopRecording() {
      scheduler.stop();
      if (captureTimer) clearInterval(captureTimer);
      captureTimer = null;
      if (get().recording || get().timed) set({ recording: false, timed: null });
    },
    resetCapture() {
      get().stopRecording();
      // frames of the hold still being encoded join their class, but the counts that went are not theirs
      hold++;
      set({ recordNote: null, recorded: 0, recordedInto: '' });
    },
    recordBurst: () => record(performance.now() + BURST_MS),
    startTimed() {
      const startsAt = performance.now() + get().timedDelay * 1000;
      record(startsAt + get().timedDuration * 1000, startsAt);
    },
    stopTimed() {
      if (get().timed) get().stopRecording();
    },
  };
}
