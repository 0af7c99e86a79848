import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useWebcam } = await import('../src/state/webcam');
const { SLOW, imagesIn, live, setHidden, wait, webcamCaptureEachTest } = await import('./helpers-webcam-capture');

webcamCaptureEachTest();

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
