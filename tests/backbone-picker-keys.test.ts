import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StateCreator } from 'zustand/vanilla';
import type { ReactElement } from 'react';
import { elements, textOf } from './a11y-tree';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// the component is called as a function (no DOM in Node): a store's hook reads its state, and the
// component's own state and refs are kept across calls by the order they are asked for, as React does
vi.mock('zustand', async (original) => {
  const { createStore } = await import('zustand/vanilla');
  const create = (init: StateCreator<unknown>) => {
    const api = createStore(init);
    return Object.assign((select = (s: unknown) => s) => select(api.getState()), api);
  };
  return { ...(await original<object>()), create };
});
vi.mock('zustand/react/shallow', () => ({ useShallow: <T>(select: T) => select }));
const hooks = vi.hoisted(() => ({ slots: [] as unknown[], at: 0 }));
vi.mock('react', async (original) => {
  const slot = <T>(init: () => T): [number, T] => {
    const i = hooks.at++;
    if (!(i in hooks.slots)) hooks.slots[i] = init();
    return [i, hooks.slots[i] as T];
  };
  return {
    ...(await original<typeof import('react')>()),
    useId: () => 'picker',
    useEffect: () => undefined,
    useRef: <T>(current: T) => slot(() => ({ current }))[1],
    useState: <T>(init: T) => {
      const [i, value] = slot(() => init);
      return [value, (v: T) => (hooks.slots[i] = v)];
    },
  };
});

const { BackbonePicker } = await import('../src/ui/BackbonePicker');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');

type Props = Record<string, unknown> & { value?: string; checked?: boolean; 'aria-describedby'?: string };
type Element = ReactElement<Props>;

const V1 = 'mobilenet-v1-0.25';
const V2 = 'mobilenet-v2-0.35';
const render = () => {
  hooks.at = 0;
  return elements(BackbonePicker()) as Element[];
};
const radio = (out: Element[], id: string) =>
  out.find((e) => e.type === 'input' && e.props.type === 'radio' && e.props.value === id)!;
const label = (out: Element[], id: string) =>
  out.find((e) => e.type === 'label' && elements(e.props.children as never).some((c) => c.props.value === id))!;
const call = (el: Element, handler: string, event: object = {}) => (el.props[handler] as (e: object) => void)(event);
const key = (out: Element[], id: string, name: string) =>
  call(radio(out, id), 'onKeyDown', {
    key: name,
    currentTarget: { value: id, closest: () => null },
    preventDefault: () => undefined,
  });
/** what the browser does for an arrow key: the keydown on the focused option, the change on the next */
const arrow = (from: string, to: string) => {
  const out = render();
  key(out, from, 'ArrowDown');
  call(radio(out, to), 'onChange');
};
const useButton = (out: Element[]) =>
  out.find((e) => e.type === 'button' && textOf(e).startsWith('Use ') && e.props.className !== 'ghost');

let select: ReturnType<typeof vi.fn<(id: string) => Promise<void>>>;
beforeEach(() => {
  hooks.slots = [];
  select = vi.fn<(id: string) => Promise<void>>(async () => undefined);
  useBackbone.setState({ selected: V1, status: 'ready', calibrating: null, loaded: null, held: null, select });
  useTraining.setState({ result: null, status: 'idle' });
});

describe('the backbone list from the keyboard', () => {
  it('an arrow only marks the next backbone: nothing loads, and its Use button says how to load it', () => {
    arrow(V1, V2);
    expect(select).not.toHaveBeenCalled();
    const out = render();
    expect(radio(out, V2).props.checked).toBe(true);
    expect(radio(out, V1).props.checked).toBe(false);
    expect(textOf(useButton(out)!)).toBe('Use MobileNetV2 α0.35');
    const hint = out.find((e) => e.props.id === radio(out, V2).props['aria-describedby']!.split(' ')[0])!;
    expect(textOf(hint)).toMatch(/^Not loaded yet: press Enter or the Use button to load it\./);
  });

  it('Enter on the marked backbone loads it', () => {
    arrow(V1, V2);
    key(render(), V2, 'Enter');
    expect(select).toHaveBeenCalledWith(V2);
  });

  it('its Use button loads it', () => {
    vi.stubGlobal('requestAnimationFrame', () => 0);
    arrow(V1, V2);
    call(useButton(render())!, 'onClick', { currentTarget: { closest: () => null } });
    expect(select).toHaveBeenCalledWith(V2);
    vi.unstubAllGlobals();
  });

  it('Escape gives the mark up: the backbone in use is the one ticked again, nothing loads', () => {
    arrow(V1, V2);
    key(render(), V2, 'Escape');
    const out = render();
    expect(radio(out, V1).props.checked).toBe(true);
    expect(useButton(out)).toBeUndefined();
    expect(select).not.toHaveBeenCalled();
  });

  it('arrowing back to the backbone in use gives the mark up', () => {
    arrow(V1, V2);
    arrow(V2, V1);
    expect(useButton(render())).toBeUndefined();
    expect(select).not.toHaveBeenCalled();
  });

  it('the backbone in use says so while another is marked, beside its name (which stays its name)', () => {
    useBackbone.setState({ loaded: { id: V1, source: 'local', paramCount: 1 } as never });
    const inUse = (out: Element[]) => out.filter((e) => e.props.className === 'backbone-in-use');
    expect(inUse(render())).toHaveLength(0);
    arrow(V1, V2);
    const out = render();
    expect(inUse(out)).toHaveLength(1);
    expect(inUse(out)[0].props['aria-hidden']).toBe('true');
    expect(elements(label(out, V1).props.children as never)).toContain(inUse(out)[0]);
  });

  it('warns that loading it sets a trained model aside', () => {
    useTraining.setState({ result: {} as never, notKept: null, resultStored: true });
    useBackbone.setState({ loaded: { id: V1, source: 'local', paramCount: 1 } as never });
    arrow(V1, V2);
    expect(textOf(render().find((e) => e.props.className === 'hint' && textOf(e).startsWith('Not loaded'))!)).toMatch(
      /Loading it sets your trained model aside: picking MobileNet v1 α0\.25 again brings it back\.$/,
    );
  });
});

describe('the backbone list by pointer', () => {
  it('a click or tap on a backbone loads it at once, with no Use button', () => {
    const out = render();
    call(label(out, V2), 'onPointerDown');
    call(radio(out, V2), 'onChange');
    expect(select).toHaveBeenCalledWith(V2);
    expect(useButton(render())).toBeUndefined();
  });

  it('a click without a key or pointer behind it (a screen reader, voice control) loads at once too', () => {
    call(radio(render(), V2), 'onChange');
    expect(select).toHaveBeenCalledWith(V2);
  });
});
