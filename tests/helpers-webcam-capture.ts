import { afterEach, beforeEach } from 'vitest';
import { resetWorker } from './fake-worker';
import { connectStores } from '../src/state/coordinator';
import { useModelInUse } from '../src/state/model-in-use';
import { useProject } from '../src/state/project';
import { runLiveClassification, setVideoElement, useWebcam } from '../src/state/webcam';

// Import after `vi.mock('../src/worker/client', () => import('./fake-worker'))`: the stores it
// connects talk to the fake worker.

/** a busy machine can be slow to settle */
export const SLOW = { timeout: 30_000 };

const initialWebcam = useWebcam.getState();
const initialModel = useModelInUse.getState();
export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** a tab's document: its visibility, and the canvas frames are drawn on (each JPEG a few bytes) */
const doc = Object.assign(new EventTarget(), {
  hidden: false,
  createElement: () => ({
    width: 0,
    height: 0,
    getContext: () => ({ drawImage() {} }),
    toBlob: (done: (b: Blob) => void) => queueMicrotask(() => done(new Blob([new Uint8Array([1, 2, 3])]))),
  }),
});
export function setHidden(hidden: boolean) {
  doc.hidden = hidden;
  doc.dispatchEvent(new Event('visibilitychange'));
}

/** a camera (as browsers' fake ones) whose every grab finds a new frame */
const streaming = {
  readyState: 4,
  videoWidth: 64,
  videoHeight: 48,
  get currentTime() {
    return performance.now() / 1000;
  },
} as unknown as HTMLVideoElement;

/** live loops a test started: a failed test's loop would run on into the next tests */
const loops: AbortController[] = [];
export const live = () => {
  const ctrl = new AbortController();
  loops.push(ctrl);
  return { ctrl, loop: runLiveClassification(ctrl.signal) };
};

/**
 * Each test of the file: a fresh fake worker, the webcam and model-in-use stores at their first
 * state, a project of one empty class "three" (c3), the tab visible, the stores connected, and the
 * camera started (a streaming one) recording into c3. After it, the live loops it started end and
 * the camera stops.
 */
export function webcamCaptureEachTest(): void {
  let disconnect: () => void;
  if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: {} });
  const originalDevices = Object.getOwnPropertyDescriptor(globalThis.navigator, 'mediaDevices');

  beforeEach(async () => {
    resetWorker();
    useWebcam.setState(initialWebcam, true);
    useModelInUse.setState(initialModel, true);
    useProject.setState({ classes: [{ id: 'c3', name: 'three', images: [] }], notice: null, adding: null });
    Object.assign(globalThis, { createImageBitmap: async () => ({ close() {} }), document: doc });
    doc.hidden = false;
    setVideoElement(streaming);
    disconnect = connectStores();
    Object.defineProperty(globalThis.navigator, 'mediaDevices', {
      configurable: true,
      value: {
        enumerateDevices: async () => [],
        getUserMedia: async () => {
          const track = { stop() {}, getSettings: () => ({ deviceId: 'cam' }), addEventListener() {} };
          return { getTracks: () => [track], getVideoTracks: () => [track] };
        },
      },
    });
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
