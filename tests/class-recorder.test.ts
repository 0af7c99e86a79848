import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { installLocalStorage } = await import('./fake-worker');
const { useWebcam } = await import('../src/state/webcam');
const { useClassRecorder } = await import('../src/ui/webcam/class-recorder');

const initial = { webcam: useWebcam.getState(), recorder: useClassRecorder.getState() };

/** the camera's start and stop, counted: the recorder's part is when it asks for them */
let calls: { start: number; stop: number; stopRecording: number };
function camera(status: 'off' | 'on' | 'error' | 'starting', more: Record<string, unknown> = {}) {
  calls = { start: 0, stop: 0, stopRecording: 0 };
  useWebcam.setState({
    status,
    start: async () => {
      calls.start++;
      useWebcam.setState({ status: 'on' });
    },
    stop: () => {
      calls.stop++;
      useWebcam.setState({ status: 'off' });
    },
    stopRecording: () => void calls.stopRecording++,
    ...more,
  });
}

beforeEach(() => {
  installLocalStorage?.();
  useWebcam.setState(initial.webcam, true);
  useClassRecorder.setState(initial.recorder, true);
});

describe('a class card’s camera recorder', () => {
  it('opened with the camera off: starts it, records into the class, and releases it on close', () => {
    camera('off');
    useClassRecorder.getState().open('cats');
    expect(useClassRecorder.getState().classId).toBe('cats');
    expect(useWebcam.getState().captureClassId).toBe('cats');
    expect(calls.start).toBe(1);
    useClassRecorder.getState().close();
    expect(useClassRecorder.getState().classId).toBeNull();
    expect(calls.stop).toBe(1);
    expect(useWebcam.getState().status).toBe('off');
  });

  it('opened while the Deploy step’s camera runs: shares it, and closing leaves it running', () => {
    camera('on', { paused: true, live: { label: 'dogs' } });
    useClassRecorder.getState().open('cats');
    expect(calls.start).toBe(0);
    // unfrozen (a paused picture records nothing), and no old live answer over the recorder's picture
    expect(useWebcam.getState().paused).toBe(false);
    expect(useWebcam.getState().live).toBeNull();
    useClassRecorder.getState().close();
    expect(calls.stop).toBe(0);
    expect(calls.stopRecording).toBeGreaterThanOrEqual(2);
    expect(useWebcam.getState().status).toBe('on');
  });

  it('one open at a time: another card’s takes over the camera, and with it its release', () => {
    camera('off');
    useClassRecorder.getState().open('cats');
    useClassRecorder.getState().open('dogs');
    expect(useClassRecorder.getState().classId).toBe('dogs');
    expect(useWebcam.getState().captureClassId).toBe('dogs');
    // the first one's camera, not started twice
    expect(calls.start).toBe(1);
    useClassRecorder.getState().close();
    expect(calls.stop).toBe(1);
  });

  it('a camera started again from the recorder (after a stop or an error) is released on close', () => {
    camera('on');
    useClassRecorder.getState().open('cats');
    useWebcam.setState({ status: 'error' });
    useClassRecorder.getState().startCamera();
    expect(calls.start).toBe(1);
    useClassRecorder.getState().close();
    expect(calls.stop).toBe(1);
  });

  it('opened after a camera error: tries the camera again', () => {
    camera('error');
    useClassRecorder.getState().open('cats');
    expect(calls.start).toBe(1);
  });

  it('closing with none open touches nothing', () => {
    camera('on');
    useClassRecorder.getState().close();
    expect(calls.stop + calls.stopRecording).toBe(0);
  });
});

describe('a class card’s recorder and its class', () => {
  it('closes, releasing the camera it started, when its class goes', async () => {
    const { useProject } = await import('../src/state/project');
    camera('off');
    useProject.setState({ classes: [{ id: 'cats', name: 'cats', images: [] }] } as never);
    useClassRecorder.getState().open('cats');
    useProject.setState({ classes: [{ id: 'cats', name: 'kittens', images: [] }] } as never);
    expect(useClassRecorder.getState().classId).toBe('cats');
    useProject.setState({ classes: [] } as never);
    expect(useClassRecorder.getState().classId).toBeNull();
    expect(calls.stop).toBe(1);
  });
});
