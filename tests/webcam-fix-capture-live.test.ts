import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useWebcam } = await import('../src/state/webcam');
const { useModelInUse } = await import('../src/state/model-in-use');
const { SLOW, cameraTrack, imagesIn, live, setMuted, wait, webcamCaptureEachTest } =
  await import('./helpers-webcam-capture');

/** JPEG encodes the test holds back (`encodes.held`) until it lets them go */
const encodes = { held: false, pending: [] as (() => void)[] };

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

beforeEach(() => {
  encodes.held = false;
  encodes.pending = [];
});
// the running camera's video track is one the test mutes and unmutes (setMuted)
webcamCaptureEachTest({
  classes: () => [
    { id: 'c3', name: 'three', images: [] },
    { id: 'c4', name: 'four', images: [] },
  ],
  toBlob: (done) => {
    const finish = () => done(new Blob([new Uint8Array([1, 2, 3])]));
    if (encodes.held) encodes.pending.push(finish);
    else queueMicrotask(finish);
  },
});

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
    const old = cameraTrack();
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
