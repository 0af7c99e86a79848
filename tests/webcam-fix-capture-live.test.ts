import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** a busy machine can be slow to settle */
const SLOW = { timeout: 30_000 };

const { worker, resetWorker } = await import('./fake-worker');
const { runLiveClassification, setVideoElement, useWebcam } = await import('../src/state/webcam');
const { useProject } = await import('../src/state/project');
const { useModelInUse } = await import('../src/state/model-in-use');
const { connectStores } = await import('../src/state/coordinator');

const initialWebcam = useWebcam.getState();
const initialModel = useModelInUse.getState();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** JPEG encodes the test holds back (`encodes.held`) until it lets them go */
const encodes = { held: false, pending: [] as (() => void)[] };
const doc = Object.assign(new EventTarget(), {
  hidden: false,
  createElement: () => ({
    width: 0,
    height: 0,
    getContext: () => ({ drawImage() {} }),
    toBlob: (done: (b: Blob) => void) => {
      const finish = () => done(new Blob([new Uint8Array([1, 2, 3])]));
      if (encodes.held) encodes.pending.push(finish);
      else queueMicrotask(finish);
    },
  }),
});

/** a camera whose every grab finds a new frame */
const streaming = {
  readyState: 4,
  videoWidth: 64,
  videoHeight: 48,
  get currentTime() {
    return performance.now() / 1000;
  },
} as unknown as HTMLVideoElement;

/** the running camera's video track: an EventTarget that the test mutes and unmutes */
let track: EventTarget & { muted: boolean };
function setMuted(muted: boolean) {
  track.muted = muted;
  track.dispatchEvent(new Event(muted ? 'mute' : 'unmute'));
}

let disconnect: () => void;
const loops: AbortController[] = [];
const live = () => {
  const ctrl = new AbortController();
  loops.push(ctrl);
  return { ctrl, loop: runLiveClassification(ctrl.signal) };
};
/** a worker that answers after a macrotask, counting the frames it was given */
function classifier() {
  const seen = { frames: 0 };
  worker.classifyFrame = async () => {
    seen.frames++;
    await wait(1);
    return { classes: ['a', 'b'], probabilities: [0.8, 0.2], ms: 1 };
  };
  return seen;
}

if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: {} });
const originalDevices = Object.getOwnPropertyDescriptor(globalThis.navigator, 'mediaDevices');

beforeEach(async () => {
  resetWorker();
  encodes.held = false;
  encodes.pending = [];
  useWebcam.setState(initialWebcam, true);
  useModelInUse.setState(initialModel, true);
  useProject.setState({
    classes: [
      { id: 'c3', name: 'three', images: [] },
      { id: 'c4', name: 'four', images: [] },
    ],
    notice: null,
    adding: null,
  });
  Object.assign(globalThis, { createImageBitmap: async () => ({ close() {} }), document: doc });
  doc.hidden = false;
  setVideoElement(streaming);
  disconnect = connectStores();
  Object.defineProperty(globalThis.navigator, 'mediaDevices', {
    configurable: true,
    value: {
      enumerateDevices: async () => [],
      getUserMedia: async () => {
        track = Object.assign(new EventTarget(), {
          muted: false,
          label: '',
          stop() {},
          getSettings: () => ({ deviceId: 'cam' }),
        });
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

const imagesIn = (id: string) => useProject.getState().classes.find((c) => c.id === id)?.images.length ?? 0;

describe('a camera that stops sending pictures (its track muted: another application, the lid closed)', () => {
  it('a hold records nothing while it is muted, says why, and records again when pictures come back', async () => {
    useWebcam.getState().startRecording();
    await vi.waitFor(() => expect(imagesIn('c3')).toBeGreaterThanOrEqual(2), SLOW);
    setMuted(true);
    expect(useWebcam.getState().muted).toBe(true);
    await wait(50);
    const kept = imagesIn('c3');
    await wait(300);
    expect(imagesIn('c3')).toBe(kept);
    setMuted(false);
    expect(useWebcam.getState().muted).toBe(false);
    await vi.waitFor(() => expect(imagesIn('c3')).toBeGreaterThan(kept), SLOW);
    useWebcam.getState().stopRecording();
  });

  it('a press while it is muted records nothing, and it is still said to be muted', async () => {
    setMuted(true);
    useWebcam.getState().startRecording();
    await wait(300);
    useWebcam.getState().stopRecording();
    await wait(20);
    expect(imagesIn('c3')).toBe(0);
    expect(useWebcam.getState().muted).toBe(true);
  });

  it('live classification stops (the last answer is not shown as live) and goes on when it sends again', async () => {
    useModelInUse.setState({
      model: { kind: 'trained', labels: ['a', 'b'], inputSize: 224, cropMode: 'center', name: 'm' },
    });
    const seen = classifier();
    live();
    await vi.waitFor(() => expect(useWebcam.getState().live?.label).toBe('a'), SLOW);
    setMuted(true);
    await vi.waitFor(() => expect(useWebcam.getState().live).toBeNull(), SLOW);
    const sent = seen.frames;
    await wait(300);
    expect(seen.frames).toBe(sent);
    setMuted(false);
    await vi.waitFor(() => expect(seen.frames).toBeGreaterThan(sent + 3), SLOW);
    await vi.waitFor(() => expect(useWebcam.getState().live?.label).toBe('a'), SLOW);
  });

  it('a stream stopped since says nothing when its track mutes', async () => {
    const old = track;
    useWebcam.getState().stop();
    await useWebcam.getState().start();
    old.muted = true;
    old.dispatchEvent(new Event('mute'));
    expect(useWebcam.getState().muted).toBe(false);
    useWebcam.getState().startRecording();
    await vi.waitFor(() => expect(imagesIn('c3')).toBeGreaterThanOrEqual(1), SLOW);
    useWebcam.getState().stopRecording();
  });
});

describe('a tap of the record button', () => {
  it('records the frame on show, even when released before any timer ran', async () => {
    useWebcam.getState().startRecording();
    useWebcam.getState().stopRecording();
    await wait(50);
    expect(imagesIn('c3')).toBe(1);
    expect(useWebcam.getState().recorded).toBe(1);
  });
});

describe('frames still being encoded when a hold ends', () => {
  it('count toward the hold they were taken in, and go into its class', async () => {
    encodes.held = true;
    useWebcam.getState().startRecording();
    useWebcam.getState().stopRecording();
    expect(encodes.pending).toHaveLength(1);
    // the next hold, into another class, before the first hold's frame is encoded
    useWebcam.getState().setCaptureClass('c4');
    useWebcam.getState().startRecording();
    useWebcam.getState().stopRecording();
    expect(encodes.pending).toHaveLength(2);
    encodes.pending.splice(0).forEach((finish) => finish());
    await wait(20);
    expect(imagesIn('c3')).toBe(1);
    expect(imagesIn('c4')).toBe(1);
    expect(useWebcam.getState()).toMatchObject({ recorded: 1, recordedInto: 'c4' });
  });

  it('do not count after the camera stopped (its counts are gone)', async () => {
    encodes.held = true;
    useWebcam.getState().startRecording();
    useWebcam.getState().stopRecording();
    useWebcam.getState().stop();
    encodes.pending.splice(0).forEach((finish) => finish());
    await wait(20);
    expect(imagesIn('c3')).toBe(1);
    expect(useWebcam.getState()).toMatchObject({ recorded: 0, recordedInto: '' });
  });
});
