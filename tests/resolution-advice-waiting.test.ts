import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { elements } from './a11y-tree';
import { parse } from './a11y-html';

// The note's "Use …" button waits while the backbone cannot change (the backends' calibration on
// the first visit, a run): `disabled` dropped a keyboard user's focus to the page without a word.

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// the component is called as a function: its hooks answer at once, the sizes it read set by the test
const read = vi.hoisted(() => ({ sizes: null as unknown }));
vi.mock('zustand', async (original) => (await import('./hookless-zustand')).hooklessZustand(await original<object>()));
vi.mock('react', async (original) => ({
  ...(await original<typeof import('react')>()),
  useEffect: () => undefined,
  useMemo: <T>(make: () => T) => make(),
  useState: () => [read.sizes, () => undefined],
}));

const { useProject } = await import('../src/state/project');
const { spreadSample } = await import('../src/ui/resolution-advice');
const { ResolutionAdviceNote } = await import('../src/ui/ResolutionAdvice');

const photo = (i: number) => new File([new Uint8Array([1])], `p${i}.jpg`, { type: 'image/jpeg' });

beforeEach(() => {
  const images = Array.from({ length: 20 }, (_, i) => ({ id: `i${i}`, file: photo(i), url: '' }));
  useProject.setState({ adding: null, classes: [{ id: 'c', name: 'flowers', images }] });
  const files = spreadSample(images.map((i) => i.file));
  read.sizes = { of: files, sizes: files.map(() => ({ width: 500, height: 333 })) };
});

/** the note's button, as the page renders it, and its element (to press) */
function rendered(disabled: boolean, onPick: (id: string) => void) {
  const note = ResolutionAdviceNote({ selected: 'mobilenet-v1-0.25', disabled, onPick }) as ReactElement;
  const html = parse(renderToStaticMarkup(note));
  const find = (n: ReturnType<typeof parse>): ReturnType<typeof parse> | undefined =>
    n.tag === 'button' ? n : n.children.map(find).find(Boolean);
  const button = find(html)!;
  const el = elements(note).find((e) => typeof e.type === 'function' || e.type === 'button')!;
  const shown = typeof el.type === 'function' ? (el.type as (p: unknown) => ReactElement)(el.props) : el;
  return { attrs: button.attrs, text: button.text, press: (shown.props as { onClick?: () => void }).onClick };
}

describe('the resolution advice while the backbone cannot change', () => {
  it('keeps the focus on its button (aria-disabled, not disabled), says why, and ignores a press', () => {
    const onPick = vi.fn();
    const button = rendered(true, onPick);
    expect(button.text).toBe('Use MobileNet v1 α0.25 at 320 px');
    expect(button.attrs['aria-disabled']).toBe('true');
    expect(button.attrs.disabled).toBeUndefined();
    // the picker's own words for why (the calibration, or the run), whichever it shows
    expect(button.attrs['aria-describedby']?.split(' ').sort()).toEqual(['backbone-locked', 'backbone-waiting']);
    button.press?.();
    expect(onPick).not.toHaveBeenCalled();
  });

  it('otherwise a plain button', () => {
    const button = rendered(false, () => undefined);
    expect(button.attrs['aria-disabled']).toBeUndefined();
    expect(button.attrs['aria-describedby']).toBeUndefined();
    expect(button.attrs.disabled).toBeUndefined();
    expect(button.press).toBeTypeOf('function');
  });
});
