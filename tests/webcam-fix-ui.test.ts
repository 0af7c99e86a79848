import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { elements, textOf } from './a11y-tree';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// the components are called as functions: their hooks answer from the stores at once, without React
// rendering them (zustand's own hooks need React's dispatcher: a store's hook reads its state
// instead), and their effects are kept for the test to run, as React runs them after a render
const effects = vi.hoisted(() => ({
  pending: [] as (() => void | (() => void))[],
  cleanups: [] as (() => void)[],
  ids: 0,
}));
vi.mock('zustand', async (original) => (await import('./hookless-zustand')).hooklessZustand(await original<object>()));
vi.mock('zustand/react/shallow', () => ({ useShallow: <T>(select: T) => select }));
vi.mock('react', async (original) => ({
  ...(await original<typeof import('react')>()),
  useId: () => `id-${++effects.ids}`,
  useEffect: (effect: () => void | (() => void)) => void effects.pending.push(effect),
  useState: <T>(init: T | (() => T)) => [typeof init === 'function' ? (init as () => T)() : init, () => undefined],
}));

const { worker, resetWorker } = await import('./fake-worker');
const { setVideoElement, useWebcam, webcamContext } = await import('../src/state/webcam');
const { useModelInUse } = await import('../src/state/model-in-use');
const { useBackbone } = await import('../src/state/backbone');
const { LivePrediction } = await import('../src/ui/webcam/LivePrediction');
const { CameraPicker } = await import('../src/ui/webcam/CameraPicker');
type ModelInfo = import('../src/state/model-in-use').ModelInfo;

const initial = { webcam: useWebcam.getState(), model: useModelInUse.getState(), backbone: useBackbone.getState() };
const model: ModelInfo = { kind: 'trained', labels: ['a', 'b'], inputSize: 224, cropMode: 'center', name: 'run' };

/** a render: the component's output, then its effects run */
function render(component: () => ReactElement) {
  const out = elements(component());
  for (const effect of effects.pending.splice(0)) {
    const cleanup = effect();
    if (cleanup) effects.cleanups.push(cleanup);
  }
  return out;
}
/** the button an element is once rendered (WaitingButton drops its onClick while it waits) */
function button(el: ReactElement<Record<string, unknown>>) {
  const shown = typeof el.type === 'function' ? (el.type as (p: unknown) => ReactElement)(el.props) : el;
  return shown as ReactElement<{ onClick?: () => void; children?: unknown }>;
}
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: {} });
const originalDevices = Object.getOwnPropertyDescriptor(globalThis.navigator, 'mediaDevices');

beforeEach(() => {
  resetWorker();
  useWebcam.setState(initial.webcam, true);
  useModelInUse.setState(initial.model, true);
  useBackbone.setState(initial.backbone, true);
  Object.assign(globalThis, { createImageBitmap: async () => ({ close() {} }) });
  setVideoElement({ readyState: 4, videoWidth: 64, videoHeight: 48 } as HTMLVideoElement);
  webcamContext.connect({ model: () => useModelInUse.getState().model, hasClass: () => true, addImage: () => true });
});
afterEach(() => {
  for (const cleanup of effects.cleanups.splice(0)) cleanup();
  effects.pending.length = 0;
  useWebcam.getState().stop();
  setVideoElement(null);
  webcamContext.connect(null);
  if (originalDevices) Object.defineProperty(globalThis.navigator, 'mediaDevices', originalDevices);
  else delete (globalThis.navigator as { mediaDevices?: unknown }).mediaDevices;
});

describe('live classification while the backends are calibrated', () => {
  it('pauses (no frame classified), says why, and goes on once the calibration has finished', async () => {
    // each answer after a macrotask, as a worker's comes (answers at once would never let a timer run)
    const classifyFrame = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 1));
      return { classes: ['a', 'b'], probabilities: [0.9, 0.1], ms: 2 };
    });
    worker.classifyFrame = classifyFrame;
    useWebcam.setState({ status: 'on' });
    useModelInUse.setState({ model });
    useBackbone.setState({ calibrating: { done: 1, total: 3, detail: 'webgl: warming up' } });
    // an answer from before the calibration is not shown beside the pause, read as a live one
    useWebcam.setState({
      liveModel: model,
      live: { label: 'a', top: [{ name: 'a', p: 0.9 }], fps: 10, modelMs: 2, frameMs: 5, frames: 3 },
    });
    const during = render(LivePrediction);
    const hints = during.filter((e) => e.props.className === 'hint').map(textOf);
    expect(hints).toEqual([expect.stringMatching(/pause while the backends are calibrated/)]);
    expect(during.some((e) => e.props['data-testid'] === 'live-label')).toBe(false);
    await settle();
    expect(classifyFrame).not.toHaveBeenCalled();

    useBackbone.setState({ calibrating: null });
    for (const cleanup of effects.cleanups.splice(0)) cleanup();
    const after = render(LivePrediction);
    expect(after.filter((e) => e.props.className === 'hint')).toEqual([]);
    await vi.waitFor(() => expect(classifyFrame).toHaveBeenCalled());
  });
});

