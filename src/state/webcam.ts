import { create } from 'zustand';
import { CaptureScheduler } from '../core/live/capture';
import { defaultThreshold } from '../core/live/decision';
import { cameraError } from '../core/live/camera-error';
import { facingOf } from '../core/live/facing';
import { frameName } from '../core/data/frame-name';
import { LIVE_DEFAULTS } from '../core/project/record';
import { readLocal, writeLocal } from '../core/storage/local';
import { MAX_PROJECT_IMAGES } from '../core/project/project-limits';
import type { ModelInfo } from './model-in-use';
import { storeContext } from './store-context';
import type { WebcamState } from './webcam-types';
import { frameReady, frameStamp, grabJpeg, timeStamp } from './webcam-frames';
import { classifyLive } from './webcam-live';
import { keepMirror, mirrorFor } from './webcam-mirror';

export { liveOf } from './webcam-frames';

/** Frames recorded per second while the capture button is held. */
export const CAPTURE_RATE = 10;
/**
 * How long a click records when nothing can be held: a screen reader's browse mode, VoiceOver and
 * voice control send a bare click, with no press before it to hold.
 */
export const BURST_MS = 1000;
/** A timed recording's countdown and length, in whole seconds (Teachable Machine's Delay and Duration). */
export const TIMED_LIMITS = {
  delay: { min: 0, max: 10, initial: 3 },
  duration: { min: 1, max: 60, initial: 5 },
} as const;
type TimedSetting = keyof typeof TIMED_LIMITS;

/** A setting within its limits; NaN (an empty field) and anything not a number: null. */
function timedValue(which: TimedSetting, value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const { min, max } = TIMED_LIMITS[which];
  return Math.min(max, Math.max(min, Math.round(value)));
}
/** The settings chosen on this device's last visit (one stored out of range is brought within it). */
function rememberedTimed(): Pick<WebcamState, 'timedDelay' | 'timedDuration'> {
  const kept = readLocal('timedCapture') as Partial<Record<TimedSetting, unknown>> | null;
  return {
    timedDelay: timedValue('delay', kept?.delay) ?? TIMED_LIMITS.delay.initial,
    timedDuration: timedValue('duration', kept?.duration) ?? TIMED_LIMITS.duration.initial,
  };
}

/** What the webcam needs of the other stores (wired by state/coordinator.ts). */
export interface WebcamContext {
  /** the model in use (its input size and crop decide how frames are grabbed) */
  model(): ModelInfo | null;
  hasClass(classId: string): boolean;
  /** a captured frame joins the class as an ordinary image; false: the project took none (it is full) */
  addImage(classId: string, file: File): boolean;
}

export const webcamContext = storeContext<WebcamContext>('webcam');

export type { CameraDevice, CameraStatus, LiveResult, WebcamState } from './webcam-types';

// The one <video> showing the stream (CameraView registers it): capture and live classification read it.
let videoEl: HTMLVideoElement | null = null;
export function setVideoElement(el: HTMLVideoElement | null): void {
  videoEl = el;
}

// capture state outside React: the timer, the scheduler, a name counter
let captureTimer: ReturnType<typeof setInterval> | null = null;
const scheduler = new CaptureScheduler(CAPTURE_RATE);
let frameNumber = 0;
/** names a hold's frames apart from other holds' and other visits' (the counter starts again each visit) */
let holdStamp = '';
/** counts start() and stop() calls: a camera answer that arrives after a later one is not wanted */
let starts = 0;
/** counts holds: a frame still being encoded when its hold ends counts toward that hold, not the next */
let hold = 0;

/**
 * Said while the camera's track is muted: the operating system or another application took the
 * camera, or a laptop's lid closed. The video keeps showing the last picture, which is no new frame.
 */
export const MUTED_NOTE =
  'The camera stopped sending pictures (another application may be using it, or the laptop lid is closed). Nothing is recorded or classified until it sends them again.';

/** The running camera sends no pictures (its track is muted). */
const cameraMuted = () => useWebcam.getState().muted;

/** Follows the tab's visibility while the camera runs (returns: stop following). */
function watchVisibility(): () => void {
  if (typeof document === 'undefined' || !document.addEventListener) return () => {};
  const onChange = () => {
    const hidden = document.hidden;
    const s = useWebcam.getState();
    // a hold cannot go on out of sight (its release may never come), nor a timed recording (the
    // maker cannot see it count down or record); coming back does not restart either
    if (hidden && (s.recording || s.timed)) {
      s.stopRecording();
      useWebcam.setState({ recordNote: hiddenNote(s.timed) });
    }
    if (hidden !== s.hidden) useWebcam.setState({ hidden });
  };
  document.addEventListener('visibilitychange', onChange);
  onChange();
  return () => document.removeEventListener('visibilitychange', onChange);
}
let unwatchVisibility = () => {};

function hiddenNote(timed: WebcamState['timed']): string {
  if (!timed) return 'Recording stopped when the tab was hidden. Hold the button again to record more.';
  if (timed.phase === 'countdown')
    return 'The timed recording was cancelled when the tab was hidden: nothing was recorded. Start it again to record.';
  return 'Recording stopped when the tab was hidden. Start the timed recording again to record more.';
}

