import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** a busy machine can be slow to settle */
const SLOW = { timeout: 30_000 };

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { readLocal, writeLocal } = await import('../src/core/storage/local');
const { runLiveClassification, setVideoElement, useWebcam } = await import('../src/state/webcam');
const { IN_FLIGHT } = await import('../src/state/webcam-live');
const { connectStores } = await import('../src/state/coordinator');
let disconnect: () => void;

const initial = useWebcam.getState();
const video = { readyState: 4, videoWidth: 64, videoHeight: 48 } as HTMLVideoElement;
let bitmaps = 0;

beforeEach(() => {
  resetWorker();
  useWebcam.setState(initial, true);
  bitmaps = 0;
  Object.assign(globalThis, { createImageBitmap: async () => ({ id: ++bitmaps, close() {} }) });
  setVideoElement(video);
  disconnect = connectStores();
});
afterEach(() => {
  setVideoElement(null);
  disconnect();
});

/** A worker that answers each frame after a macrotask, counting how many frames it holds at once. */
function classifier(answer: (frame: number) => { classes: string[]; probabilities: number[] } | Error) {
  const seen = { frames: 0, inFlight: 0, maxInFlight: 0 };
  worker.classifyFrame = async () => {
    const n = ++seen.frames;
    seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
    await new Promise((r) => setTimeout(r, 1));
    seen.inFlight--;
    const a = answer(n);
    if (a instanceof Error) throw a;
    return { ...a, ms: 2 };
  };
  return seen;
}

/**
 * navigator.mediaDevices whose getUserMedia answers with the camera `pick` names for the id asked
 * (undefined: the default one), or throws what it throws; returns the device constraints asked for.
 */
function devicesAnswering(pick: (wanted: string | undefined) => string): unknown[] {
  const asked: unknown[] = [];
  Object.defineProperty(globalThis.navigator, 'mediaDevices', {
    configurable: true,
    value: {
      enumerateDevices: async () => [],
      getUserMedia: async ({ video }: { video: MediaTrackConstraints }) => {
        asked.push(video.deviceId);
        const id = pick((video.deviceId as { exact?: string } | undefined)?.exact);
        const track = { stop() {}, getSettings: () => ({ deviceId: id }), addEventListener() {} };
        return { getTracks: () => [track], getVideoTracks: () => [track] };
      },
    },
  });
  return asked;
}

describe('webcam live loop against a fake worker', () => {
  it('keeps IN_FLIGHT (three) frames in flight, publishes the (smoothed) answer and stops when aborted', async () => {
    const seen = classifier(() => ({ classes: ['cats', 'dogs'], probabilities: [0.9, 0.1] }));
    const ctrl = new AbortController();
    const loop = runLiveClassification(ctrl.signal);
    await vi.waitFor(() => expect(useWebcam.getState().live?.frames ?? 0).toBeGreaterThanOrEqual(1), SLOW);
    await vi.waitFor(() => expect(seen.frames).toBeGreaterThanOrEqual(10), SLOW);
    ctrl.abort();
    await loop;
    const sent = seen.frames;
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.frames).toBe(sent); // nothing is sent after the abort
    // the worker's queue holds the next frames while it classifies one (two left it idle on a busy page)
    expect(IN_FLIGHT).toBe(3);
    expect(seen.maxInFlight).toBe(IN_FLIGHT);
    const live = useWebcam.getState().live!;
    expect(live.label).toBe('cats');
    expect(live.top[0]).toMatchObject({ name: 'cats' });
    expect(live.modelMs).toBe(2);
  });

  it('waits for the video to have a frame before sending any', async () => {
    classifier(() => ({ classes: ['a'], probabilities: [1] }));
    setVideoElement({ readyState: 1, videoWidth: 0, videoHeight: 0 } as HTMLVideoElement);
    const ctrl = new AbortController();
    const loop = runLiveClassification(ctrl.signal);
    await new Promise((r) => setTimeout(r, 120));
    expect(bitmaps).toBe(0);
    setVideoElement(video);
    await vi.waitFor(() => expect(useWebcam.getState().live).not.toBeNull(), SLOW);
    ctrl.abort();
    await loop;
  });

  it('a failing frame is shown as the live error, and the loop recovers with the next answers', async () => {
    classifier((n) => (n === 1 ? new Error('backend lost') : { classes: ['a', 'b'], probabilities: [0.2, 0.8] }));
    const ctrl = new AbortController();
    const loop = runLiveClassification(ctrl.signal);
    await vi.waitFor(() => expect(useWebcam.getState().liveError).toBe('backend lost'), SLOW);
    expect(useWebcam.getState().live).toBeNull();
    await vi.waitFor(() => expect(useWebcam.getState().live?.label).toBe('b'), SLOW);
    expect(useWebcam.getState().liveError).toBeNull();
    ctrl.abort();
    await loop;
  });
});

