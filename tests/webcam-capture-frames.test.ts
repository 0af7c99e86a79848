import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { BURST_MS, setVideoElement, useWebcam } = await import('../src/state/webcam');
const { useProject } = await import('../src/state/project');
const { MAX_PROJECT_IMAGES } = await import('../src/core/project/project-limits');
const { SLOW, imagesIn, wait, webcamCaptureEachTest } = await import('./helpers-webcam-capture');

webcamCaptureEachTest();

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