/** Takes the frame on show into the class (the picture is drawn now; the JPEG comes later). */
function grabFrame(video: HTMLVideoElement, classId: string, onAdded: () => void, onFull: () => void): void {
  grabJpeg(video, frameName(holdStamp, ++frameNumber), (file) => {
    const ctx = webcamContext.get();
    if (!ctx.hasClass(classId)) return;
    if (ctx.addImage(classId, file)) onAdded();
    else onFull();
  });
}

/**
 * Records into the chosen class from `startsAt` (a timed recording's countdown ends; a hold and a burst
 * start at once) until `endsAt` (Infinity: until stopRecording), both performance.now. One interval
 * runs it all and checks the times on each turn, so it starts and stops by itself: a 1-s stop timer
 * fired late on a busy page and a burst took a 12th frame. Nothing starts while anything records.
 */
function record(endsAt: number, startsAt?: number): void {
  const { status, paused, captureClassId, recording, timed, hidden } = useWebcam.getState();
  if (recording || timed || status !== 'on' || paused || hidden) return;
  if (!webcamContext.get().hasClass(captureClassId)) return;
  const set = useWebcam.setState;
  set({ recorded: 0, recordedInto: captureClassId, recordNote: null });
  const mine = ++hold;
  const onAdded = () => mine === hold && set((s) => ({ recorded: s.recorded + 1 }));
  const onFull = () => {
    if (mine !== hold) return;
    useWebcam.getState().stopRecording();
    set({
      recordNote: `The project is full (${MAX_PROJECT_IMAGES} images): no more frames fit. Delete images you do not need to record more.`,
    });
  };
  /** the seconds shown: the store changes when the phase or the whole seconds left do, not each turn */
  const show = (phase: 'countdown' | 'recording', until: number, now: number) => {
    const secondsLeft = Math.max(1, Math.ceil((until - now) / 1000));
    const t = useWebcam.getState().timed;
    if (t?.phase !== phase || t.secondsLeft !== secondsLeft) set({ timed: { phase, endsAt: until, secondsLeft } });
  };
  let started = false;
  // each hold takes the frame on show at once, even one an earlier hold saved (a press records one)
  let last: number | null = null;
  const take = () => {
    const now = performance.now();
    if (now >= endsAt) return useWebcam.getState().stopRecording();
    if (!started && now >= (startsAt ?? now)) {
      started = true;
      holdStamp = timeStamp(new Date());
      scheduler.start(now);
      set({ recording: true });
    }
    if (startsAt !== undefined) show(started ? 'recording' : 'countdown', started ? endsAt : startsAt, now);
    const video = videoEl;
    // a muted camera's recording takes frames once pictures come back (the panel says it is muted)
    if (!started || !frameReady(video) || cameraMuted()) return;
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

/** How Try it and the camera decide until the project says otherwise (a project keeps its own: core/project/record.ts). */
export { LIVE_DEFAULTS };

export const useWebcam = create<WebcamState>((set, get) => ({
  status: 'off',
  error: null,
  devices: [],
  // an external or back camera chosen on an earlier visit starts again (a device's, not a project's)
  deviceId: typeof readLocal('camera') === 'string' ? (readLocal('camera') as string) : '',
  chosen: typeof readLocal('camera') === 'string' ? (readLocal('camera') as string) : '',
  stream: null,
  resolution: null,
  // the running camera's facing decides it (state/webcam-mirror.ts); before one runs, a front one's
  mirror: mirrorFor(null),
  facing: null,
  paused: false,
  // the class frames went into last visit (a class id: another project's does not match, and the
  // first class is taken)
  captureClassId: typeof readLocal('captureClass') === 'string' ? (readLocal('captureClass') as string) : '',
  recording: false,
  recorded: 0,
  recordedInto: '',
  recordNote: null,
  timed: null,
  ...rememberedTimed(),
  hidden: false,
  muted: false,
  ...LIVE_DEFAULTS,
  threshold: defaultThreshold(null),
  thresholdChosen: false,
  classCount: null,
  live: null,
  liveError: null,
  liveModel: null,

  async start(deviceId) {
    const wanted = deviceId ?? get().chosen;
    get().stop();
    // a camera chosen while another is still starting wins: the earlier answer is stopped on arrival
    const attempt = ++starts;
    set({ status: 'starting', error: null, deviceId: wanted, chosen: wanted, paused: false });
    if (!navigator.mediaDevices?.getUserMedia) {
      set({
        status: 'error',
        error: {
          kind: 'unsupported',
          message:
            'This browser gives this page no camera access (cameras need a secure https:// or localhost page). You can still add images from files.',
        },
      });
      return;
    }
    try {
      const video: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 480 } };
      if (wanted) video.deviceId = { exact: wanted };
      const stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
      if (attempt !== starts) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      const track = stream.getVideoTracks()[0];
      const settings = track?.getSettings();
      const facing = facingOf(track?.label ?? '', settings);
      set({
        status: 'on',
        stream,
        error: null,
        deviceId: settings?.deviceId ?? wanted,
        facing,
        mirror: mirrorFor(facing),
        muted: !!track?.muted,
      });
      unwatchVisibility = watchVisibility();
      // a camera asked for by its id is remembered for the next visit; the default one forgets it
      writeLocal('camera', wanted ? (settings?.deviceId ?? wanted) : null);
      // the store changes on each mute and unmute: the live loop waits on it (runLiveClassification)
      const onMute = () => {
        if (get().stream === stream) set({ muted: !!track?.muted });
      };
      track?.addEventListener('mute', onMute);
      track?.addEventListener('unmute', onMute);
      track?.addEventListener('ended', () => {
        if (get().stream === stream) {
          get().stop();
          set({
            status: 'error',
            error: {
              kind: 'busy',
              message:
                'The camera stopped (it was unplugged or taken by another application). Press Retry to start it again.',
            },
          });
        }
      });
      await get().refreshDevices();
    } catch (err) {
      if (attempt !== starts) return;
      // the remembered camera is gone (unplugged, or the id is stale), or the one picked earlier
      // (Retry, Start again): the default one now. A camera picked by hand this time that is gone
      // is said, not swapped.
      const remembered = wanted === readLocal('camera');
      if (wanted && (remembered || deviceId === undefined) && cameraError(err).kind === 'notfound') {
        if (remembered) writeLocal('camera', null);
        return get().start('');
      }
      set({ status: 'error', error: cameraError(err), stream: null });
      void get().refreshDevices();
    }
  },

  stop() {
    starts++;
    // a note and counts of the last recording are not about the next camera's
    get().resetCapture();
    unwatchVisibility();
    unwatchVisibility = () => {};
    get()
      .stream?.getTracks()
      .forEach((t) => t.stop());
    set({
      stream: null,
      status: 'off',
      resolution: null,
      live: null,
      liveError: null,
      liveModel: null,
      hidden: false,
      muted: false,
      recordNote: null,
    });
  },

  async refreshDevices() {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    try {
      const all = await navigator.mediaDevices.enumerateDevices();
      const activeSettings = get().stream?.getVideoTracks()[0]?.getSettings();
      const devices = all
        .filter((d) => d.kind === 'videoinput')
        .map((d, i) => {
          const label = d.label || `Camera ${i + 1}`;
          const settings = activeSettings?.deviceId === d.deviceId ? activeSettings : undefined;
          return { deviceId: d.deviceId, label, facing: facingOf(label, settings) };
        });
      set({ devices });
    } catch {
      set({ devices: [] });
    }
  },

  setResolution: (resolution) => set({ resolution }),
  setMirror(mirror) {
    keepMirror(get().facing, mirror);
    set({ mirror });
  },
  setPaused(paused) {
    if (paused) get().stopRecording();
    set({ paused });
  },
  setCaptureClass(captureClassId) {
    // "no class" (an empty project, still restoring) is not a choice: the last one stays remembered
    if (captureClassId) writeLocal('captureClass', captureClassId);
    set({ captureClassId });
  },
  setSmoothing: (smoothing) => set({ smoothing }),
  setThreshold: (threshold) => set({ threshold, thresholdChosen: true }),
  resetThreshold: () => set({ threshold: defaultThreshold(get().classCount), thresholdChosen: false }),
  followClassCount(classCount) {
    if (classCount === get().classCount) return;
    set(get().thresholdChosen ? { classCount } : { classCount, threshold: defaultThreshold(classCount) });
  },
  setTopK: (topK) => set({ topK }),
  setLiveChoices({ threshold, smoothing, topK }) {
    // LIVE_DEFAULTS' threshold (a new project, one saved before any was chosen, an old one's 50%
    // default, which could never say "unknown" on two classes) is no choice: the model's class count decides
    const thresholdChosen = threshold !== LIVE_DEFAULTS.threshold;
    set({
      threshold: thresholdChosen ? threshold : defaultThreshold(get().classCount),
      thresholdChosen,
      smoothing,
      topK,
    });
  },
  liveChoices() {
    const { threshold, thresholdChosen, smoothing, topK } = get();
    return { threshold: thresholdChosen ? threshold : LIVE_DEFAULTS.threshold, smoothing, topK };
  },

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

  setTimedDelay(seconds) {
    const timedDelay = timedValue('delay', seconds);
    if (timedDelay === null) return;
    writeLocal('timedCapture', { delay: timedDelay, duration: get().timedDuration });
    set({ timedDelay });
  },
  setTimedDuration(seconds) {
    const timedDuration = timedValue('duration', seconds);
    if (timedDuration === null) return;
    writeLocal('timedCapture', { delay: get().timedDelay, duration: timedDuration });
    set({ timedDuration });
  },
  startTimed() {
    const startsAt = performance.now() + get().timedDelay * 1000;
    record(startsAt + get().timedDuration * 1000, startsAt);
  },
  stopTimed() {
    if (get().timed) get().stopRecording();
  },
}));

/** Live classification of the video on show until `signal` aborts (the loop: state/webcam-live.ts). */
export const runLiveClassification = (signal: AbortSignal): Promise<void> =>
  classifyLive({ store: useWebcam, video: () => videoEl, model: () => webcamContext.get().model() }, signal);
