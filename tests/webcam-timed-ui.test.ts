import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { elements, textOf } from './a11y-tree';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// the components are called as functions (tests/webcam-fix-ui.test.ts): their hooks answer from the
// stores at once, and their effects are kept for the test to run, as React runs them after a render
const effects = vi.hoisted(() => ({ pending: [] as (() => void | (() => void))[], ids: 0 }));
vi.mock('zustand', async (original) => (await import('./hookless-zustand')).hooklessZustand(await original<object>()));
vi.mock('react', async (original) => ({
  ...(await original<typeof import('react')>()),
  useId: () => `id-${++effects.ids}`,
  useEffect: (effect: () => void | (() => void)) => void effects.pending.push(effect),
  useState: <T>(init: T | (() => T)) => [typeof init === 'function' ? (init as () => T)() : init, () => undefined],
  useRef: <T>(current: T) => ({ current }),
}));

const { setVideoElement, useWebcam, webcamContext } = await import('../src/state/webcam');
const { useProject } = await import('../src/state/project');
const { CaptureHint, CapturePanel } = await import('../src/ui/webcam/CapturePanel');
const { CameraView } = await import('../src/ui/webcam/CameraView');

type El = ReactElement<Record<string, unknown>>;
const initial = { webcam: useWebcam.getState(), project: useProject.getState() };

/** the elements of an output, with those of the components in it (called with their props) */
function expanded(node: ReactElement): El[] {
  return elements(node).flatMap((e) =>
    typeof e.type === 'function' ? [e, ...expanded((e.type as (p: unknown) => ReactElement)(e.props))] : [e],
  );
}
function render(component: () => ReactElement): El[] {
  const out = expanded(component());
  for (const effect of effects.pending.splice(0)) effect();
  return out;
}
/** the control a <label> names */
function labelled(out: El[], label: string): El {
  const l = out.find((e) => e.type === 'label' && textOf(e) === label);
  const control = l && out.find((e) => e.props.id === l.props.htmlFor);
  if (!control) throw new Error(`no control labelled ${label}`);
  return control;
}
const buttonNamed = (out: El[], name: RegExp) =>
  out.find((e) => e.type === 'button' && name.test(textOf(e))) as ReactElement<
    Record<string, unknown> & {
      onClick(): void;
      disabled?: boolean;
      onKeyDown(e: unknown): void;
    }
  >;
const status = (out: El[]) => textOf(out.find((e) => e.props.role === 'status')!);
const overlay = (out: El[]) => out.find((e) => e.props['data-testid'] === 'timed-overlay');
const timedLeft = (out: El[]) => out.find((e) => e.props['data-testid'] === 'timed-left')!;

beforeEach(() => {
  useWebcam.setState(initial.webcam, true);
  useProject.setState({ classes: [{ id: 'c3', name: 'three', images: [] }] });
  // no frames: the camera shows nothing yet (what is recorded is tests/webcam-capture-*.test.ts's)
  setVideoElement(null);
  webcamContext.connect({ model: () => null, hasClass: (id) => id === 'c3', addImage: () => true });
  useWebcam.setState({ status: 'on', captureClassId: 'c3', timedDelay: 3, timedDuration: 5 });
});
afterEach(() => {
  useWebcam.getState().stopRecording();
  useProject.setState(initial.project, true);
  webcamContext.connect(null);
  effects.pending.length = 0;
});

describe('timed recording in the capture panel', () => {
  it('offers a countdown and a length beside Hold to record, and says the timed way in the hint', () => {
    const out = render(CapturePanel);
    expect(labelled(out, 'Countdown (s)').props).toMatchObject({ type: 'number', value: 3, min: 0, max: 10 });
    expect(labelled(out, 'Record for (s)').props).toMatchObject({ type: 'number', value: 5, min: 1, max: 60 });
    const start = buttonNamed(out, /^Start timed recording into three$/);
    expect(start.props.disabled).toBe(false);
    // the description stands apart from the controls, under the live answer (WebcamPanel)
    const hint = render(CaptureHint).find((e) => e.props.id === start.props['aria-describedby'])!;
    expect(textOf(hint)).toMatch(/Start timed recording/);
    expect(overlay(render(CameraView))).toBeUndefined();
  });

  it('a field takes whole seconds within its limits', () => {
    const out = render(CapturePanel);
    const change = (el: El, valueAsNumber: number) =>
      (el.props.onChange as (e: unknown) => void)({ target: { value: String(valueAsNumber), valueAsNumber } });
    change(labelled(out, 'Countdown (s)'), 99);
    change(labelled(out, 'Record for (s)'), 0);
    expect(useWebcam.getState()).toMatchObject({ timedDelay: 10, timedDuration: 1 });
  });

  it('counts down on the button, over the picture and to a screen reader, then records; the button stops it', () => {
    buttonNamed(render(CapturePanel), /^Start timed recording/).props.onClick();
    expect(useWebcam.getState().timed).toMatchObject({ phase: 'countdown', secondsLeft: 3 });
    let out = render(CapturePanel);
    expect(textOf(buttonNamed(out, /^Cancel/))).toBe('Cancel countdown');
    expect(textOf(timedLeft(out))).toBe('starts in 3 s');
    expect(status(out)).toBe('Recording into three in 3 seconds');
    // nothing else records meanwhile, and the class stays
    expect(buttonNamed(out, /^Hold to record/).props.disabled).toBe(true);
    expect(labelled(out, 'Record into').props.disabled).toBe(true);
    expect(labelled(out, 'Countdown (s)').props.disabled).toBe(true);
    expect(textOf(overlay(render(CameraView))!)).toBe('3');
    // the next second changes the words beside it, not the name a screen reader has just read
    useWebcam.setState({ timed: { ...useWebcam.getState().timed!, secondsLeft: 2 } });
    expect(textOf(buttonNamed(render(CapturePanel), /^Cancel/))).toBe('Cancel countdown');
    expect(textOf(timedLeft(render(CapturePanel)))).toBe('starts in 2 s');

    useWebcam.setState({ recording: true, timed: { phase: 'recording', endsAt: 0, secondsLeft: 4 } });
    out = render(CapturePanel);
    const stop = buttonNamed(out, /^Stop/);
    expect(textOf(stop)).toBe('Stop recording');
    expect(textOf(timedLeft(out))).toBe('4 s left');
    expect(status(out)).toBe('Recording');
    expect(textOf(overlay(render(CameraView))!)).toBe('● REC 4 s');
    stop.props.onClick();
    expect(useWebcam.getState()).toMatchObject({ timed: null, recording: false });

    // once it ends, the total is said, as after a hold
    useWebcam.setState({ recorded: 12 });
    out = render(CapturePanel);
    expect(status(out)).toBe('12 frames recorded into three');
    expect(textOf(buttonNamed(out, /^Start timed/))).toBe('Start timed recording into three');
  });

  it('a key held down on the button does not start and cancel it over and over', () => {
    const start = buttonNamed(render(CapturePanel), /^Start timed recording/);
    const preventDefault = vi.fn();
    start.props.onKeyDown({ key: 'Enter', repeat: true, preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it('the class deleted during the countdown ends it', () => {
    useWebcam.getState().startTimed();
    expect(useWebcam.getState().timed).not.toBeNull();
    useProject.setState({ classes: [{ id: 'c7', name: 'seven', images: [] }] });
    render(CapturePanel);
    expect(useWebcam.getState().timed).toBeNull();
  });
});
