import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** a busy machine can be slow to settle */
const SLOW = { timeout: 30_000 };

const { worker, resetWorker } = await import('./fake-worker');
const { BURST_MS, liveOf, runLiveClassification, setVideoElement, useWebcam } = await import('../src/state/webcam');
const { useProject } = await import('../src/state/project');
const { useModelInUse } = await import('../src/state/model-in-use');
const { connectStores } = await import('../src/state/coordinator');
const { MAX_PROJECT_IMAGES } = await import('../src/core/project/project-limits');
type ModelInfo = import('../src/state/model-in-use').ModelInfo;

const initialWebcam = useWebcam.getState();
const initialModel = useModelInUse.getState();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
function setHidden(hidden: boolean) {
  doc.hidden = hidden;
  doc.dispatchEvent(new Event('visibilitychange'));
}

/** a camera that delivers a new frame when the test says (each one counted by the video) */
function camera() {
  const cam = { frames: 1, time: 0.1 };
  const video = {
    readyState: 4,
    videoWidth: 64,
    videoHeight: 48,
    get currentTime() {
      return cam.time;
    },
    getVideoPlaybackQuality: () => ({ totalVideoFrames: cam.frames }),
  } as unknown as HTMLVideoElement;
  return { cam, video };
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

let disconnect: () => void;
/** live loops a test started: a failed test's loop would run on into the next tests */
const loops: AbortController[] = [];
const live = () => {
  const ctrl = new AbortController();
  loops.push(ctrl);
  return { ctrl, loop: runLiveClassification(ctrl.signal) };
};
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

const imagesIn = (id: string) => useProject.getState().classes.find((c) => c.id === id)?.images.length ?? 0;

describe('the tab hidden', () => {
  it('stops a recording (said beside the button) and it does not start again when the tab comes back', async () => {
    const rec = useWebcam.getState();
    rec.startRecording();
    await vi.waitFor(() => expect(useWebcam.getState().recorded).toBeGreaterThanOrEqual(2), SLOW);
    setHidden(true);
    expect(useWebcam.getState().recording).toBe(false);
    expect(useWebcam.getState().recordNote).toMatch(/hidden/);
    const kept = imagesIn('c3');
    // a hold that starts while hidden records nothing
    useWebcam.getState().startRecording();
    expect(useWebcam.getState().recording).toBe(false);
    setHidden(false);
    await wait(150);
    expect(useWebcam.getState().recording).toBe(false);
    expect(imagesIn('c3')).toBe(kept);
    // the next hold records again, and the note goes
    useWebcam.getState().startRecording();
    expect(useWebcam.getState()).toMatchObject({ recording: true, recordNote: null });
  });

  it('pauses the live classifier (no forward passes) and it goes on when the tab is visible again', async () => {
    let frames = 0;
    worker.classifyFrame = async () => {
      frames++;
      await wait(1);
      return { classes: ['a', 'b'], probabilities: [0.7, 0.3], ms: 1 };
    };
    const { ctrl, loop } = live();
    await vi.waitFor(() => expect(frames).toBeGreaterThanOrEqual(5), SLOW);
    setHidden(true);
    expect(useWebcam.getState().hidden).toBe(true);
    // the frames already sent are answered first
    await wait(100);
    const sent = frames;
    await wait(200);
    expect(frames).toBe(sent);
    setHidden(false);
    await vi.waitFor(() => expect(frames).toBeGreaterThan(sent + 5), SLOW);
    ctrl.abort();
    await loop;
  });

  it('a loop aborted while the tab is hidden ends', async () => {
    setHidden(true);
    const { ctrl, loop } = live();
    await wait(50);
    ctrl.abort();
    await loop;
  });
});

describe('a click with no pointer or key (screen reader, voice control)', () => {
  it(`records a burst of ${BURST_MS} ms, then stops by itself`, async () => {
    useWebcam.getState().recordBurst();
    expect(useWebcam.getState().recording).toBe(true);
    await wait(BURST_MS / 2);
    expect(useWebcam.getState().recording).toBe(true);
    await vi.waitFor(() => expect(useWebcam.getState().recording).toBe(false), SLOW);
    await wait(50);
    const { recorded } = useWebcam.getState();
    expect(recorded).toBeGreaterThanOrEqual(3);
    expect(recorded).toBeLessThanOrEqual(12);
    expect(imagesIn('c3')).toBe(recorded);
  });

  it('a burst ends at its time even when its stop timer runs late (a busy page): no frames past it', async () => {
    useWebcam.getState().recordBurst();
    const began = performance.now();
    // the page's clock past the burst's end while its timer has not fired yet
    const clock = vi.spyOn(performance, 'now').mockReturnValue(began + BURST_MS + 1);
    try {
      await wait(60);
      expect(useWebcam.getState().recording).toBe(false);
    } finally {
      clock.mockRestore();
      useWebcam.getState().stopRecording();
    }
  });

  it('a hold that ends a burst early is not cut short by the burst, nor a later hold', async () => {
    useWebcam.getState().recordBurst();
    useWebcam.getState().stopRecording();
    useWebcam.getState().startRecording();
    await wait(BURST_MS + 200);
    // the first burst's end does not stop the hold that came after it
    expect(useWebcam.getState().recording).toBe(true);
    useWebcam.getState().stopRecording();
  });
});

describe('the project full', () => {
  it('counts only the frames the project took, and stops with a message when no more fit', async () => {
    const others = Array.from({ length: MAX_PROJECT_IMAGES - 2 }, (_, i) => ({ id: `i${i}` }) as never);
    useProject.setState({
      classes: [
        { id: 'c3', name: 'three', images: [] },
        { id: 'c7', name: 'seven', images: others },
      ],
    });
    useWebcam.getState().startRecording();
    await vi.waitFor(() => expect(useWebcam.getState().recording).toBe(false), SLOW);
    await wait(100);
    expect(imagesIn('c3')).toBe(2);
    expect(useWebcam.getState().recorded).toBe(2);
    expect(useWebcam.getState().recordNote).toMatch(new RegExp(`${MAX_PROJECT_IMAGES}`));
  });
});

describe('a camera slower than the capture rate', () => {
  it('a frame the camera has not replaced yet is not saved twice (frame counter)', async () => {
    const { cam, video } = camera();
    setVideoElement(video);
    useWebcam.getState().startRecording();
    await wait(400);
    expect(imagesIn('c3')).toBe(1);
    cam.frames++;
    await vi.waitFor(() => expect(imagesIn('c3')).toBe(2), SLOW);
    await wait(300);
    expect(imagesIn('c3')).toBe(2);
    useWebcam.getState().stopRecording();
    expect(useWebcam.getState().recorded).toBe(2);
  });

  it('without a frame counter, the video time tells a new frame', async () => {
    const { cam, video } = camera();
    delete (video as { getVideoPlaybackQuality?: unknown }).getVideoPlaybackQuality;
    setVideoElement(video);
    useWebcam.getState().startRecording();
    await wait(400);
    expect(imagesIn('c3')).toBe(1);
    cam.time += 0.1;
    await vi.waitFor(() => expect(imagesIn('c3')).toBe(2), SLOW);
    useWebcam.getState().stopRecording();
  });

  it('a new hold takes the frame on show at once, even if the last hold saved it', async () => {
    const { video } = camera();
    setVideoElement(video);
    useWebcam.getState().startRecording();
    await wait(150);
    useWebcam.getState().stopRecording();
    useWebcam.getState().startRecording();
    await wait(150);
    useWebcam.getState().stopRecording();
    // a short press always records one frame; the same frame twice is what a second press asked for
    expect(imagesIn('c3')).toBe(2);
  });
});

describe('the live answer belongs to the model that gave it', () => {
  const model = (name: string, inputSize = 224): ModelInfo => ({
    kind: 'trained',
    labels: ['a', 'b'],
    inputSize,
    cropMode: 'center',
    name,
  });

  it('a model that came while the camera was paused does not show the model before’s answer', async () => {
    const first = model('run 1');
    useModelInUse.setState({ model: first });
    // answered after a macrotask, as a worker does (answers on microtasks alone would starve the timers)
    worker.classifyFrame = async () => {
      await wait(1);
      return { classes: ['a', 'b'], probabilities: [0.9, 0.1], ms: 1 };
    };
    const { ctrl, loop } = live();
    await vi.waitFor(() => expect(liveOf(useWebcam.getState(), first).live?.label).toBe('a'), SLOW);
    // paused (the loop ends), then an import arrives
    ctrl.abort();
    await loop;
    useWebcam.getState().setPaused(true);
    const imported = model('signs.zip');
    useModelInUse.setState({ model: imported });
    expect(liveOf(useWebcam.getState(), imported)).toEqual({ live: null, liveError: null });
    expect(liveOf(useWebcam.getState(), null)).toEqual({ live: null, liveError: null });
  });

  it("the model before's error is not shown as the new model's", async () => {
    const first = model('run 1');
    useModelInUse.setState({ model: first });
    worker.classifyFrame = async () => {
      throw new Error('backend lost');
    };
    const { ctrl, loop } = live();
    await vi.waitFor(() => expect(liveOf(useWebcam.getState(), first).liveError).toBe('backend lost'), SLOW);
    ctrl.abort();
    await loop;
    expect(liveOf(useWebcam.getState(), model('run 2')).liveError).toBeNull();
  });
});
