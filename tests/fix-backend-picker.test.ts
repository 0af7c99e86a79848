import { describe, expect, it, vi } from 'vitest';
import type { StateCreator } from 'zustand/vanilla';
import { elements, textOf } from './a11y-tree';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// the component is called as a function: its hooks answer from the stores at once, without React
// rendering it (zustand's own hooks need React's dispatcher: a store's hook reads its state instead)
vi.mock('zustand', async (original) => {
  const { createStore } = await import('zustand/vanilla');
  const create = (init: StateCreator<unknown>) => {
    const api = createStore(init);
    return Object.assign((select = (s: unknown) => s) => select(api.getState()), api);
  };
  return { ...(await original<object>()), create };
});
vi.mock('zustand/react/shallow', () => ({ useShallow: <T>(select: T) => select }));
vi.mock('react', async (original) => ({
  ...(await original<typeof import('react')>()),
  useId: () => 'picker',
  useEffect: () => undefined,
  useRef: <T>(current: T) => ({ current }),
  useState: <T>(init: T | (() => T)) => [typeof init === 'function' ? (init as () => T)() : init, () => undefined],
}));

const { BackbonePicker } = await import('../src/ui/BackbonePicker');
const { FilePicker } = await import('../src/ui/FilePicker');
const { useBackbone } = await import('../src/state/backbone');

const radios = () =>
  elements(BackbonePicker())
    .filter((e) => e.type === 'input' && e.props.type === 'radio')
    .map((e) => e.props as { value: string; 'aria-disabled'?: boolean; onChange(): void });

describe('the backbone picker while the backends are calibrated', () => {
  it('keeps its options focusable but ignores picks, says why, and takes picks again after', () => {
    const select = vi.fn(async () => undefined);
    useBackbone.setState({ selected: 'mobilenet-v1-0.25', status: 'ready', select });
    useBackbone.setState({ calibrating: { done: 1, total: 3, detail: 'webgl: warming up' } });
    const out = elements(BackbonePicker());
    const options = radios();
    expect(options.length).toBeGreaterThan(1);
    expect(options.every((o) => o['aria-disabled'] === true)).toBe(true);
    options.at(-1)!.onChange();
    expect(select).not.toHaveBeenCalled();
    const fieldset = out.find((e) => e.type === 'fieldset')!;
    // not `disabled`: that dropped the focus of a keyboard user moving through the options
    expect(fieldset.props.disabled).toBe(false);
    const why = out.find((e) => e.props.id === fieldset.props['aria-describedby'])!;
    expect(textOf(why)).toMatch(/calibrated.*once the calibration has finished/s);
    // backbone files dropped meanwhile wait too
    expect(out.find((e) => e.type === FilePicker)!.props.waiting).toBe(true);

    useBackbone.setState({ calibrating: null });
    const after = radios();
    expect(after.every((o) => o['aria-disabled'] === undefined)).toBe(true);
    after.at(-1)!.onChange();
    expect(select).toHaveBeenCalledWith(after.at(-1)!.value);
  });
});
