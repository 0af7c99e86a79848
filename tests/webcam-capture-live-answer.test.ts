import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { liveOf, useWebcam } = await import('../src/state/webcam');
const { useModelInUse } = await import('../src/state/model-in-use');
const { SLOW, live, wait, webcamCaptureEachTest } = await import('./helpers-webcam-capture');
type ModelInfo = import('../src/state/model-in-use').ModelInfo;

webcamCaptureEachTest();

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
