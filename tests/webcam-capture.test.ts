import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** a busy machine can be slow to settle */
const SLOW = { timeout: 30_000 };

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { BURST_MS, CAPTURE_RATE, TIMED_LIMITS, liveOf, runLiveClassification, setVideoElement, useWebcam } =
  await import('../src/state/webcam');
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

/**
 * The page's clock, moved by the test: a timed recording's countdown and length follow it, not how
 * fast this machine runs. Whole milliseconds, so the steps add up to the countdown's end exactly.
 */
function stubClock() {
  let now = Math.ceil(performance.now()) + 1000;
  const spy = vi.spyOn(performance, 'now').mockImplementation(() => now);
  /** moves the clock in steps of 100 ms (one frame's worth), letting the capture interval turn at each */
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      now += Math.min(100, ms - t);
      await wait(15);
    }
    // the last frame's JPEG is encoded after its turn
    await wait(5);
  };
  return { advance, restore: () => spy.mockRestore() };
}
const timed = () => useWebcam.getState().timed;

describe('a timed recording (hands free)', () => {
  let clock: ReturnType<typeof stubClock>;
  beforeEach(() => {
    clock = stubClock();
  });
  afterEach(() => clock.restore());

  it('counts down recording nothing, records at the capture rate for its length, then stops by itself', async () => {
    const seconds: string[] = [];
    const unsubscribe = useWebcam.subscribe((s, before) => {
      if (s.timed !== before.timed) seconds.push(s.timed ? `${s.timed.phase} ${s.timed.secondsLeft}` : 'ended');
    });
    useWebcam.getState().setTimedDelay(2);
    useWebcam.getState().setTimedDuration(2);
    useWebcam.getState().startTimed();
    expect(timed()).toMatchObject({ phase: 'countdown', secondsLeft: 2 });
    expect(useWebcam.getState()).toMatchObject({ recording: false, recordedInto: 'c3' });
    await clock.advance(1900);
    expect(imagesIn('c3')).toBe(0);
    expect(useWebcam.getState()).toMatchObject({ recording: false, recorded: 0 });
    expect(timed()).toMatchObject({ phase: 'countdown', secondsLeft: 1 });
    await clock.advance(100);
    expect(timed()).toMatchObject({ phase: 'recording', secondsLeft: 2 });
    expect(useWebcam.getState().recording).toBe(true);
    await clock.advance(1900);
    expect(useWebcam.getState().recording).toBe(true);
    await clock.advance(100);
    expect(timed()).toBeNull();
    expect(useWebcam.getState().recording).toBe(false);
    await clock.advance(500);
    expect(useWebcam.getState().recorded).toBe(2 * CAPTURE_RATE);
    expect(imagesIn('c3')).toBe(2 * CAPTURE_RATE);
    // the seconds shown change once a second, not with each frame
    expect(seconds).toEqual(['countdown 2', 'countdown 1', 'recording 2', 'recording 1', 'ended']);
    unsubscribe();
  });

  it('with no countdown records at once', async () => {
    useWebcam.getState().setTimedDelay(0);
    useWebcam.getState().setTimedDuration(1);
    useWebcam.getState().startTimed();
    expect(timed()).toMatchObject({ phase: 'recording', secondsLeft: 1 });
    await clock.advance(1000);
    expect(timed()).toBeNull();
    expect(imagesIn('c3')).toBe(CAPTURE_RATE);
  });

  it('cancelled during the countdown records nothing, even once the countdown would have ended', async () => {
    useWebcam.getState().setTimedDelay(1);
    useWebcam.getState().startTimed();
    await clock.advance(500);
    useWebcam.getState().stopTimed();
    expect(timed()).toBeNull();
    await clock.advance(2000);
    expect(useWebcam.getState()).toMatchObject({ recording: false, recorded: 0 });
    expect(imagesIn('c3')).toBe(0);
  });

  it('stopped while it records keeps the frames it took, as letting go of a hold does', async () => {
    useWebcam.getState().setTimedDelay(0);
    useWebcam.getState().setTimedDuration(10);
    useWebcam.getState().startTimed();
    await clock.advance(500);
    useWebcam.getState().stopTimed();
    expect(useWebcam.getState()).toMatchObject({ recording: false, timed: null });
    await clock.advance(1000);
    // one at its start, then one each 100 ms
    expect(useWebcam.getState().recorded).toBe(6);
    expect(imagesIn('c3')).toBe(6);
  });

  it('the tab hidden during the countdown ends it, says so, and it does not start again on return', async () => {
    useWebcam.getState().setTimedDelay(1);
    useWebcam.getState().startTimed();
    await clock.advance(300);
    setHidden(true);
    expect(timed()).toBeNull();
    expect(useWebcam.getState().recordNote).toMatch(/hidden/);
    setHidden(false);
    await clock.advance(2000);
    expect(useWebcam.getState()).toMatchObject({ recording: false, timed: null });
    expect(imagesIn('c3')).toBe(0);
  });

  it('the tab hidden while it records stops it and says so', async () => {
    useWebcam.getState().setTimedDelay(0);
    useWebcam.getState().startTimed();
    await clock.advance(300);
    setHidden(true);
    expect(useWebcam.getState()).toMatchObject({ recording: false, timed: null });
    expect(useWebcam.getState().recordNote).toMatch(/Recording stopped when the tab was hidden/);
    await clock.advance(500);
    expect(imagesIn('c3')).toBe(4);
  });

  it('pausing the camera, stopping it, or a new project ends a countdown', async () => {
    for (const end of [
      () => useWebcam.getState().setPaused(true),
      () => useWebcam.getState().resetCapture(),
      () => useWebcam.getState().stop(),
    ]) {
      await useWebcam.getState().start();
      useWebcam.getState().setCaptureClass('c3');
      useWebcam.getState().setTimedDelay(1);
      useWebcam.getState().startTimed();
      expect(timed()).not.toBeNull();
      end();
      expect(timed()).toBeNull();
      useWebcam.getState().setPaused(false);
      await clock.advance(1500);
      expect(imagesIn('c3')).toBe(0);
    }
  });

  it('a paused or hidden camera does not start one', () => {
    useWebcam.getState().setPaused(true);
    useWebcam.getState().startTimed();
    expect(timed()).toBeNull();
    useWebcam.getState().setPaused(false);
    setHidden(true);
    useWebcam.getState().startTimed();
    expect(timed()).toBeNull();
  });

  it('a hold or a burst cannot start while one runs, nor one while a hold runs', async () => {
    useWebcam.getState().setTimedDelay(1);
    useWebcam.getState().startTimed();
    useWebcam.getState().startRecording();
    useWebcam.getState().recordBurst();
    expect(useWebcam.getState()).toMatchObject({ recording: false, timed: { phase: 'countdown' } });
    await clock.advance(1000);
    expect(timed()?.phase).toBe('recording');
    // a hold pressed meanwhile neither starts nor cuts the timed recording short
    useWebcam.getState().startRecording();
    expect(timed()?.phase).toBe('recording');
    useWebcam.getState().stopTimed();
    await clock.advance(200);

    useWebcam.getState().startRecording();
    useWebcam.getState().startTimed();
    expect(useWebcam.getState()).toMatchObject({ recording: true, timed: null });
    useWebcam.getState().stopRecording();
  });
});