describe('live classification while the backbone loads or moves', () => {
  it('pauses and says why: every frame waited in the worker behind the load, the last answer shown as live', async () => {
    const classifyFrame = vi.fn(async () => ({ classes: ['a', 'b'], probabilities: [0.9, 0.1], ms: 2 }));
    worker.classifyFrame = classifyFrame;
    useWebcam.setState({
      status: 'on',
      liveModel: model,
      live: { label: 'a', top: [{ name: 'a', p: 0.9 }], fps: 10, modelMs: 2, frameMs: 5, frames: 3 },
    });
    useModelInUse.setState({ model });
    useBackbone.setState({ status: 'loading' });
    const during = render(LivePrediction);
    expect(during.filter((e) => e.props.className === 'hint').map(textOf)).toEqual([
      expect.stringMatching(/pause: the backbone loads or moves to another backend/),
    ]);
    expect(during.some((e) => e.props['data-testid'] === 'live-label')).toBe(false);
    await settle();
    expect(classifyFrame).not.toHaveBeenCalled();
    // Continue reading an imported model holds the worker too
    useBackbone.setState({ status: 'ready' });
    useModelInUse.setState({ switching: 'Continue training is reading m.zip' });
    for (const cleanup of effects.cleanups.splice(0)) cleanup();
    const continuing = render(LivePrediction);
    expect(continuing.some((e) => e.props['data-testid'] === 'live-label')).toBe(false);
    // said as what holds it (it said the backbone loads while a model was imported)
    expect(continuing.filter((e) => e.props.className === 'hint').map(textOf)).toEqual([
      'Live predictions pause: Continue training is reading m.zip',
    ]);
    await settle();
    expect(classifyFrame).not.toHaveBeenCalled();
  });
});

describe('live classification while the camera sends no pictures', () => {
  it('says why the live area is empty where the predictions go', () => {
    // the render's effect starts the live loop: it gets answers, should it run
    worker.classifyFrame = async () => ({ classes: ['a', 'b'], probabilities: [0.9, 0.1], ms: 2 });
    useWebcam.setState({ status: 'on', muted: true });
    useModelInUse.setState({ model });
    const shown = render(LivePrediction);
    expect(shown.filter((e) => e.props.className === 'hint').map(textOf)).toEqual([
      expect.stringMatching(/camera stopped sending pictures/),
    ]);
  });
});

describe('Start camera while the browser asks for permission', () => {
  it('is a Cancel that stops the start, with a hint where the prompt is; a camera that answers later is stopped', async () => {
    let answer!: (stream: MediaStream) => void;
    Object.defineProperty(globalThis.navigator, 'mediaDevices', {
      configurable: true,
      value: {
        enumerateDevices: async () => [],
        // the permission prompt: no answer until the test gives one
        getUserMedia: () => new Promise<MediaStream>((ok) => (answer = ok)),
      },
    });
    const starting = useWebcam.getState().start();
    expect(useWebcam.getState().status).toBe('starting');
    const out = render(CameraPicker);
    const toggle = out.find((e) => e.props['data-camera-toggle'])!;
    expect(textOf(toggle)).toBe('Cancel');
    const hint = out.find((e) => e.props.id === toggle.props['aria-describedby'])!;
    expect(textOf(hint)).toMatch(/answer the browser’s camera prompt \(near the address bar\)/);
    button(toggle).props.onClick!();
    expect(useWebcam.getState().status).toBe('off');
    expect(textOf(render(CameraPicker).find((e) => e.props['data-camera-toggle'])!)).toBe('Start camera');

    const track = { stop: vi.fn(), getSettings: () => ({ deviceId: 'cam' }), addEventListener() {} };
    answer({ getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream);
    await starting;
    expect(track.stop).toHaveBeenCalled();
    expect(useWebcam.getState()).toMatchObject({ status: 'off', stream: null });
  });
});
