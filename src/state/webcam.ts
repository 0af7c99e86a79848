import { create } from 'zustand';
import { cameraError } from '../core/live/camera-error';
import { facingOf } from '../core/live/facing';
import { LIVE_DEFAULTS } from '../core/project/record';
import { readLocal, writeLocal } from '../core/storage/local';
import type { ModelInfo } from './model-in-use';
import { storeContext } from './store-context';
import type { WebcamState } from './webcam-types';
import { captureSlice, watchVisibility } from './webcam-capture';
import { choicesSlice } from './webcam-choices';
import { classifyLive } from './webcam-live';
import { keepMirror, mirrorFor } from './webcam-mirror';
import { timedSlice } from './webcam-timed';

export { liveOf } from './webcam-frames';
export { BURST_MS, CAPTURE_RATE } from './webcam-capture';
export { TIMED_LIMITS } from './webcam-timed';

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

/** counts start() and stop() calls: a camera answer that arrives after a later one is not wanted */
let starts = 0;
let unwatchVisibility = () => {};

/**
 * Said while the camera's track is muted: the operating system or another application took the
 * camera, or a laptop's lid closed. The video keeps showing the last picture, which is no new frame.
 */
export const MUTED_NOTE =
  'The camera stopped sending pictures (another application may be using it, or the laptop lid is closed). Nothing is recorded or classified until it sends them again.';

/** How Try it and the camera decide until the project says otherwise (a project keeps its own: core/project/record.ts). */
export { LIVE_DEFAULTS };

export const useWebcam = create<WebcamState>((set, get, store) => ({
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
  saving: 0,
  recordNote: null,
  timed: null,
  ...timedSlice(store),
  hidden: false,
  muted: false,
  ...choicesSlice(store),
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
            'This browser gives this page no camera access (cameras need a secure https:// or localhost page). Without it, add images from files, and try the model on a photo in Try it.',
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
      unwatchVisibility = watchVisibility(store);
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
  ...captureSlice({ store, video: () => videoEl, project: () => webcamContext.get() }),
}));

/** Live classification of the video on show until `signal` aborts (the loop: state/webcam-live.ts). */
export const runLiveClassification = (signal: AbortSignal): Promise<void> =>
  classifyLive({ store: useWebcam, video: () => videoEl, model: () => webcamContext.get().model() }, signal);
