import type { FunctionComponent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { filePickers, markup, seed, type PropsArgs } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { FilePicker } = await import('../src/ui/FilePicker');
const { DataPanel } = await import('../src/ui/DataPanel');
const { BackbonePicker } = await import('../src/ui/BackbonePicker');
const { CustomBackbone } = await import('../src/ui/CustomBackbone');
const { useCustomBackbone } = await import('../src/state/custom-backbone');

const pickers = <P extends object>(el: FunctionComponent<P>, ...props: PropsArgs<P>) =>
  filePickers(markup(el, ...props));

describe('a file picker is named by the words on its label first (WCAG 2.5.3: speech users say what they see)', () => {
  it("the label's words, then what the picker is for", () => {
    const [p] = pickers(FilePicker, {
      children: 'choose files',
      ariaLabel: 'Add images to cats',
      onFiles: () => undefined,
    });
    expect(p.visible).toBe('choose files');
    expect(p.name.startsWith('choose files'), p.name).toBe(true);
    expect(p.name).toContain('Add images to cats');
  });

  it("the studio's own pickers: Add folders…, Load backbone from files…, Choose model.json and weights…", () => {
    const all = [...pickers(DataPanel), ...pickers(BackbonePicker), ...pickers(CustomBackbone)];
    expect(all.map((p) => p.visible)).toEqual([
      'Add folders…',
      // BackbonePicker holds the custom one too
      'Choose model.json and weights…',
      'Load backbone from files…',
      'Choose model.json and weights…',
    ]);
    for (const p of all) expect(p.name.startsWith(p.visible), p.name).toBe(true);
    // the words after the label say more than the label, not the same again
    for (const p of all) expect(p.name.length).toBeGreaterThan(p.visible.length + 3);
  });
});

describe('a picker that waits keeps the focus (a disabled input dropped it to the page)', () => {
  it('waiting: aria-disabled, not disabled', () => {
    const [p] = pickers(FilePicker, { children: 'Pick', ariaLabel: 'a file', waiting: true, onFiles: () => undefined });
    expect(p.attrs['aria-disabled']).toBe('true');
    expect(p.attrs.disabled).toBeUndefined();
  });

  it('disabled stays disabled (a picker that cannot be used at all)', () => {
    const [p] = pickers(FilePicker, {
      children: 'Pick',
      ariaLabel: 'a file',
      disabled: true,
      onFiles: () => undefined,
    });
    expect(p.attrs.disabled).toBeDefined();
  });

  it("the brought backbone's picker waits while its files are read, rather than disabling itself", () => {
    seed(useCustomBackbone, { inspecting: true });
    const [p] = pickers(CustomBackbone);
    expect(p.attrs.disabled).toBeUndefined();
    expect(p.attrs['aria-disabled']).toBe('true');
  });
});
