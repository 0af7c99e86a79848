import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { elements, textOf } from './a11y-tree';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// the components are called as functions (Node has no DOM): a store's hook reads its state, and
// effects are kept for the test to run, as React runs them after a render
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
  useRef: <T>(current: T) => ({ current }),
  useEffect: (effect: () => void | (() => void)) => void effects.pending.push(effect),
  useState: <T>(init: T | (() => T)) => [typeof init === 'function' ? (init as () => T)() : init, () => undefined],
}));

const { worker } = await import('./fake-worker');
const { MUTED_NOTE, useWebcam } = await import('../src/state/webcam');
const { useModelInUse } = await import('../src/state/model-in-use');
const { LivePrediction } = await import('../src/ui/webcam/LivePrediction');
const { CapturePanel } = await import('../src/ui/webcam/CapturePanel');
const { setHidden, setMuted, webcamCaptureEachTest } = await import('./helpers-webcam-capture');

const HIDDEN_NOTE = /Recording stopped when the tab was hidden/;

/** a render: the component's output, then its effects run */
function render(component: () => ReactElement) {
  const out = elements(component());
  for (const effect of effects.pending.splice(0)) {
    const cleanup = effect();
    if (cleanup) effects.cleanups.push(cleanup);
  }
  return out;
}
/** what the live area says in place of predictions */
const liveHints = () =>
  render(LivePrediction)
    .filter((e) => e.props.className === 'hint')
    .map(textOf);
/** what is said beside the record button (its alerts) */
const captureNotes = () =>
  render(CapturePanel)
    .filter((e) => e.props.role === 'alert')
    .map(textOf)
    .filter(Boolean);

/** whether the next camera's track starts muted */
let startMuted = false;

// no frame ready: nothing is recorded or classified, the notes are what is looked at; each test
// starts the camera itself
webcamCaptureEachTest({ video: null, start: false, track: () => ({ muted: startMuted }) });
beforeEach(() => {
  // the live area's render starts the live loop: it gets answers
  worker.classifyFrame = async () => ({ classes: ['a', 'b'], probabilities: [0.9, 0.1], ms: 2 });
  useModelInUse.setState({
    model: { kind: 'trained', labels: ['a', 'b'], inputSize: 224, cropMode: 'center', name: 'm' },
  });
  startMuted = false;
});
afterEach(() => {
  for (const cleanup of effects.cleanups.splice(0)) cleanup();
  effects.pending.length = 0;
});

describe('a muted camera and the notes beside the record button', () => {
  it('muted during a hold, then the tab hidden and shown again: the camera is still said to send nothing', async () => {
    await useWebcam.getState().start();
    useWebcam.getState().setCaptureClass('c3');
    useWebcam.getState().startRecording();
    setMuted(true);
    setHidden(true);
    setHidden(false);
    expect(liveHints()).toEqual([expect.stringMatching(/camera stopped sending pictures/)]);
    expect(useWebcam.getState().muted).toBe(true);
    // both apply: the hold was stopped by the hidden tab, and the camera still sends nothing
    const notes = captureNotes();
    expect(notes).toContain(MUTED_NOTE);
    expect(notes).toContainEqual(expect.stringMatching(HIDDEN_NOTE));
  });

  it('a note of the tab hidden survives the camera muting and unmuting', async () => {
    await useWebcam.getState().start();
    useWebcam.getState().setCaptureClass('c3');
    useWebcam.getState().startRecording();
    setHidden(true);
    setHidden(false);
    setMuted(true);
    expect(useWebcam.getState().recordNote).toMatch(HIDDEN_NOTE);
    expect(captureNotes()).toHaveLength(2);
    setMuted(false);
    expect(useWebcam.getState()).toMatchObject({ muted: false, recordNote: expect.stringMatching(HIDDEN_NOTE) });
    expect(captureNotes()).toEqual([expect.stringMatching(HIDDEN_NOTE)]);
    expect(liveHints()).toEqual([]);
  });

  it('a camera whose track starts muted is said at once; Stop forgets it', async () => {
    startMuted = true;
    await useWebcam.getState().start();
    expect(useWebcam.getState().muted).toBe(true);
    expect(captureNotes()).toEqual([MUTED_NOTE]);
    useWebcam.getState().stop();
    expect(useWebcam.getState().muted).toBe(false);
    expect(captureNotes()).toEqual([]);
  });

  it('a press while muted clears the last hold’s note, and the muted camera is still said', async () => {
    await useWebcam.getState().start();
    useWebcam.getState().setCaptureClass('c3');
    useWebcam.getState().startRecording();
    setHidden(true);
    setHidden(false);
    setMuted(true);
    useWebcam.getState().startRecording();
    useWebcam.getState().stopRecording();
    expect(useWebcam.getState().recordNote).toBeNull();
    expect(captureNotes()).toEqual([MUTED_NOTE]);
  });
});
