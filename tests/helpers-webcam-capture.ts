import { afterEach, beforeEach } from 'vitest';
import { resetWorker } from './fake-worker';
import { connectStores } from '../src/state/coordinator';
import { useModelInUse } from '../src/state/model-in-use';
import { useProject, type ProjectClass } from '../src/state/project';
import { runLiveClassification, setVideoElement, useWebcam } from '../src/state/webcam';

// Import after `vi.mock('../src/worker/client', () => import('./fake-worker'))`: the stores it
// connects talk to the fake worker.

/** a busy machine can be slow to settle */
export const SLOW = { timeout: 30_000 };

const initialWebcam = useWebcam.getState();
const initialModel = useModelInUse.getState();
export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Encode = (done: (b: Blob | null) => void) => void;
/** a JPEG of a few bytes, a microtask after the frame is drawn */
const quickEncode: Encode = (done) => queueMicrotask(() => done(new Blob([new Uint8Array([1, 2, 3])])));
let encode = quickEncode;

/** a tab's document: its visibility, and the canvas frames are drawn on (encoded as the file asks) */
const doc = Object.assign(new EventTarget(), {
  hidden: false,
  createElement: () => ({
    width: 0,
    height: 0,
    getContext: () => ({ drawImage() {} }),
    toBlob: (done: (b: Blob | null) => void) => encode(done),
  }),
});
export function setHidden(hidden: boolean) {
  doc.hidden = hidden;
  doc.dispatchEvent(new Event('visibilitychange'));
}

/** a camera (as browsers' fake ones) whose every grab finds a new frame */
export const streaming = {
  readyState: 4,
  videoWidth: 64,
  videoHeight: 48,
  get currentTime() {
    return performance.now() / 1000;
  },
} as unknown as HTMLVideoElement;

/** what a camera's video track says of itself; by default an unnamed, unmuted camera 'cam' */
export interface FakeTrackVariant {
  label?: string;
  muted?: boolean;
  settings?: MediaTrackSettings;
}
/** a video track the test can mute and unmute (its events reach the store's listeners) */
export type FakeTrack = EventTarget & {
  muted: boolean;
  label: string;
  stop(): void;
  getSettings(): MediaTrackSettings;
};

let track: FakeTrack | undefined;
/** the track of the camera started last */
export function cameraTrack(): FakeTrack {
  if (!track) throw new Error('no camera was started');
  return track;
}
/** the camera started last stops (or starts again) sending pictures, as its track says */
export function setMuted(muted: boolean) {
  const t = cameraTrack();
  t.muted = muted;
  t.dispatchEvent(new Event(muted ? 'mute' : 'unmute'));
}

/** the browser's cameras: each start gets one track, made by `variant` from what it asked for */
function installCameras(variant: (video: MediaTrackConstraints) => FakeTrackVariant) {
  Object.defineProperty(globalThis.navigator, 'mediaDevices', {
    configurable: true,
    value: {
      enumerateDevices: async () => [],
      getUserMedia: async ({ video }: { video: MediaTrackConstraints }) => {
        const { label = '', muted = false, settings = { deviceId: 'cam' } } = variant(video);
        const made: FakeTrack = Object.assign(new EventTarget(), {
          muted,
          label,
          stop() {},
          getSettings: () => ({ ...settings }),
        });
        track = made;
        return { getTracks: () => [made], getVideoTracks: () => [made] };
      },
    },
  });
}

/** live loops a test started: a failed test's loop would run on into the next tests */
const loops: AbortController[] = [];
export const live = () => {
  const ctrl = new AbortController();
  loops.push(ctrl);
  return { ctrl, loop: runLiveClassification(ctrl.signal) };
};

export interface WebcamCaptureOptions {
  /** the project's classes at each test's start (made anew each time) */
  classes?: () => ProjectClass[];
  /** how the canvas encodes a frame's JPEG */
  toBlob?: Encode;
  /** the video frames are grabbed from; null: no frame is ever ready */
  video?: HTMLVideoElement | null;
  /** false: the camera is left off, for the test to start (and to pick its class) */
  start?: boolean;
  /** the track each camera start gets, from the constraints it asked with */
  track?: (video: MediaTrackConstraints) => FakeTrackVariant;
}

/**
 * Each test of the file: a fresh fake worker, the webcam and model-in-use stores at their first
 * state, a project of one empty class "three" (c3) unless `classes` says otherwise, the tab visible,
 * the stores connected, and the camera started (a streaming one) recording into c3 unless `start`
 * is false. After it, the live loops it started end and the camera stops.
 */
export function webcamCaptureEachTest(options: WebcamCaptureOptions = {}): void {
  const {
    classes = () => [{ id: 'c3', name: 'three', images: [] }],
    toBlob = quickEncode,
    video = streaming,
    start = true,
    track: variant = () => ({}),
  } = options;
  let disconnect: () => void;
  if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: {} });
  const originalDevices = Object.getOwnPropertyDescriptor(globalThis.navigator, 'mediaDevices');

  beforeEach(async () => {
    resetWorker();
    useWebcam.setState(initialWebcam, true);
    useModelInUse.setState(initialModel, true);
    useProject.setState({ classes: classes(), notice: null, adding: null });
    Object.assign(globalThis, { createImageBitmap: async () => ({ close() {} }), document: doc });
    doc.hidden = false;
    encode = toBlob;
    track = undefined;
    setVideoElement(video);
    disconnect = connectStores();
    installCameras(variant);
    if (!start) return;
    await useWebcam.getState().start();
    useWebcam.getState().setCaptureClass('c3');
  });
  afterEach(() => {
    for (const ctrl of loops.splice(0)) ctrl.abort();
    useWebcam.getState().stop();
    setVideoElement(null);
    disconnect();
    delete (globalThis as { document?: unknown }).document;
    if (originalDevices) Object.defineProperty(globalThis.navigator, 'mediaDevices', originalDevices);
    else delete (globalThis.navigator as { mediaDevices?: unknown }).mediaDevices;
  });
}

export const imagesIn = (id: string) => useProject.getState().classes.find((c) => c.id === id)?.images.length ?? 0;