describe('camera start', () => {
  if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: {} });
  const original = Object.getOwnPropertyDescriptor(globalThis.navigator, 'mediaDevices');
  afterEach(() => {
    if (original) Object.defineProperty(globalThis.navigator, 'mediaDevices', original);
    else delete (globalThis.navigator as { mediaDevices?: unknown }).mediaDevices;
  });

  /** cameras that answer when told to, each stream counting its stopped tracks */
  function cameras() {
    const pending: { id: string; answer: () => void; stopped: () => boolean }[] = [];
    const mediaDevices = {
      enumerateDevices: async () => [],
      getUserMedia: ({ video }: { video: MediaTrackConstraints }) =>
        new Promise((resolve) => {
          const id = (video.deviceId as { exact: string } | undefined)?.exact ?? 'default-id';
          let stopped = false;
          const track = { stop: () => (stopped = true), getSettings: () => ({ deviceId: id }), addEventListener() {} };
          pending.push({
            id,
            answer: () => resolve({ getTracks: () => [track], getVideoTracks: () => [track] }),
            stopped: () => stopped,
          });
        }),
    };
    Object.defineProperty(globalThis.navigator, 'mediaDevices', { value: mediaDevices, configurable: true });
    return pending;
  }

  it('a camera chosen while another starts wins; the earlier one is stopped when it answers', async () => {
    const pending = cameras();
    const first = useWebcam.getState().start('front');
    const second = useWebcam.getState().start('back');
    expect(useWebcam.getState()).toMatchObject({ status: 'starting', deviceId: 'back' });
    pending[1].answer();
    await second;
    pending[0].answer();
    await first;
    expect(useWebcam.getState()).toMatchObject({ status: 'on', deviceId: 'back' });
    expect(pending[0].stopped()).toBe(true);
    expect(pending[1].stopped()).toBe(false);
    useWebcam.getState().stop();
    expect(pending[1].stopped()).toBe(true);
  });

  it('"Mirror view" is kept for the next visit on this device (per facing: a camera that does not say is a front one)', () => {
    installLocalStorage();
    useWebcam.getState().setMirror(false);
    expect(readLocal('mirror')).toEqual({ front: false });
    useWebcam.getState().setMirror(true);
    expect(readLocal('mirror')).toEqual({ front: true });
  });

  it('the class frames are recorded into is kept for the next visit; "no class" does not replace it', async () => {
    installLocalStorage();
    useWebcam.getState().setCaptureClass('c-cats');
    useWebcam.getState().setCaptureClass('');
    expect(readLocal('captureClass')).toBe('c-cats');
    // the next visit's store starts on it
    vi.resetModules();
    const again = await import('../src/state/webcam');
    expect(again.useWebcam.getState().captureClassId).toBe('c-cats');
  });

  it('a camera started by its id is remembered for the next visit; the default camera forgets it', async () => {
    installLocalStorage();
    const pending = cameras();
    const starting = useWebcam.getState().start('usb');
    pending[0].answer();
    await starting;
    expect(readLocal('camera')).toBe('usb');
    useWebcam.getState().stop();
    const again = useWebcam.getState().start('');
    pending[1].answer();
    await again;
    expect(readLocal('camera')).toBeNull();
  });

  it('a remembered camera that is gone: the default one starts instead, and is not remembered', async () => {
    installLocalStorage();
    writeLocal('camera', 'unplugged');
    const asked = devicesAnswering((want) => {
      if (want) throw new DOMException('no such camera', 'OverconstrainedError');
      return 'built-in';
    });
    await useWebcam.getState().start('unplugged');
    expect(asked).toEqual([{ exact: 'unplugged' }, undefined]);
    expect(useWebcam.getState()).toMatchObject({ status: 'on', deviceId: 'built-in', error: null });
    expect(readLocal('camera')).toBeNull();
  });

  it('Start or Retry after the default camera was unplugged asks for the default one: the camera that is left', async () => {
    installLocalStorage();
    let plugged = true;
    const asked = devicesAnswering((want) => {
      if (want === 'usb' && !plugged) throw new DOMException('no such camera', 'NotFoundError');
      return want ?? (plugged ? 'usb' : 'built-in');
    });
    await useWebcam.getState().start();
    expect(useWebcam.getState()).toMatchObject({ status: 'on', deviceId: 'usb' });
    // unplugged; Retry (Start with no camera named)
    plugged = false;
    useWebcam.getState().stop();
    await useWebcam.getState().start();
    // the default camera is asked for again, not the one it was (by id, and remembered as if picked)
    expect(asked.slice(1)).toEqual([undefined]);
    expect(useWebcam.getState()).toMatchObject({ status: 'on', deviceId: 'built-in', chosen: '', error: null });
    expect(readLocal('camera')).toBeNull();
    // a camera picked by hand that is gone is said, not swapped for another
    asked.length = 0;
    await useWebcam.getState().start('usb');
    expect(asked).toEqual([{ exact: 'usb' }]);
    expect(useWebcam.getState()).toMatchObject({ status: 'error', error: { kind: 'notfound' } });
  });

  it('a camera that answers after Stop is stopped, and the studio stays off', async () => {
    const pending = cameras();
    const starting = useWebcam.getState().start('front');
    useWebcam.getState().stop();
    pending[0].answer();
    await starting;
    expect(useWebcam.getState().status).toBe('off');
    expect(useWebcam.getState().stream).toBeNull();
    expect(pending[0].stopped()).toBe(true);
  });
});