describe('the countdown and the length chosen', () => {
  it('are kept within their limits, in whole seconds', () => {
    const s = () => useWebcam.getState();
    s().setTimedDelay(99);
    s().setTimedDuration(0);
    expect([s().timedDelay, s().timedDuration]).toEqual([TIMED_LIMITS.delay.max, TIMED_LIMITS.duration.min]);
    s().setTimedDelay(-4);
    s().setTimedDuration(2.6);
    expect([s().timedDelay, s().timedDuration]).toEqual([0, 3]);
    // an empty or unreadable field changes nothing
    s().setTimedDelay(NaN);
    s().setTimedDuration(NaN);
    expect([s().timedDelay, s().timedDuration]).toEqual([0, 3]);
  });

  it('are remembered on this device for the next visit (3 s and 5 s before any choice)', async () => {
    installLocalStorage();
    try {
      vi.resetModules();
      const first = (await import('../src/state/webcam')).useWebcam;
      expect([first.getState().timedDelay, first.getState().timedDuration]).toEqual([3, 5]);
      first.getState().setTimedDelay(7);
      first.getState().setTimedDuration(42);
      vi.resetModules();
      const next = (await import('../src/state/webcam')).useWebcam;
      expect([next.getState().timedDelay, next.getState().timedDuration]).toEqual([7, 42]);
      // a stored value out of range (an older version, edited by hand) is kept within the limits
      const { writeLocal } = await import('../src/core/storage/local');
      writeLocal('timedCapture', { delay: 30, duration: 'long' });
      vi.resetModules();
      const edited = (await import('../src/state/webcam')).useWebcam;
      expect([edited.getState().timedDelay, edited.getState().timedDuration]).toEqual([10, 5]);
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
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
